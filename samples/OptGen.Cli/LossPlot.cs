using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ScottPlot;

namespace OptGen.Cli;

/// <summary>Draws each optimizer's training loss (solid) and test loss (dashed) per epoch, log-scaled, to a PNG.</summary>
internal static class LossPlot
{
    public static void Save(IReadOnlyList<RunResult> results, string path)
    {
        var plot = new Plot();
        for (int i = 0; i < results.Count; i++)
        {
            RunResult r = results[i];
            double[] epochs = r.History.Select(h => (double)h.Epoch).ToArray();
            Color color = plot.Add.Palette.GetColor(i);
            var train = plot.Add.Scatter(epochs, r.History.Select(h => Math.Log10(h.TrainLoss)).ToArray());
            train.Color = color;
            train.LineWidth = 2;
            train.MarkerSize = 0;
            train.LegendText = $"{r.Choice.Title} train";
            double[] testLoss = r.History.Select(h => Math.Log10(h.Validation?.Loss ?? double.NaN)).ToArray();
            if (testLoss.All(double.IsFinite))
            {
                var test = plot.Add.Scatter(epochs, testLoss);
                test.Color = color;
                test.LineWidth = 2;
                test.MarkerSize = 0;
                test.LinePattern = LinePattern.Dashed;
                test.LegendText = $"{r.Choice.Title} test";
            }
        }
        plot.Title("optdigits MLP: cross-entropy loss per epoch");
        plot.XLabel("epoch");
        plot.YLabel("loss (log scale)");
        // ScottPlot draws log axes as log10 data with ticks labelled back in the original units.
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString("G3", CultureInfo.InvariantCulture),
        };
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 960, 600);
    }
}

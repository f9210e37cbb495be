using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using OptGen.Data;
using Spectre.Console;

namespace OptGen.Cli;

/// <summary>The program's one job: load, train with each optimizer, report, plot, print the final accuracy.</summary>
internal static class TrainCommand
{
    public static int Run(CliSettings settings)
    {
        long started = Stopwatch.GetTimestamp();
        (Dataset train, Dataset test) = LoadData(settings);
        var scaler = Standardizer.Fit(train, settings.Scaling);
        train = scaler.Apply(train);
        test = scaler.Apply(test);
        int classes = Math.Max(train.ClassCount, test.ClassCount);
        int[] sizes = Architecture(settings.Layers, train.Columns, classes);

        // Two short lines: redirected output is wrapped at 80 columns.
        AnsiConsole.MarkupLine($"[bold]OptGen[/] MLP {string.Join("-", sizes)} on [blue]{Markup.Escape(Path.GetFileName(train.Source ?? "data"))}[/] "
            + $"({train.Rows} train / {test.Rows} test rows, {classes} classes)");
        AnsiConsole.MarkupLine($"{settings.Epochs} epochs, batch {settings.BatchSize}, {settings.Schedule} schedule, "
            + $"dropout {settings.Dropout.ToString(CultureInfo.InvariantCulture)}, {settings.Scaling} scaling, seed {settings.Seed}");

        var runner = new ExperimentRunner(settings, train, test, sizes);
        IReadOnlyList<OptimizerChoice> choices = OptimizerChoice.Select(settings.Optimizer);
        List<RunResult> results = ProgressView.RunAll(choices, settings.Epochs, runner.Run);

        var table = new Table().AddColumns("optimizer", "final train loss", "test loss", "test accuracy", "time");
        foreach (RunResult r in results)
        {
            table.AddRow(Markup.Escape(r.Choice.Title), ProgressView.Format(r.History.LastOrDefault()?.TrainLoss),
                ProgressView.Format(r.Test.Loss), ProgressView.Format(r.Test.Accuracy), $"{r.Elapsed.TotalSeconds:F1} s");
        }
        AnsiConsole.Write(table);

        if (settings.PlotPath is { } plotPath)
        {
            LossPlot.Save(results, plotPath);
            AnsiConsole.MarkupLine($"loss curves written to [blue]{Markup.Escape(Path.GetFullPath(plotPath))}[/]");
        }
        AnsiConsole.MarkupLine($"total time {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");

        // The last line is the contract: the accuracy of the DSL optimizer (or of the one optimizer trained).
        RunResult headline = results.FirstOrDefault(r => r.Choice == OptimizerChoice.Dsl) ?? results[^1];
        Console.Out.Flush();
        Console.WriteLine($"test accuracy: {headline.Test.Accuracy!.Value.ToString("F4", CultureInfo.InvariantCulture)}");
        return 0;
    }

    private static (Dataset Train, Dataset Test) LoadData(CliSettings settings)
    {
        string trainPath = settings.DataPath ?? RepoPaths.BundledData("optdigits.tra");
        Dataset train = OptdigitsLoader.Load(trainPath);
        if (settings.TestPath is { } testPath)
            return (train, OptdigitsLoader.Load(testPath, train.ClassNames));
        if (settings.DataPath is null)
            return (train, OptdigitsLoader.Load(RepoPaths.BundledData("optdigits.tes"), train.ClassNames));
        return HoldOut(train, 0.2, settings.Seed);
    }

    /// <summary>A seeded random split, for a training file given without a test file.</summary>
    private static (Dataset, Dataset) HoldOut(Dataset data, double fraction, ulong seed)
    {
        var rng = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
        int[] order = Enumerable.Range(0, data.Rows).ToArray();
        rng.Shuffle(order);
        int testRows = Math.Max(1, (int)(data.Rows * fraction));
        return (Subset(data, order[testRows..]), Subset(data, order[..testRows]));
    }

    private static Dataset Subset(Dataset data, int[] rows)
    {
        var features = new float[rows.Length * data.Columns];
        for (int i = 0; i < rows.Length; i++)
            data.Row(rows[i]).CopyTo(features.AsSpan(i * data.Columns, data.Columns));
        return new Dataset(features, data.Columns, rows.Select(r => data.Labels![r]).ToArray(), null, data.ClassNames, data.Source);
    }

    /// <summary>
    /// Full sizes when the list starts with the input width and ends with the class count; otherwise hidden sizes.
    /// </summary>
    private static int[] Architecture(int[]? layers, int inputs, int classes)
    {
        if (layers is null)
            return [inputs, 256, classes];
        if (layers.Length >= 2 && layers[0] == inputs && layers[^1] == classes)
            return layers;
        return [inputs, .. layers, classes];
    }
}

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
    public static int Run(CliSettings settings, CliConsole console)
    {
        long started = Stopwatch.GetTimestamp();
        List<RunResult> results = Train(settings, console);

        var table = new Table().AddColumns("optimizer", "final train loss", "test loss", "test accuracy", "time");
        foreach (RunResult r in results)
        {
            table.AddRow(Markup.Escape(r.Choice.Title), ProgressView.Format(r.History.LastOrDefault()?.TrainLoss),
                ProgressView.Format(r.Test.Loss), ProgressView.Format(r.Test.Accuracy), $"{r.Elapsed.TotalSeconds:F1} s");
        }
        console.Rich.Write(table);
        RunResult headline = Headline(results);
        if (headline.ClassScores is { } scores)
            console.Rich.Write(ClassReport.ToTable(headline.Choice.Title, scores));

        if (settings.PlotPath is { } plotPath)
        {
            LossPlot.Save(results, plotPath);
            console.Rich.MarkupLine($"loss curves written to [blue]{Markup.Escape(Path.GetFullPath(plotPath))}[/]");
        }
        foreach (RunResult r in results.Where(r => !r.Finished))
            console.Rich.MarkupLine($"{Markup.Escape(r.Choice.Title)} paused after epoch {r.History.Count}: rerun to continue");
        console.Rich.MarkupLine($"total time {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");

        // The last line is the contract: the accuracy of the DSL optimizer (or of the one optimizer trained).
        console.Plain.Flush();
        console.Plain.WriteLine($"test accuracy: {headline.Test.Accuracy!.Value.ToString("F4", CultureInfo.InvariantCulture)}");
        return 0;
    }

    /// <summary>Loads the data, prints the header and trains every selected optimizer (the job without its report).</summary>
    public static List<RunResult> Train(CliSettings settings, CliConsole console)
    {
        // Optimizer names and --set values are checked before the data is read: a typo costs no loading or training.
        IReadOnlyList<OptimizerChoice> choices = OptimizerChoice.Select(settings.Optimizer);
        string[] hyperparameters = choices.Select(c => $"{c.Title}: {OptimizerSetup.Describe(OptimizerSetup.Create(c, settings))}").ToArray();

        (Dataset train, Dataset test) = LoadData(settings);
        (train, test) = Scaling.Apply(settings.Scaling, train, test);
        settings = settings with { Epochs = EpochsFor(settings, train.Rows) };
        int classes = Math.Max(train.ClassCount, test.ClassCount);
        int[] sizes = Architecture(settings.Layers, train.Columns, classes);

        // Two short lines: redirected output is wrapped at 80 columns.
        console.Rich.MarkupLine($"[bold]OptGen[/] MLP {string.Join("-", sizes)} on [blue]{Markup.Escape(Path.GetFileName(train.Source ?? "data"))}[/] "
            + $"({train.Rows} train / {test.Rows} test rows, {classes} classes)");
        console.Rich.MarkupLine($"{settings.Epochs} epochs, batch {settings.BatchSize}, {settings.Schedule} schedule, "
            + $"dropout {settings.Dropout.ToString(CultureInfo.InvariantCulture)}, {settings.Scaling} scaling, seed {settings.Seed}");
        if (train.ClassNames is { Length: > 0 } names)
            console.Rich.MarkupLine($"classes: {Markup.Escape(ClassList(names))}");
        foreach (string line in hyperparameters)
            console.Rich.MarkupLine(Markup.Escape(line)); // base rates: the schedule scales them during the run

        var runner = new ExperimentRunner(settings, train, test, sizes, several: choices.Count > 1)
        {
            Note = console.Interactive ? null : console.Plain.WriteLine, // a live display would be garbled by extra lines
        };
        return ProgressView.RunAll(console, choices, settings.Epochs, runner.Run);
    }

    /// <summary>The run whose accuracy is the last line: the DSL optimizer's, or the one optimizer trained.</summary>
    public static RunResult Headline(IReadOnlyList<RunResult> results) => results.FirstOrDefault(r => r.Choice == OptimizerChoice.Dsl) ?? results[^1];

    private static (Dataset Train, Dataset Test) LoadData(CliSettings settings)
    {
        CsvOptions csv = DataFiles.CsvOptionsFor(settings);
        Dataset train = settings.DataPath is null
            ? DataFiles.ReadOptdigits(RepoPaths.BundledData("optdigits.tra"))
            : DataFiles.Read(settings.DataPath, settings.LabelsPath, csv);
        if (settings.TestPath is { } testPath)
        {
            // The test file's class names get the training file's indices, even if it lacks a class or orders them otherwise.
            return (train, DataFiles.Read(testPath, settings.TestLabelsPath, csv with { ClassNames = train.ClassNames }));
        }
        if (settings.DataPath is null)
            return (train, DataFiles.ReadOptdigits(RepoPaths.BundledData("optdigits.tes")));
        // No test file: hold out a seeded, stratified 20% (e.g. MNIST t10k: 8,000 / 2,000).
        return train.StratifiedSplit(0.2, unchecked((int)settings.Seed ^ (int)(settings.Seed >> 32)));
    }

    /// <summary>The epochs to train: <see cref="CliSettings.Epochs"/>, or more to reach <see cref="CliSettings.MinimumRowsSeen"/>.</summary>
    private static int EpochsFor(CliSettings settings, int trainRows)
        => settings.MinimumRowsSeen is { } minimum ? Math.Max(settings.Epochs, (minimum + trainRows - 1) / trainRows) : settings.Epochs;

    /// <summary>The class names, index order, the first 10 of them.</summary>
    private static string ClassList(string[] names)
        => string.Join(", ", names.Take(10).Select((n, i) => $"{i} {n}")) + (names.Length > 10 ? $", ... ({names.Length})" : "");

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

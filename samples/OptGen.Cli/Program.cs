using System;
using System.CommandLine;
using System.IO;
using System.Linq;

namespace OptGen.Cli;

/// <summary>
/// Trains an MLP on optdigits (or a CSV given with --data) with SGD + momentum, Adam and an optimizer declared in
/// the OptGen DSL, plots their loss curves and ends with "test accuracy: 0.xxxx" for the DSL optimizer.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var data = new Option<string?>("--data") { Description = "Training file: optdigits format or CSV, class in the last column (default: bundled optdigits.tra)." };
        var test = new Option<string?>("--test") { Description = "Test file in the same format (default: bundled optdigits.tes; with --data only, 20% of it is held out)." };
        var layers = new Option<string?>("--layers") { Description = "Layer sizes, e.g. 64,128,10 (input and output included) or hidden sizes only, e.g. 256,128 (default: 256)." };
        var optimizer = new Option<string>("--optimizer") { Description = "Which optimizer to train with; all compares the three.", DefaultValueFactory = _ => "all" };
        optimizer.AcceptOnlyFromAmong("all", "sgd", "adam", "dsl");
        var lr = new Option<float?>("--lr") { Description = "Learning rate for every optimizer trained (default: tuned per optimizer)." };
        var schedule = new Option<string>("--schedule") { Description = "Learning-rate schedule (declared with the DSL in this sample).", DefaultValueFactory = _ => "cosine" };
        schedule.AcceptOnlyFromAmong("none", "cosine", "step");
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training data.", DefaultValueFactory = _ => 40 };
        var batchSize = new Option<int>("--batch-size") { Description = "Rows per step; 0 for full batch.", DefaultValueFactory = _ => 32 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the initial weights and the shuffling.", DefaultValueFactory = _ => 42UL };
        var plot = new Option<string>("--plot") { Description = "Where to write the PNG of the loss curves; 'none' to skip.", DefaultValueFactory = _ => "loss-curves.png" };
        var scaling = new Option<string>("--scaling") { Description = "Feature scaling fitted on the training data.", DefaultValueFactory = _ => "standard" };
        scaling.AcceptOnlyFromAmong("standard", "minmax");
        var dropout = new Option<float>("--dropout") { Description = "Dropout rate after each hidden layer.", DefaultValueFactory = _ => 0.3f };
        dropout.Validators.Add(r => { float v = r.GetValueOrDefault<float>(); if (!(v >= 0 && v < 1)) r.AddError("--dropout must be in [0, 1)."); });
        var weightDecay = new Option<float?>("--weight-decay") { Description = "Decoupled weight decay of the DSL optimizer (default 0.01)." };
        weightDecay.Validators.Add(r => { if (r.GetValueOrDefault<float?>() is { } v && !(v >= 0 && float.IsFinite(v))) r.AddError("--weight-decay must be >= 0."); });
        epochs.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--epochs must be at least 1."); });
        batchSize.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 0) r.AddError("--batch-size cannot be negative."); });
        lr.Validators.Add(r => { if (r.GetValueOrDefault<float?>() is { } v && !(v > 0 && float.IsFinite(v))) r.AddError("--lr must be a positive number."); });

        var root = new RootCommand("Train an MLP on optdigits with optimizers declared in the OptGen DSL.")
        {
            data, test, layers, optimizer, lr, schedule, epochs, batchSize, seed, scaling, dropout, weightDecay, plot,
        };
        root.SetAction(parsed =>
        {
            try
            {
                var settings = new CliSettings(
                    parsed.GetValue(data), parsed.GetValue(test), ParseLayers(parsed.GetValue(layers)),
                    parsed.GetValue(optimizer)!, parsed.GetValue(lr), parsed.GetValue(schedule)!,
                    parsed.GetValue(epochs), parsed.GetValue(batchSize), parsed.GetValue(seed),
                    parsed.GetValue(scaling)!, parsed.GetValue(dropout), parsed.GetValue(weightDecay),
                    parsed.GetValue(plot) is { } p && p != "none" ? p : null);
                return TrainCommand.Run(settings);
            }
            catch (Exception e) when (e is IOException or FormatException or ArgumentException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return root.Parse(args).Invoke();
    }

    private static int[]? ParseLayers(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        int[] sizes = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        if (sizes.Length == 0 || sizes.Any(s => s < 1))
            throw new ArgumentException($"--layers needs positive sizes separated by commas, got '{text}'.");
        return sizes;
    }
}

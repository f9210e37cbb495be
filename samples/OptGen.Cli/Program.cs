using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;

namespace OptGen.Cli;

/// <summary>
/// Trains an MLP on optdigits (or a CSV or IDX file given with --data) with SGD + momentum, Adam and an optimizer
/// declared in the OptGen DSL (or with any one built-in, --optimizer NAME), plots their loss curves and ends with
/// "test accuracy: 0.xxxx" for the DSL optimizer (or the one trained).
/// </summary>
internal static class Program
{
    private static int Main(string[] args) => Run(args, Console.Error);

    /// <summary>Parses <paramref name="args"/> and runs the job; errors go to <paramref name="error"/> with exit code 1.</summary>
    internal static int Run(string[] args, TextWriter error) => Run(args, error, CliConsole.Standard);

    /// <summary>As <see cref="Run(string[], TextWriter)"/>, writing the job's output to <paramref name="console"/>.</summary>
    internal static int Run(string[] args, TextWriter error, CliConsole console)
    {
        CliSettings d = CliSettings.Default;
        var data = new Option<string?>("--data") { Description = "Training file: CSV (a header of column names or scikit-learn's or none; class names or integer labels, last unless --label says) or IDX images (.gz or raw) (default: bundled optdigits.tra)." };
        var label = new Option<string?>("--label") { Description = "CSV label column: a header name (e.g. species) or a 0-based position, negative from the end (default: the last column)." };
        var header = new Option<string>("--header") { Description = "CSV first line: auto (detect), names (column names), sklearn (n_samples,n_features,classes) or none.", DefaultValueFactory = _ => "auto" };
        header.AcceptOnlyFromAmong("auto", "names", "sklearn", "none");
        var labels = new Option<string?>("--labels") { Description = "IDX labels for --data images (default: the MNIST-named file beside them)." };
        var test = new Option<string?>("--test") { Description = "Test file in the same format (default: bundled optdigits.tes; with --data only, a stratified 20% of it is held out)." };
        var testLabels = new Option<string?>("--test-labels") { Description = "IDX labels for --test images (default: the MNIST-named file beside them)." };
        var layers = new Option<string?>("--layers") { Description = "Layer sizes, e.g. 64,128,10 (input and output included) or hidden sizes only, e.g. 256,128 (default: 256)." };
        var optimizer = new Option<string>("--optimizer")
        {
            Description = "Optimizer to train with: any built-in by name (adamw, lion, prodigy, ...; --list shows them all), muon (Muon on the rank-2 weights, AdamW on the rest), dsl (AdaBeliefW, declared in this sample) or all (compares sgd, adam and dsl).",
            DefaultValueFactory = _ => d.Optimizer,
            HelpName = "name",
        };
        optimizer.CompletionSources.Add(OptimizerChoice.Names.ToArray());
        var list = new Option<bool>("--list") { Description = "List the optimizers (name, peer, description) and exit; with --optimizer, list that one's hyperparameters." };
        var set = new Option<string[]>("--set")
        {
            Description = "Set hyperparameters of the optimizer trained, e.g. --set Beta2=0.98 --set Amsgrad=true or --set Beta2=0.98,Eps=1e-6 (bools: true, false, 1, 0). Checked by the property's own range before training.",
            HelpName = "Name=value",
        };
        var lr = new Option<float?>("--lr") { Description = "Learning rate of every optimizer trained (default: each one's starting rate, which --list --optimizer NAME shows)." };
        var schedule = new Option<string>("--schedule") { Description = "Learning-rate schedule (declared with the DSL in this sample).", DefaultValueFactory = _ => d.Schedule };
        schedule.AcceptOnlyFromAmong("none", "cosine", "step");
        var epochs = new Option<int>("--epochs") { Description = $"Passes over the training data (default: {d.Epochs}, or more on small data, to pass at least {MinimumRowsSeen:N0} rows through the model).", DefaultValueFactory = _ => d.Epochs };
        var batchSize = new Option<int>("--batch-size") { Description = "Rows per step; 0 for full batch.", DefaultValueFactory = _ => d.BatchSize };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the initial weights, the shuffling and the hold-out split.", DefaultValueFactory = _ => d.Seed };
        var plot = new Option<string>("--plot") { Description = "Where to write the PNG of the loss curves; 'none' to skip.", DefaultValueFactory = _ => d.PlotPath! };
        var scaling = new Option<string>("--scaling") { Description = "Feature scaling fitted on the training data.", DefaultValueFactory = _ => d.Scaling };
        scaling.AcceptOnlyFromAmong("standard", "minmax");
        var dropout = new Option<float>("--dropout") { Description = "Dropout rate after each hidden layer.", DefaultValueFactory = _ => d.Dropout };
        dropout.Validators.Add(r => { float v = r.GetValueOrDefault<float>(); if (!(v >= 0 && v < 1)) r.AddError("--dropout must be in [0, 1)."); });
        var weightDecay = new Option<float?>("--weight-decay") { Description = "WeightDecay of every optimizer trained, as --set WeightDecay=... (the DSL optimizer's is decoupled, default 0.01)." };
        weightDecay.Validators.Add(r => { if (r.GetValueOrDefault<float?>() is { } v && !(v >= 0 && float.IsFinite(v))) r.AddError("--weight-decay must be >= 0."); });
        var noDecayBiasNorm = new Option<bool>("--no-decay-bias-norm") { Description = "No weight decay on biases, norms and rank-1 tensors: the optimizer's WeightDecay applies to the weights only (two groups, as PyTorch's usual recipe)." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Checkpoint file, saved after every epoch and resumed from when it exists (with several optimizers: one file each, name.<optimizer>.ext)." };
        var stopAfter = new Option<int?>("--stop-after") { Description = "Pause after this epoch; with --checkpoint, a later run continues from there." };
        epochs.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--epochs must be at least 1."); });
        batchSize.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 0) r.AddError("--batch-size cannot be negative."); });
        stopAfter.Validators.Add(r => { if (r.GetValueOrDefault<int?>() is < 1) r.AddError("--stop-after must be at least 1."); });
        lr.Validators.Add(r => { if (r.GetValueOrDefault<float?>() is { } v && !(v > 0 && float.IsFinite(v))) r.AddError("--lr must be a positive number."); });

        var root = new RootCommand("Train an MLP on optdigits (or your CSV or IDX data) with OptGen optimizers: the built-ins, or one declared with the DSL in this sample.")
        {
            data, label, header, labels, test, testLabels, layers, optimizer, list, set, lr, schedule, epochs, batchSize, seed, scaling, dropout, weightDecay,
            noDecayBiasNorm, checkpoint, stopAfter, plot,
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
                    parsed.GetValue(plot) is { } p && p != "none" ? p : null)
                {
                    LabelsPath = parsed.GetValue(labels),
                    LabelColumn = parsed.GetValue(label),
                    Header = parsed.GetValue(header)!,
                    TestLabelsPath = parsed.GetValue(testLabels),
                    CheckpointPath = parsed.GetValue(checkpoint),
                    StopAfter = parsed.GetValue(stopAfter),
                    MinimumRowsSeen = parsed.GetResult(epochs) is { Implicit: false } ? null : MinimumRowsSeen,
                    Hyperparameters = HyperparameterAssignment.Parse(parsed.GetValue(set) ?? []),
                    NoDecayBiasNorm = parsed.GetValue(noDecayBiasNorm),
                };
                if (parsed.GetValue(list))
                    return List(settings, console, oneOptimizer: parsed.GetResult(optimizer) is { Implicit: false });
                return TrainCommand.Run(settings, console);
            }
            catch (Exception e) when (e is IOException or FormatException or ArgumentException or InvalidDataException or UnauthorizedAccessException)
            {
                // Data errors (OptGen.Data.DataFormatException) name the file and the line or byte offset.
                error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return root.Parse(args).Invoke(new InvocationConfiguration { Error = error });
    }

    /// <summary>--list: every optimizer, or with --optimizer NAME that one's hyperparameters after --set, --lr, --weight-decay.</summary>
    private static int List(CliSettings settings, CliConsole console, bool oneOptimizer)
    {
        IReadOnlyList<OptimizerChoice> choices = OptimizerChoice.Select(settings.Optimizer);
        if (oneOptimizer && choices.Count == 1)
            OptimizerList.WriteOne(console.Plain, choices[0], OptimizerSetup.Create(choices[0], settings));
        else
            OptimizerList.WriteAll(console.Plain);
        return 0;
    }

    /// <summary>Rows a run without --epochs passes through the model at least (iris: 500 epochs of 120 rows; optdigits keeps 40).</summary>
    private const int MinimumRowsSeen = 60_000;

    private static int[]? ParseLayers(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        string[] parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0 || parts.Any(s => !int.TryParse(s, out int v) || v < 1))
            throw new ArgumentException($"--layers needs positive sizes separated by commas, got '{text}'.");
        return parts.Select(int.Parse).ToArray();
    }
}

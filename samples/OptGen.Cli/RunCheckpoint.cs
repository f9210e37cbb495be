using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using OptGen.Checkpoints;
using OptGen.Training;

namespace OptGen.Cli;

/// <summary>
/// The CLI's checkpoint for one optimizer's run: the trainer's full state (OptGen.Training.TrainerCheckpoint) plus
/// the run's configuration, checked on resume, and the epoch history, so a resumed run reports and plots every epoch.
/// </summary>
internal sealed class RunCheckpoint(string path, IReadOnlyDictionary<string, string> configuration)
{
    private const string HistoryKey = "cli.history";

    public string Path { get; } = path;

    /// <summary>The file for <paramref name="choice"/>: the path as given for a single run, <c>name.key.ext</c> when several optimizers run.</summary>
    public static string PathFor(string path, OptimizerChoice choice, bool several)
    {
        if (!several)
            return path;
        string ext = System.IO.Path.GetExtension(path);
        string stem = path[..^ext.Length];
        return $"{stem}.{choice.Key}{ext}";
    }

    /// <summary>What must match for a resume to continue the same run.</summary>
    public static Dictionary<string, string> Configuration(CliSettings s, OptimizerChoice choice, int[] sizes, int trainRows)
    {
        Dictionary<string, string> configuration = Basics(s, choice, sizes, trainRows);
        if (s.Hyperparameters.Count > 0) // only then, so that checkpoints written before --set existed still resume
            configuration["cli.set"] = string.Join(",", s.Hyperparameters);
        if (s.NoDecayBiasNorm)
            configuration["cli.noDecayBiasNorm"] = "true";
        return configuration;
    }

    private static Dictionary<string, string> Basics(CliSettings s, OptimizerChoice choice, int[] sizes, int trainRows) => new(StringComparer.Ordinal)
    {
        ["cli.optimizer"] = choice.Key,
        ["cli.layers"] = string.Join("-", sizes),
        ["cli.schedule"] = s.Schedule,
        ["cli.epochs"] = s.Epochs.ToString(CultureInfo.InvariantCulture),
        ["cli.batchSize"] = s.BatchSize.ToString(CultureInfo.InvariantCulture),
        ["cli.seed"] = s.Seed.ToString(CultureInfo.InvariantCulture),
        ["cli.scaling"] = s.Scaling,
        ["cli.dropout"] = s.Dropout.ToString("R", CultureInfo.InvariantCulture),
        ["cli.lr"] = s.LearningRate?.ToString("R", CultureInfo.InvariantCulture) ?? "default",
        ["cli.weightDecay"] = s.WeightDecay?.ToString("R", CultureInfo.InvariantCulture) ?? "default",
        ["cli.trainRows"] = trainRows.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>If the file exists: checks its configuration, restores <paramref name="trainer"/> and returns the saved history; else null.</summary>
    public List<EpochReport>? TryResume(Trainer trainer)
    {
        if (!File.Exists(Path))
            return null;
        Dictionary<string, string> saved = CheckpointExtra.Decode(Checkpoint.ReadInfo(Path).Extra);
        // Both ways: an option saved but not given now (cli.set) differs as much as one given with another value.
        IEnumerable<string> keys = configuration.Keys.Union(saved.Keys.Where(k => k.StartsWith("cli.", StringComparison.Ordinal) && k != HistoryKey));
        foreach (string key in keys)
        {
            string? was = saved.GetValueOrDefault(key), now = configuration.GetValueOrDefault(key);
            if (was != now)
            {
                throw new ArgumentException($"Checkpoint '{Path}' was written by a different run ({key[4..]} {was ?? "missing"}, now {now ?? "none"}); "
                    + "use the same options to resume it, or delete it to start over.");
            }
        }
        TrainerCheckpoint.Load(Path, trainer);
        return saved.TryGetValue(HistoryKey, out string? history) ? DecodeHistory(history) : [];
    }

    /// <summary>Saves the trainer after an epoch, with the configuration and the history so far.</summary>
    public void Save(Trainer trainer, IReadOnlyList<EpochReport> history)
    {
        var entries = new Dictionary<string, string>(configuration, StringComparer.Ordinal) { [HistoryKey] = EncodeHistory(history) };
        TrainerCheckpoint.Save(Path, trainer, entries);
    }

    // One epoch per line: epoch, epochs, steps, train loss, test loss, test accuracy, learning rate ("R" format, exact).
    private static string EncodeHistory(IReadOnlyList<EpochReport> history)
    {
        var sb = new StringBuilder();
        foreach (EpochReport r in history)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{r.Epoch} {r.Epochs} {r.Steps} {R(r.TrainLoss)} {R(r.Validation?.Loss)} {R(r.Validation?.Accuracy)} {R(r.LearningRate)}\n");
        }
        return sb.ToString();
    }

    private static List<EpochReport> DecodeHistory(string text)
    {
        var list = new List<EpochReport>();
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] f = line.Split(' ');
            if (f.Length != 7)
                throw new InvalidDataException($"A checkpoint's history line is malformed: '{line}'.");
            double? testLoss = D(f[4]), testAccuracy = D(f[5]);
            list.Add(new EpochReport
            {
                Epoch = int.Parse(f[0], CultureInfo.InvariantCulture),
                Epochs = int.Parse(f[1], CultureInfo.InvariantCulture),
                Steps = int.Parse(f[2], CultureInfo.InvariantCulture),
                TrainLoss = D(f[3]) ?? double.NaN,
                Validation = testLoss is { } l ? new Metrics(l, testAccuracy, null, null) : null,
                LearningRate = D(f[6]) ?? double.NaN,
            });
        }
        return list;
    }

    private static string R(double? v) => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "-";

    private static double? D(string s) => s == "-" ? null : double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using OptGen.Nn;

namespace OptGen.Training;

/// <summary>
/// A trainer's own state as key/value strings for a checkpoint's extra section. Numbers are stored as exact bit
/// patterns (hexadecimal) and arrays as base64 of little-endian values, so a restore is bit-exact.
/// </summary>
internal sealed class TrainerState
{
    public const string Prefix = "trainer.";
    private const string FormatValue = "1";

    private int _completedEpochs;
    private bool _finished, _stoppedEarly;
    private float _learningRate;
    private ulong _shuffle;
    private int[] _order = [];
    private int _bestEpoch;
    private double _bestLoss;
    private float[] _bestWeights = [];
    private (double Best, int BadEpochs, int Reductions)? _plateau;
    private ScheduleCheckpointState? _schedules;
    private ulong[] _dropout = [];

    public static Dictionary<string, string> Capture(Trainer trainer)
    {
        var v = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Prefix + "format"] = FormatValue,
            [Prefix + "completedEpochs"] = trainer.CompletedEpochs.ToString(CultureInfo.InvariantCulture),
            [Prefix + "finished"] = trainer.IsFinished ? "1" : "0",
            [Prefix + "stoppedEarly"] = trainer.StoppedEarly ? "1" : "0",
            [Prefix + "learningRate"] = Hex(BitConverter.SingleToUInt32Bits(trainer.Optimizer.LearningRate)),
            [Prefix + "shuffle"] = Hex(trainer.ShuffleRandom.State),
            [Prefix + "order"] = Convert.ToBase64String(MemoryMarshal.AsBytes(trainer.Order.AsSpan())),
            [Prefix + "best.epoch"] = trainer.Best.Epoch.ToString(CultureInfo.InvariantCulture),
            [Prefix + "best.loss"] = Hex(BitConverter.DoubleToUInt64Bits(trainer.Best.Loss)),
        };
        if (trainer.Best.Snapshot is { } snapshot)
        {
            var all = new List<float>();
            foreach (float[] s in snapshot)
                all.AddRange(s);
            v[Prefix + "best.weights"] = Convert.ToBase64String(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(all)));
        }
        if (trainer.Options.ReduceOnPlateau is { } plateau)
        {
            v[Prefix + "plateau.best"] = Hex(BitConverter.DoubleToUInt64Bits(plateau.Best));
            v[Prefix + "plateau.badEpochs"] = plateau.BadEpochs.ToString(CultureInfo.InvariantCulture);
            v[Prefix + "plateau.reductions"] = plateau.Reductions.ToString(CultureInfo.InvariantCulture);
        }
        ScheduleCheckpointState.Capture(trainer.Optimizer, (key, value) => v[Prefix + key] = value);
        IReadOnlyList<Layer> layers = trainer.Model.Layers;
        for (int i = 0; i < layers.Count; i++)
        {
            if (layers[i] is Dropout d)
                v[Prefix + "dropout." + i.ToString(CultureInfo.InvariantCulture)] = Hex(d.GeneratorState);
        }
        return v;
    }

    /// <summary>Reads and checks the state against <paramref name="trainer"/> without changing it.</summary>
    public static TrainerState Parse(IReadOnlyDictionary<string, string> v, Trainer trainer, string source)
    {
        var reader = new Reader(v, source);
        if (reader.Get("format") != FormatValue)
            throw new InvalidDataException($"Checkpoint '{source}' holds trainer state in format '{reader.Get("format")}'; this version reads format {FormatValue}.");
        var s = new TrainerState
        {
            _completedEpochs = reader.Int("completedEpochs"),
            _finished = reader.Get("finished") == "1",
            _stoppedEarly = reader.Get("stoppedEarly") == "1",
            _learningRate = BitConverter.UInt32BitsToSingle((uint)reader.Hex("learningRate")),
            _shuffle = reader.Hex("shuffle"),
            _order = MemoryMarshal.Cast<byte, int>(reader.Base64("order")).ToArray(),
            _bestEpoch = reader.Int("best.epoch"),
            _bestLoss = BitConverter.UInt64BitsToDouble(reader.Hex("best.loss")),
        };
        var seen = new bool[s._order.Length];
        foreach (int row in s._order)
        {
            if ((uint)row >= (uint)seen.Length || seen[row])
                throw new InvalidDataException($"Checkpoint '{source}': the saved row order is not a permutation.");
            seen[row] = true;
        }
        if (s._completedEpochs > trainer.Options.Epochs)
            throw new ArgumentException($"Checkpoint '{source}' has completed {s._completedEpochs} epochs, more than the {trainer.Options.Epochs} this trainer runs.", nameof(trainer));
        if (trainer.Best.Snapshot is { } snapshot)
        {
            s._bestWeights = MemoryMarshal.Cast<byte, float>(reader.Base64("best.weights")).ToArray();
            int expected = 0;
            foreach (float[] w in snapshot)
                expected += w.Length;
            if (s._bestWeights.Length != expected)
                throw new ArgumentException($"Checkpoint '{source}' keeps {s._bestWeights.Length} best weights; the model has {expected}.", nameof(trainer));
        }
        if (trainer.Options.ReduceOnPlateau is not null)
        {
            s._plateau = (BitConverter.UInt64BitsToDouble(reader.Hex("plateau.best")), reader.Int("plateau.badEpochs"), reader.Int("plateau.reductions"));
        }
        s._schedules = ScheduleCheckpointState.Parse(reader, trainer.Optimizer, source);
        var dropout = new List<ulong>();
        IReadOnlyList<Layer> layers = trainer.Model.Layers;
        for (int i = 0; i < layers.Count; i++)
        {
            if (layers[i] is Dropout)
                dropout.Add(reader.Hex("dropout." + i.ToString(CultureInfo.InvariantCulture)));
        }
        s._dropout = dropout.ToArray();
        return s;
    }

    public void Apply(Trainer trainer)
    {
        trainer.CompletedEpochs = _completedEpochs;
        trainer.IsFinished = _finished;
        trainer.StoppedEarly = _stoppedEarly;
        trainer.Optimizer.LearningRate = _learningRate;
        trainer.ShuffleRandom.State = _shuffle;
        trainer.Order = _order;
        trainer.Best.Set(_bestEpoch, _bestLoss, _bestWeights);
        if (_plateau is { } p && trainer.Options.ReduceOnPlateau is { } plateau)
        {
            plateau.Best = p.Best;
            plateau.BadEpochs = p.BadEpochs;
            plateau.Reductions = p.Reductions;
        }
        _schedules?.Apply();
        int k = 0;
        foreach (Layer layer in trainer.Model.Layers)
        {
            if (layer is Dropout d)
                d.GeneratorState = _dropout[k++];
        }
    }

    internal static string Hex(ulong value) => value.ToString("X16", CultureInfo.InvariantCulture);

    internal readonly struct Reader(IReadOnlyDictionary<string, string> values, string source)
    {
        public bool Has(string key) => values.ContainsKey(Prefix + key);

        public string Get(string key) => values.TryGetValue(Prefix + key, out string? value)
            ? value
            : throw new InvalidDataException($"Checkpoint '{source}' lacks the trainer state entry '{Prefix + key}' (saved without a trainer, or for a different model or options).");

        public int Int(string key) => int.TryParse(Get(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out int r) && r >= 0 ? r : throw Bad(key);

        public long Long(string key) => long.TryParse(Get(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out long r) && r >= 0 ? r : throw Bad(key);

        public ulong Hex(string key) => ulong.TryParse(Get(key), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong r) ? r : throw Bad(key);

        public byte[] Base64(string key)
        {
            try
            {
                byte[] bytes = Convert.FromBase64String(Get(key));
                return bytes.Length % 4 == 0 ? bytes : throw Bad(key);
            }
            catch (FormatException e)
            {
                throw new InvalidDataException($"Checkpoint '{source}': the trainer state entry '{Prefix + key}' is not valid base64.", e);
            }
        }

        private InvalidDataException Bad(string key) => new($"Checkpoint '{source}': the trainer state entry '{Prefix + key}' is malformed: '{Get(key)}'.");
    }
}

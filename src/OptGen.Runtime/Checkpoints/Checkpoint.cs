using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace OptGen.Checkpoints;

/// <summary>
/// Saves and restores training state: parameter values, the optimizer's state (step count, per-tensor buffers and
/// scalars) and an opaque extra section for the trainer (schedule, RNG or epoch state; see <see cref="CheckpointExtra"/>).
/// </summary>
/// <remarks>
/// <para>File format (all integers little-endian): magic <c>OPTGCKPT</c>, format version (u32), total file length
/// (i64); the schema: optimizer type name and name, step count, whether optimizer state is present, the state
/// buffer names and scalar names, and for each tensor its name (optional) and shape (rank u32, then each dimension
/// u32; version 1 stored the length alone, and such files still load, their tensors read as flat <c>[length]</c>);
/// then the parameter values
/// (float32), the optimizer state (per tensor: each buffer as its length u32 and float32 values, since a factored
/// buffer keeps one value per row, column or matrix and a tensor may keep none; version 1 had no length: the
/// tensor's, halved for bfloat16; then each scalar as float64; version 3 adds the names of the scalar states shared by all
/// tensors after the scalar names, and their values, float64, after the per-tensor state), the extra
/// section (i32 length + bytes), and a CRC-32 of everything before it. Float values are stored bit-exactly.</para>
/// <para><see cref="Save(string, IReadOnlyList{Parameter}, IOptimizer, ReadOnlySpan{byte})"/> writes a temporary
/// file in the target's folder, flushes it to disk and renames it over the target, so the previous checkpoint
/// survives a failed save. <see cref="Load(string, IReadOnlyList{Parameter}, IOptimizer)"/> validates the whole
/// file (magic, version, length, checksum, structure) and the schema against the model and optimizer before it
/// changes anything, so a corrupt or mismatched file leaves them untouched; a parameter whose shape differs from the
/// saved tensor's is a mismatch, even with the same element count. Hyperparameters, the learning rate and
/// the schedule are configuration, not state: they are not saved (put them in the extra section if needed).</para>
/// <para>Not thread-safe with respect to the optimizer: do not step it while saving or loading.</para>
/// </remarks>
public static class Checkpoint
{
    /// <summary>
    /// The current file format version (3: shared scalar states), written by <c>Save</c>; <c>Load</c> reads it,
    /// version 2 (tensors with shapes, no shared states) and version 1 (lengths only).
    /// </summary>
    public const int FormatVersion = 3;

    internal static ReadOnlySpan<byte> Magic => "OPTGCKPT"u8;
    internal const int HeaderLength = 8 + 4 + 8;
    internal const int MaxNameBytes = 1 << 16;
    internal const int MaxRank = 64;

    /// <summary>
    /// Saves <paramref name="parameters"/> (values), <paramref name="optimizer"/>'s state and <paramref name="extra"/>
    /// to <paramref name="path"/>, atomically: a temporary file in the same folder is written, flushed to disk and
    /// renamed over <paramref name="path"/>. If anything fails, the previous file at <paramref name="path"/> is intact.
    /// </summary>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="parameters">The model's parameters. Named parameters are matched by name on load, unnamed ones by position; names must be unique.</param>
    /// <param name="optimizer">The optimizer. If it has taken steps, its state must belong to exactly <paramref name="parameters"/>, in the same order.</param>
    /// <param name="extra">Opaque bytes for the caller, returned by <c>Load</c>.</param>
    /// <exception cref="ArgumentException">The parameters are invalid or do not match the optimizer's state.</exception>
    public static void Save(string path, IReadOnlyList<Parameter> parameters, IOptimizer optimizer, ReadOnlySpan<byte> extra = default)
        => SaveCore(path, parameters, optimizer, extra, wrap: null);

    /// <summary>Writes a checkpoint to <paramref name="destination"/> (not atomic; see <see cref="Save(string, IReadOnlyList{Parameter}, IOptimizer, ReadOnlySpan{byte})"/>).</summary>
    /// <exception cref="ArgumentException">The parameters are invalid or do not match the optimizer's state.</exception>
    public static void Save(Stream destination, IReadOnlyList<Parameter> parameters, IOptimizer optimizer, ReadOnlySpan<byte> extra = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        byte[] bytes = CheckpointWriter.Serialize(parameters, optimizer, extra);
        destination.Write(bytes);
        destination.Flush();
    }

    /// <summary>
    /// Loads a checkpoint saved by <c>Save</c> into <paramref name="parameters"/> and <paramref name="optimizer"/> and
    /// returns its extra bytes. Everything is validated before anything changes: on an exception the parameters and
    /// the optimizer are untouched. Named parameters are matched by name, unnamed ones by position. Afterwards the
    /// optimizer continues exactly where the saved one stopped, on <paramref name="parameters"/> in this order.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a checkpoint, is truncated or corrupt, or has an unsupported format version.</exception>
    /// <exception cref="ArgumentException">The checkpoint does not match the parameters (count, names, shapes) or the optimizer (type, state layout).</exception>
    public static byte[] Load(string path, IReadOnlyList<Parameter> parameters, IOptimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(path);
        return LoadCore(File.ReadAllBytes(path), path, parameters, optimizer);
    }

    /// <summary>Loads a checkpoint from <paramref name="source"/> (read to its end); <paramref name="sourceName"/> names it in messages. See <see cref="Load(string, IReadOnlyList{Parameter}, IOptimizer)"/>.</summary>
    /// <exception cref="InvalidDataException">The data is not a checkpoint, is truncated or corrupt, or has an unsupported format version.</exception>
    /// <exception cref="ArgumentException">The checkpoint does not match the parameters or the optimizer.</exception>
    public static byte[] Load(Stream source, IReadOnlyList<Parameter> parameters, IOptimizer optimizer, string sourceName = "stream")
    {
        ArgumentNullException.ThrowIfNull(source);
        var buffer = new MemoryStream();
        source.CopyTo(buffer);
        return LoadCore(buffer.ToArray(), sourceName, parameters, optimizer);
    }

    /// <summary>Reads and fully validates a checkpoint file, and describes it, without a model or optimizer.</summary>
    /// <exception cref="InvalidDataException">The file is not a checkpoint, is truncated or corrupt, or has an unsupported format version.</exception>
    public static CheckpointInfo ReadInfo(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return CheckpointReader.Parse(File.ReadAllBytes(path), path).Info;
    }

    /// <summary>Validates checkpoint bytes and describes them (for callers that must read the extra section before loading).</summary>
    internal static CheckpointInfo ReadInfo(byte[] bytes, string source) => CheckpointReader.Parse(bytes, source).Info;

    internal static void SaveCore(string path, IReadOnlyList<Parameter> parameters, IOptimizer optimizer, ReadOnlySpan<byte> extra, Func<Stream, Stream>? wrap)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = CheckpointWriter.Serialize(parameters, optimizer, extra);
        AtomicFile.Write(path, stream => AtomicFile.WriteChunked(stream, bytes), wrap);
    }

    internal static void CheckParameters(IReadOnlyList<Parameter> parameters, string paramName)
    {
        if (parameters.Count == 0)
            throw new ArgumentException("A checkpoint needs at least one parameter.", paramName);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < parameters.Count; i++)
        {
            Parameter p = parameters[i] ?? throw new ArgumentNullException(paramName, $"Parameter {i} is null.");
            for (int j = 0; j < i; j++)
            {
                if (ReferenceEquals(parameters[j], p))
                    throw new ArgumentException($"Parameter {i} ({p.Name ?? "unnamed"}) is listed twice (also at {j}).", paramName);
            }
            if (p.Rank > MaxRank)
                throw new ArgumentException($"Parameter {i} ({p.Name ?? "unnamed"}) has rank {p.Rank}; a checkpoint holds at most {MaxRank} dimensions.", paramName);
            if (p.Name is not null)
            {
                if (Encoding.UTF8.GetByteCount(p.Name) > MaxNameBytes)
                    throw new ArgumentException($"The name of parameter {i} is longer than {MaxNameBytes} UTF-8 bytes.", paramName);
                if (!names.TryAdd(p.Name, i))
                    throw new ArgumentException($"Parameters {names[p.Name]} and {i} are both named '{p.Name}'; names must be unique to be matched on load.", paramName);
            }
        }
    }

    internal static string TypeName(IOptimizer optimizer) => optimizer.GetType().FullName ?? optimizer.GetType().Name;

    private static byte[] LoadCore(byte[] bytes, string source, IReadOnlyList<Parameter> parameters, IOptimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(optimizer);
        CheckParameters(parameters, nameof(parameters));
        OptimizerState state = optimizer.State ?? throw new ArgumentException("The optimizer has no State.", nameof(optimizer));

        // 1. The file on its own: structure and checksum (InvalidDataException).
        ParsedCheckpoint file = CheckpointReader.Parse(bytes, source);
        CheckpointInfo info = file.Info;

        // 2. The schema against the optimizer and the model (ArgumentException).
        string typeName = TypeName(optimizer);
        if (info.OptimizerType != typeName)
            throw new ArgumentException($"Checkpoint '{source}' was saved with optimizer {info.OptimizerType}, not {typeName}.", nameof(optimizer));
        CheckNames(source, "state buffers", info.BufferNames, state.BufferNames);
        CheckNames(source, "scalar states", info.ScalarNames, state.ScalarNames);
        CheckNames(source, "shared scalar states", info.SharedNames, state.SharedNames);
        if (info.Tensors.Count != parameters.Count)
            throw new ArgumentException($"Checkpoint '{source}' holds {info.Tensors.Count} tensors, but {parameters.Count} parameters were given.", nameof(parameters));

        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int t = 0; t < info.Tensors.Count; t++)
        {
            if (info.Tensors[t].Name is string n)
                byName[n] = t;
        }
        var map = new int[parameters.Count];
        var used = new int[info.Tensors.Count];
        Array.Fill(used, -1);
        for (int i = 0; i < parameters.Count; i++)
        {
            Parameter p = parameters[i];
            int t;
            if (p.Name is not null)
            {
                if (!byName.TryGetValue(p.Name, out t))
                    throw new ArgumentException($"Parameter {i} '{p.Name}' is not in checkpoint '{source}' (it holds {DescribeTensors(info.Tensors)}).", nameof(parameters));
            }
            else
            {
                t = i;
            }
            if (used[t] >= 0)
                throw new ArgumentException($"Parameters {used[t]} and {i} both match {Describe("tensor", t, info.Tensors[t].Name)} of checkpoint '{source}' (unnamed parameters are matched by position).", nameof(parameters));
            used[t] = i;
            CheckShape(source, info, p, i, t);
            map[i] = t;
        }

        // 3. Commit: the optimizer first (it validates again and may refuse, e.g. during a running step), then the values.
        var paramArray = new Parameter[parameters.Count];
        for (int i = 0; i < paramArray.Length; i++)
            paramArray[i] = parameters[i];
        if (info.HasOptimizerState)
        {
            var buffers = new float[paramArray.Length][][];
            var scalars = new double[paramArray.Length][];
            for (int i = 0; i < paramArray.Length; i++)
            {
                buffers[i] = file.Buffers![map[i]];
                scalars[i] = file.Scalars![map[i]];
            }
            state.Restore(paramArray, info.StepCount, buffers, scalars, file.Shared);
        }
        else
        {
            state.Reset();
            state.StepCount = info.StepCount;
        }
        for (int i = 0; i < paramArray.Length; i++)
            file.Values[map[i]].AsSpan().CopyTo(paramArray[i].Value);
        return info.Extra;
    }

    private static void CheckShape(string source, CheckpointInfo info, Parameter p, int i, int t)
    {
        CheckpointTensor saved = info.Tensors[t];
        bool same = saved.Shape.Count == p.Rank;
        for (int d = 0; same && d < p.Rank; d++)
            same = saved.Shape[d] == p.Shape[d];
        if (same)
            return;
        string savedShape = Parameter.Format([.. saved.Shape]);
        string message = saved.Length != p.Length
            ? $"{Describe("Parameter", i, p.Name)} has {p.Length} elements (shape {Parameter.Format(p.Shape)}), but {Describe("tensor", t, saved.Name)} of checkpoint '{source}' has {saved.Length} (shape {savedShape})."
            : $"{Describe("Parameter", i, p.Name)} has shape {Parameter.Format(p.Shape)}, but {Describe("tensor", t, saved.Name)} of checkpoint '{source}' has shape {savedShape}.";
        if (info.FormatVersion == 1)
            message += " The checkpoint is format version 1, which records no shapes: its tensors read as flat [length].";
        throw new ArgumentException(message, "parameters");
    }

    private static string Describe(string what, int index, string? name) => name is null ? $"{what} {index} (unnamed)" : $"{what} {index} '{name}'";

    private static void CheckNames(string source, string what, IReadOnlyList<string> saved, string[] current)
    {
        bool same = saved.Count == current.Length;
        for (int i = 0; same && i < current.Length; i++)
            same = saved[i] == current[i];
        if (!same)
            throw new ArgumentException($"Checkpoint '{source}' has {what} [{string.Join(", ", saved)}], but the optimizer has [{string.Join(", ", current)}].", "optimizer");
    }

    private static string DescribeTensors(IReadOnlyList<CheckpointTensor> tensors)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < tensors.Count && i < 20; i++)
        {
            if (i > 0)
                sb.Append(", ");
            sb.Append(tensors[i].Name is null ? $"#{i} (unnamed)" : $"'{tensors[i].Name}'");
        }
        if (tensors.Count > 20)
            sb.Append(", …");
        return sb.ToString();
    }
}

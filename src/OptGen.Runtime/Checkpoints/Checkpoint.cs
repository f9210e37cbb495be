using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace OptGen.Checkpoints;

/// <summary>
/// Saves and restores training state: parameter values, the optimizer's state (step count, per-tensor buffers and
/// scalars) and an opaque extra section for the trainer (schedule, RNG or epoch state; see <see cref="CheckpointExtra"/>).
/// </summary>
/// <remarks>
/// <para>File format (all integers little-endian): magic <c>OPTGCKPT</c>, format version (u32), total file length
/// (i64); the schema: optimizer type name and name, step count, whether optimizer state is present, the state
/// buffer names and scalar names, and for each tensor its name (optional) and length; then the parameter values
/// (float32), the optimizer state (per tensor: each buffer as float32, then each scalar as float64), the extra
/// section (i32 length + bytes), and a CRC-32 of everything before it. Float values are stored bit-exactly.</para>
/// <para><see cref="Save(string, IReadOnlyList{Parameter}, IOptimizer, ReadOnlySpan{byte})"/> writes a temporary
/// file in the target's folder, flushes it to disk and renames it over the target, so the previous checkpoint
/// survives a failed save. <see cref="Load(string, IReadOnlyList{Parameter}, IOptimizer)"/> validates the whole
/// file (magic, version, length, checksum, structure) and the schema against the model and optimizer before it
/// changes anything, so a corrupt or mismatched file leaves them untouched. Hyperparameters, the learning rate and
/// the schedule are configuration, not state: they are not saved (put them in the extra section if needed).</para>
/// <para>Not thread-safe with respect to the optimizer: do not step it while saving or loading.</para>
/// </remarks>
public static class Checkpoint
{
    /// <summary>The current file format version, written by <c>Save</c>; <c>Load</c> reads this version.</summary>
    public const int FormatVersion = 1;

    private static ReadOnlySpan<byte> Magic => "OPTGCKPT"u8;
    private const int HeaderLength = 8 + 4 + 8;
    private const int MaxNameBytes = 1 << 16;

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
        byte[] bytes = Serialize(parameters, optimizer, extra);
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
    /// <exception cref="ArgumentException">The checkpoint does not match the parameters (count, names, lengths) or the optimizer (type, state layout).</exception>
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
        return Parse(File.ReadAllBytes(path), path).Info;
    }

    /// <summary>Validates checkpoint bytes and describes them (for callers that must read the extra section before loading).</summary>
    internal static CheckpointInfo ReadInfo(byte[] bytes, string source) => Parse(bytes, source).Info;

    internal static void SaveCore(string path, IReadOnlyList<Parameter> parameters, IOptimizer optimizer, ReadOnlySpan<byte> extra, Func<Stream, Stream>? wrap)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = Serialize(parameters, optimizer, extra);
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no folder.", nameof(path));
        string temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                Stream stream = wrap?.Invoke(file) ?? file;
                const int chunk = 1 << 20;
                for (int offset = 0; offset < bytes.Length; offset += chunk)
                    stream.Write(bytes, offset, Math.Min(chunk, bytes.Length - offset));
                stream.Flush();
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try
            {
                File.Delete(temp);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
            throw;
        }
    }

    // ---------------------------------------------------------------- writing

    private static byte[] Serialize(IReadOnlyList<Parameter> parameters, IOptimizer optimizer, ReadOnlySpan<byte> extra)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(optimizer);
        OptimizerState state = optimizer.State ?? throw new ArgumentException("The optimizer has no State.", nameof(optimizer));
        CheckParameters(parameters, nameof(parameters));
        bool hasState = state.IsInitialized;
        if (hasState)
        {
            ReadOnlySpan<Parameter> owned = state.Parameters;
            bool same = owned.Length == parameters.Count;
            for (int i = 0; same && i < owned.Length; i++)
                same = ReferenceEquals(owned[i], parameters[i]);
            if (!same)
                throw new ArgumentException($"The state of {state.OptimizerName} was created for {owned.Length} parameters that are not exactly the {parameters.Count} given, in the same order; save the parameters the optimizer steps.", nameof(parameters));
        }

        string typeName = TypeName(optimizer);
        long size = HeaderLength;
        size += StringSize(typeName) + StringSize(state.OptimizerName) + 8 + 1;
        size += 4;
        foreach (string n in state.BufferNames)
            size += StringSize(n);
        size += 4;
        foreach (string n in state.ScalarNames)
            size += StringSize(n);
        size += 4;
        foreach (Parameter p in parameters)
        {
            size += 1 + 4 + (p.Name is null ? 0 : StringSize(p.Name));
            size += 4L * p.Length;
            if (hasState)
            {
                foreach (string name in state.BufferNames)
                    size += 4L * OptimizerState.StoredLength(name, p.Length);
                size += 8L * state.ScalarNames.Length;
            }
        }
        size += 4 + extra.Length + 4;
        if (size > Array.MaxLength)
            throw new ArgumentException($"The checkpoint would be {size} bytes; at most {Array.MaxLength} are supported.", nameof(parameters));

        var bytes = new byte[size];
        var w = new Writer(bytes);
        w.Bytes(Magic);
        w.U32(FormatVersion);
        w.I64(size);
        w.String(typeName);
        w.String(state.OptimizerName);
        w.I64(state.StepCount);
        w.U8(hasState ? (byte)1 : (byte)0);
        w.U32((uint)state.BufferNames.Length);
        foreach (string n in state.BufferNames)
            w.String(n);
        w.U32((uint)state.ScalarNames.Length);
        foreach (string n in state.ScalarNames)
            w.String(n);
        w.U32((uint)parameters.Count);
        foreach (Parameter p in parameters)
        {
            w.U8(p.Name is null ? (byte)0 : (byte)1);
            if (p.Name is not null)
                w.String(p.Name);
            w.U32((uint)p.Length);
        }
        foreach (Parameter p in parameters)
            w.Floats(p.Value);
        if (hasState)
        {
            ReadOnlySpan<TensorState> tensors = state.Tensors;
            for (int i = 0; i < tensors.Length; i++)
            {
                for (int b = 0; b < tensors[i].BufferCount; b++)
                    w.Floats(tensors[i].Buffer(b));
                foreach (double s in tensors[i].Scalars)
                    w.F64(s);
            }
        }
        w.U32((uint)extra.Length);
        w.Bytes(extra);
        w.U32(Crc32.Compute(bytes.AsSpan(0, w.Position)));
        if (w.Position != bytes.Length)
            throw new InvalidOperationException($"Checkpoint size mismatch: wrote {w.Position} bytes, expected {bytes.Length}.");
        return bytes;
    }

    private static void CheckParameters(IReadOnlyList<Parameter> parameters, string paramName)
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
            if (p.Name is not null)
            {
                if (Encoding.UTF8.GetByteCount(p.Name) > MaxNameBytes)
                    throw new ArgumentException($"The name of parameter {i} is longer than {MaxNameBytes} UTF-8 bytes.", paramName);
                if (!names.TryAdd(p.Name, i))
                    throw new ArgumentException($"Parameters {names[p.Name]} and {i} are both named '{p.Name}'; names must be unique to be matched on load.", paramName);
            }
        }
    }

    private static string TypeName(IOptimizer optimizer) => optimizer.GetType().FullName ?? optimizer.GetType().Name;

    private static long StringSize(string s) => 4 + Encoding.UTF8.GetByteCount(s);

    private ref struct Writer(Span<byte> buffer)
    {
        private readonly Span<byte> _buffer = buffer;

        public int Position { get; private set; }

        public void Bytes(ReadOnlySpan<byte> data)
        {
            data.CopyTo(_buffer[Position..]);
            Position += data.Length;
        }

        public void U8(byte v) => _buffer[Position++] = v;

        public void U32(uint v)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(_buffer[Position..], v);
            Position += 4;
        }

        public void I64(long v)
        {
            BinaryPrimitives.WriteInt64LittleEndian(_buffer[Position..], v);
            Position += 8;
        }

        public void F64(double v)
        {
            BinaryPrimitives.WriteInt64LittleEndian(_buffer[Position..], BitConverter.DoubleToInt64Bits(v));
            Position += 8;
        }

        public void String(string s)
        {
            int n = Encoding.UTF8.GetBytes(s, _buffer[(Position + 4)..]);
            U32((uint)n);
            Position += n;
        }

        public void Floats(ReadOnlySpan<float> values)
        {
            Span<byte> dest = _buffer.Slice(Position, values.Length * 4);
            if (BitConverter.IsLittleEndian)
                MemoryMarshal.AsBytes(values).CopyTo(dest);
            else
                for (int i = 0; i < values.Length; i++)
                    BinaryPrimitives.WriteInt32LittleEndian(dest[(4 * i)..], BitConverter.SingleToInt32Bits(values[i]));
            Position += dest.Length;
        }
    }

    // ---------------------------------------------------------------- reading

    private sealed class Parsed
    {
        public required CheckpointInfo Info;
        public required float[][] Values;
        public float[][][]? Buffers;
        public double[][]? Scalars;
    }

    private static byte[] LoadCore(byte[] bytes, string source, IReadOnlyList<Parameter> parameters, IOptimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(optimizer);
        CheckParameters(parameters, nameof(parameters));
        OptimizerState state = optimizer.State ?? throw new ArgumentException("The optimizer has no State.", nameof(optimizer));

        // 1. The file on its own: structure and checksum (InvalidDataException).
        Parsed file = Parse(bytes, source);
        CheckpointInfo info = file.Info;

        // 2. The schema against the optimizer and the model (ArgumentException).
        string typeName = TypeName(optimizer);
        if (info.OptimizerType != typeName)
            throw new ArgumentException($"Checkpoint '{source}' was saved with optimizer {info.OptimizerType}, not {typeName}.", nameof(optimizer));
        CheckNames(source, "state buffers", info.BufferNames, state.BufferNames);
        CheckNames(source, "scalar states", info.ScalarNames, state.ScalarNames);
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
            if (info.Tensors[t].Length != p.Length)
                throw new ArgumentException($"{Describe("Parameter", i, p.Name)} has {p.Length} elements, but {Describe("tensor", t, info.Tensors[t].Name)} of checkpoint '{source}' has {info.Tensors[t].Length}.", nameof(parameters));
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
            state.Restore(paramArray, info.StepCount, buffers, scalars);
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

    private static Parsed Parse(byte[] bytes, string source)
    {
        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            bool prefix = bytes.Length < Magic.Length && Magic.StartsWith(bytes);
            throw new InvalidDataException(prefix
                ? $"'{source}' is truncated: {bytes.Length} bytes, too short to be an OptGen checkpoint."
                : $"'{source}' is not an OptGen checkpoint (the file does not start with 'OPTGCKPT').");
        }
        if (bytes.Length < HeaderLength + 4)
            throw new InvalidDataException($"'{source}' is truncated: {bytes.Length} bytes, shorter than a checkpoint header.");
        long declared = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(12));
        if (declared != bytes.Length)
            throw new InvalidDataException(declared > bytes.Length
                ? $"'{source}' is truncated or corrupt: its header says {declared} bytes, but it has {bytes.Length}."
                : $"'{source}' is corrupt: its header says {declared} bytes, but it has {bytes.Length}.");
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4));
        uint computed = Crc32.Compute(bytes.AsSpan(0, bytes.Length - 4));
        if (stored != computed)
            throw new InvalidDataException($"'{source}' is corrupt: its checksum is 0x{stored:X8}, but its content gives 0x{computed:X8}.");
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        if (version != FormatVersion)
            throw new InvalidDataException($"'{source}' has checkpoint format version {version}; this build reads version {FormatVersion}.");

        var r = new Reader(bytes, HeaderLength, bytes.Length - 4, source);
        string typeName = r.String("optimizer type");
        string optimizerName = r.String("optimizer name");
        long stepCount = r.I64();
        if (stepCount < 0)
            throw r.Error($"negative step count {stepCount}");
        byte flag = r.U8();
        if (flag > 1)
            throw r.Error($"invalid state flag {flag}");
        bool hasState = flag == 1;
        string[] bufferNames = r.Strings("state buffer name");
        string[] scalarNames = r.Strings("scalar state name");
        int count = r.Count(5, "tensor");
        var tensors = new CheckpointTensor[count];
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int t = 0; t < count; t++)
        {
            byte named = r.U8();
            if (named > 1)
                throw r.Error($"invalid name flag {named} for tensor {t}");
            string? name = named == 1 ? r.String("tensor name") : null;
            if (name is not null && !names.Add(name))
                throw r.Error($"tensor name '{name}' appears twice");
            int length = r.Count(4, "element");
            if (length == 0)
                throw r.Error($"tensor {t} has no elements");
            tensors[t] = new CheckpointTensor(name, length);
        }
        var values = new float[count][];
        for (int t = 0; t < count; t++)
            values[t] = r.Floats(tensors[t].Length);
        float[][][]? buffers = null;
        double[][]? scalars = null;
        if (hasState)
        {
            buffers = new float[count][][];
            scalars = new double[count][];
            for (int t = 0; t < count; t++)
            {
                buffers[t] = new float[bufferNames.Length][];
                for (int b = 0; b < bufferNames.Length; b++)
                    buffers[t][b] = r.Floats(OptimizerState.StoredLength(bufferNames[b], tensors[t].Length));
                scalars[t] = new double[scalarNames.Length];
                for (int s = 0; s < scalarNames.Length; s++)
                    scalars[t][s] = r.F64();
            }
        }
        int extraLength = r.Count(1, "extra byte");
        byte[] extra = r.Bytes(extraLength);
        if (!r.AtEnd)
            throw r.Error("unexpected bytes after the extra section");
        var info = new CheckpointInfo((int)version, typeName, optimizerName, stepCount, hasState, bufferNames, scalarNames, tensors, extra);
        return new Parsed { Info = info, Values = values, Buffers = buffers, Scalars = scalars };
    }

    /// <summary>Bounds-checked little-endian reader; every failure is an <see cref="InvalidDataException"/> with the offset.</summary>
    private sealed class Reader(byte[] bytes, int start, int end, string source)
    {
        private int _pos = start;

        public bool AtEnd => _pos == end;

        public InvalidDataException Error(string problem) => new($"'{source}' is corrupt at byte offset {_pos}: {problem}.");

        private ReadOnlySpan<byte> Take(int n, string what)
        {
            if (n < 0 || n > end - _pos)
                throw Error($"{what} ({n} bytes) runs past the end of the data");
            ReadOnlySpan<byte> s = bytes.AsSpan(_pos, n);
            _pos += n;
            return s;
        }

        public byte U8() => Take(1, "a byte")[0];

        public uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, "an integer"));

        public long I64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8, "an integer"));

        public double F64() => BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(Take(8, "a double")));

        /// <summary>A count of items of <paramref name="elementSize"/> bytes each, checked against the bytes left.</summary>
        public int Count(int elementSize, string what)
        {
            int at = _pos;
            uint n = U32();
            if (n > int.MaxValue || (long)n * elementSize > end - _pos)
            {
                _pos = at;
                throw Error($"{what} count {n} is more than the remaining data can hold");
            }
            return (int)n;
        }

        public string String(string what)
        {
            int at = _pos;
            uint n = U32();
            if (n > MaxNameBytes || n > end - _pos)
            {
                _pos = at;
                throw Error($"{what} length {n} is invalid");
            }
            try
            {
                return new UTF8Encoding(false, true).GetString(Take((int)n, what));
            }
            catch (DecoderFallbackException)
            {
                _pos = at;
                throw Error($"{what} is not valid UTF-8");
            }
        }

        public string[] Strings(string what)
        {
            int n = Count(4, what);
            var result = new string[n];
            for (int i = 0; i < n; i++)
                result[i] = String(what);
            return result;
        }

        public float[] Floats(int count)
        {
            ReadOnlySpan<byte> src = Take(checked(count * 4), "float data");
            var result = new float[count];
            if (BitConverter.IsLittleEndian)
                src.CopyTo(MemoryMarshal.AsBytes(result.AsSpan()));
            else
                for (int i = 0; i < count; i++)
                    result[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32LittleEndian(src[(4 * i)..]));
            return result;
        }

        public byte[] Bytes(int count) => Take(count, "extra data").ToArray();
    }
}

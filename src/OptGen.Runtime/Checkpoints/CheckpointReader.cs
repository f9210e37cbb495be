using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace OptGen.Checkpoints;

/// <summary>A checkpoint file, validated and decoded (nothing applied yet).</summary>
internal sealed class ParsedCheckpoint
{
    public required CheckpointInfo Info;
    public required float[][] Values;
    public float[][][]? Buffers;
    public double[][]? Scalars;
    public double[] Shared = [];
}

/// <summary>
/// Validates and decodes checkpoint bytes: magic, version, declared length and checksum first, then the structure.
/// Reads format version 3 (shared scalar states), 2 (shapes) and 1 (lengths only, read as flat shapes <c>[length]</c>).
/// </summary>
internal static class CheckpointReader
{
    /// <summary>The oldest format version this build still reads.</summary>
    public const int OldestReadableVersion = 1;

    public static ParsedCheckpoint Parse(byte[] bytes, string source)
    {
        ReadOnlySpan<byte> magic = Checkpoint.Magic;
        if (bytes.Length < magic.Length || !bytes.AsSpan(0, magic.Length).SequenceEqual(magic))
        {
            bool prefix = bytes.Length < magic.Length && magic.StartsWith(bytes);
            throw new InvalidDataException(prefix
                ? $"'{source}' is truncated: {bytes.Length} bytes, too short to be an OptGen checkpoint."
                : $"'{source}' is not an OptGen checkpoint (the file does not start with 'OPTGCKPT').");
        }
        if (bytes.Length < Checkpoint.HeaderLength + 4)
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
        if (version < OldestReadableVersion || version > Checkpoint.FormatVersion)
            throw new InvalidDataException($"'{source}' has checkpoint format version {version}; this build reads versions {OldestReadableVersion} to {Checkpoint.FormatVersion}.");

        var r = new ByteReader(bytes, Checkpoint.HeaderLength, bytes.Length - 4, source);
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
        string[] sharedNames = version >= 3 ? r.Strings("shared scalar state name") : [];
        CheckpointTensor[] tensors = ReadTensors(r, version);
        int count = tensors.Length;
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
                {
                    // Version 1 buffers had the tensor's length (halved for bfloat16); version 2 stores each length.
                    int length = version == 1 ? OptimizerState.StoredLength(bufferNames[b], tensors[t].Length) : r.Count(4, $"state buffer '{bufferNames[b]}' value");
                    buffers[t][b] = r.Floats(length);
                }
                scalars[t] = new double[scalarNames.Length];
                for (int s = 0; s < scalarNames.Length; s++)
                    scalars[t][s] = r.F64();
            }
        }
        var shared = new double[hasState ? sharedNames.Length : 0];
        for (int s = 0; s < shared.Length; s++)
            shared[s] = r.F64();
        int extraLength = r.Count(1, "extra byte");
        byte[] extra = r.Bytes(extraLength);
        if (!r.AtEnd)
            throw r.Error("unexpected bytes after the extra section");
        var info = new CheckpointInfo
        {
            FormatVersion = (int)version,
            OptimizerType = typeName,
            OptimizerName = optimizerName,
            StepCount = stepCount,
            HasOptimizerState = hasState,
            BufferNames = bufferNames,
            ScalarNames = scalarNames,
            SharedNames = sharedNames,
            Tensors = tensors,
            Extra = extra,
        };
        return new ParsedCheckpoint { Info = info, Values = values, Buffers = buffers, Scalars = scalars, Shared = shared };
    }

    /// <summary>The tensor table: version 1 stores each tensor's length, version 2 its rank and dimensions.</summary>
    private static CheckpointTensor[] ReadTensors(ByteReader r, uint version)
    {
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
            int[] shape;
            if (version == 1)
            {
                shape = [r.Count(4, "element")];
            }
            else
            {
                int rank = r.Count(4, "dimension");
                if (rank is 0 or > Checkpoint.MaxRank)
                    throw r.Error($"tensor {t} has rank {rank}; 1 to {Checkpoint.MaxRank} dimensions are supported");
                shape = new int[rank];
                long length = 1;
                for (int d = 0; d < rank; d++)
                {
                    uint dim = r.U32();
                    length *= Math.Min(dim, (uint)int.MaxValue + 1L);
                    if (dim > int.MaxValue || length > int.MaxValue)
                        throw r.Error($"tensor {t} has more elements than an array can hold");
                    shape[d] = (int)dim;
                }
            }
            CheckpointTensor tensor = new(name, shape);
            if (tensor.Length == 0)
                throw r.Error($"tensor {t} has no elements");
            tensors[t] = tensor;
        }
        return tensors;
    }

    /// <summary>Bounds-checked little-endian reader; every failure is an <see cref="InvalidDataException"/> with the offset.</summary>
    private sealed class ByteReader(byte[] bytes, int start, int end, string source)
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
            if (n > Checkpoint.MaxNameBytes || n > end - _pos)
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

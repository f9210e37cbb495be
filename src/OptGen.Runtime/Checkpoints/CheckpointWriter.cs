using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace OptGen.Checkpoints;

/// <summary>Lays out a checkpoint in the current format version (see <see cref="Checkpoint"/> for the format).</summary>
internal static class CheckpointWriter
{
    /// <summary>The checkpoint bytes of <paramref name="parameters"/>, the state of <paramref name="optimizer"/> and <paramref name="extra"/>.</summary>
    public static byte[] Serialize(IReadOnlyList<Parameter> parameters, IOptimizer optimizer, ReadOnlySpan<byte> extra)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(optimizer);
        OptimizerState state = optimizer.State ?? throw new ArgumentException("The optimizer has no State.", nameof(optimizer));
        Checkpoint.CheckParameters(parameters, nameof(parameters));
        bool hasState = state.IsInitialized;
        if (hasState)
            CheckOwnership(state, parameters);

        string typeName = Checkpoint.TypeName(optimizer);
        long size = Checkpoint.HeaderLength;
        size += StringSize(typeName) + StringSize(state.OptimizerName) + 8 + 1;
        size += 4;
        foreach (string n in state.BufferNames)
            size += StringSize(n);
        size += 4;
        foreach (string n in state.ScalarNames)
            size += StringSize(n);
        size += 4;
        foreach (string n in state.SharedNames)
            size += StringSize(n);
        size += 4;
        foreach (Parameter p in parameters)
        {
            size += 1 + (p.Name is null ? 0 : StringSize(p.Name)) + 4 + 4L * p.Rank;
            size += 4L * p.Length;
        }
        if (hasState)
        {
            // Each buffer with its length: a factored buffer holds one value per row, column or matrix of its tensor.
            foreach (TensorState t in state.Tensors)
            {
                for (int b = 0; b < t.BufferCount; b++)
                    size += 4 + 4L * t.Buffer(b).Length;
                size += 8L * state.ScalarNames.Length;
            }
            size += 8L * state.SharedNames.Length;
        }
        size += 4 + extra.Length + 4;
        if (size > Array.MaxLength)
            throw new ArgumentException($"The checkpoint would be {size} bytes; at most {Array.MaxLength} are supported.", nameof(parameters));

        var bytes = new byte[size];
        var w = new ByteWriter(bytes);
        w.Bytes(Checkpoint.Magic);
        w.U32(Checkpoint.FormatVersion);
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
        w.U32((uint)state.SharedNames.Length);
        foreach (string n in state.SharedNames)
            w.String(n);
        w.U32((uint)parameters.Count);
        foreach (Parameter p in parameters)
        {
            w.U8(p.Name is null ? (byte)0 : (byte)1);
            if (p.Name is not null)
                w.String(p.Name);
            w.U32((uint)p.Rank);
            foreach (int d in p.Shape)
                w.U32((uint)d);
        }
        foreach (Parameter p in parameters)
            w.Floats(p.Value);
        if (hasState)
        {
            ReadOnlySpan<TensorState> tensors = state.Tensors;
            for (int i = 0; i < tensors.Length; i++)
            {
                for (int b = 0; b < tensors[i].BufferCount; b++)
                {
                    w.U32((uint)tensors[i].Buffer(b).Length);
                    w.Floats(tensors[i].Buffer(b));
                }
                foreach (double s in tensors[i].Scalars)
                    w.F64(s);
            }
            foreach (double s in state.SharedScalars)
                w.F64(s);
        }
        w.U32((uint)extra.Length);
        w.Bytes(extra);
        w.U32(Crc32.Compute(bytes.AsSpan(0, w.Position)));
        if (w.Position != bytes.Length)
            throw new InvalidOperationException($"Checkpoint size mismatch: wrote {w.Position} bytes, expected {bytes.Length}.");
        return bytes;
    }

    /// <summary>Throws unless the optimizer's state belongs to exactly <paramref name="parameters"/>, in that order.</summary>
    internal static void CheckOwnership(OptimizerState state, IReadOnlyList<Parameter> parameters)
    {
        ReadOnlySpan<Parameter> owned = state.Parameters;
        bool same = owned.Length == parameters.Count;
        for (int i = 0; same && i < owned.Length; i++)
            same = ReferenceEquals(owned[i], parameters[i]);
        if (!same)
            throw new ArgumentException($"The state of {state.OptimizerName} was created for {owned.Length} parameters that are not exactly the {parameters.Count} given, in the same order; save the parameters the optimizer steps.", nameof(parameters));
    }

    private static long StringSize(string s) => 4 + Encoding.UTF8.GetByteCount(s);

    /// <summary>Little-endian writer over a buffer sized in advance.</summary>
    private ref struct ByteWriter(Span<byte> buffer)
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

        public void F64(double v) => I64(BitConverter.DoubleToInt64Bits(v));

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
}

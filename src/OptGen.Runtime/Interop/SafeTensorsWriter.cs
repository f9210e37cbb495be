using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OptGen.Checkpoints;

namespace OptGen.Interop;

/// <summary>
/// Builds a safetensors file as the format's reference writer lays it out, byte for byte: the 8-byte little-endian
/// header size, compact JSON with <c>__metadata__</c> first (keys sorted) and the tensors ordered by dtype alignment
/// (largest first) then by name, the header padded with spaces so the data starts at a multiple of 8, then each
/// tensor's little-endian bytes in that order, with no gaps.
/// </summary>
/// <remarks>Tensors are copied when added, so the source may change afterwards.</remarks>
public sealed class SafeTensorsWriter
{
    private readonly List<Pending> _tensors = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    private sealed record Pending(string Name, SafeTensorsDType DType, long[] Shape, byte[] Data);

    /// <summary>The <c>__metadata__</c> map (string to string, as the format requires); written only when not empty.</summary>
    public IDictionary<string, string> Metadata { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Number of tensors added.</summary>
    public int Count => _tensors.Count;

    /// <summary>Adds a tensor of any dtype from its little-endian bytes (copied).</summary>
    /// <exception cref="ArgumentException">The name is empty, reserved or taken, or the data is not the size the dtype and shape need.</exception>
    public void Add(string name, SafeTensorsDType dtype, ReadOnlySpan<long> shape, ReadOnlySpan<byte> data)
    {
        long[] dims = CheckShape(name, shape);
        long bytes = ByteSize(name, dtype, dims);
        if (data.Length != bytes)
            throw new ArgumentException($"Tensor '{name}' ({SafeTensorsDTypes.Name(dtype)} {Format(dims)}) needs {bytes} bytes, but {data.Length} were given.", nameof(data));
        Accept(name, dtype, dims, data.ToArray());
    }

    /// <summary>Adds an <c>F32</c> tensor (copied).</summary>
    public void AddFloat32(string name, ReadOnlySpan<int> shape, ReadOnlySpan<float> values) => AddValues(name, SafeTensorsDType.F32, shape, values);

    /// <summary>Adds a <c>BF16</c> tensor from its raw 16-bit patterns (copied).</summary>
    public void AddBFloat16(string name, ReadOnlySpan<int> shape, ReadOnlySpan<ushort> bits) => AddValues(name, SafeTensorsDType.BF16, shape, bits);

    /// <summary>Adds an <c>F64</c> tensor (copied).</summary>
    public void AddFloat64(string name, ReadOnlySpan<int> shape, ReadOnlySpan<double> values) => AddValues(name, SafeTensorsDType.F64, shape, values);

    /// <summary>The whole file.</summary>
    public byte[] ToArray()
    {
        var stream = new MemoryStream();
        WriteTo(stream);
        return stream.ToArray();
    }

    /// <summary>Writes the whole file to <paramref name="destination"/>.</summary>
    public void WriteTo(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Pending[] ordered = Ordered();
        byte[] header = Header(ordered);
        Span<byte> size = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(size, (ulong)header.Length);
        destination.Write(size);
        destination.Write(header);
        foreach (Pending t in ordered)
            AtomicFile.WriteChunked(destination, t.Data);
    }

    /// <summary>
    /// Writes the file to <paramref name="path"/> atomically: a temporary file in the same folder is written, flushed to
    /// disk and renamed over <paramref name="path"/>, so a failed save leaves the previous file intact.
    /// </summary>
    public void Save(string path) => Save(path, wrap: null);

    internal void Save(string path, Func<Stream, Stream>? wrap) => AtomicFile.Write(path, WriteTo, wrap);

    /// <summary>Largest dtype alignment first, then names in UTF-8 byte order, as the reference writer sorts.</summary>
    private Pending[] Ordered()
    {
        Pending[] ordered = _tensors.ToArray();
        Array.Sort(ordered, (a, b) =>
        {
            int c = b.DType.CompareTo(a.DType);
            return c != 0 ? c : Encoding.UTF8.GetBytes(a.Name).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b.Name));
        });
        return ordered;
    }

    private byte[] Header(Pending[] ordered)
    {
        var json = new ArrayBufferWriter<byte>();
        // Only quotes, backslashes and control characters are escaped, as serde_json does; the rest is raw UTF-8.
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var w = new Utf8JsonWriter(json, options))
        {
            w.WriteStartObject();
            if (Metadata.Count > 0)
            {
                w.WriteStartObject(SafeTensorsHeaderParser.MetadataKey);
                foreach (KeyValuePair<string, string> kv in Metadata)
                    w.WriteString(kv.Key, kv.Value ?? throw new InvalidOperationException($"The metadata value of '{kv.Key}' is null."));
                w.WriteEndObject();
            }
            long offset = 0;
            foreach (Pending t in ordered)
            {
                w.WriteStartObject(t.Name);
                w.WriteString("dtype", SafeTensorsDTypes.Name(t.DType));
                w.WriteStartArray("shape");
                foreach (long d in t.Shape)
                    w.WriteNumberValue(d);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                w.WriteNumberValue(offset + t.Data.Length);
                w.WriteEndArray();
                w.WriteEndObject();
                offset += t.Data.Length;
            }
            w.WriteEndObject();
        }
        int length = json.WrittenCount;
        int padded = (length + 7) / 8 * 8;
        if (padded > SafeTensorsFile.MaxHeaderSize)
            throw new InvalidOperationException($"The header would be {padded} bytes, more than the {SafeTensorsFile.MaxHeaderSize} the format allows.");
        byte[] header = new byte[padded];
        json.WrittenSpan.CopyTo(header);
        header.AsSpan(length).Fill((byte)' ');
        return header;
    }

    private void AddValues<T>(string name, SafeTensorsDType dtype, ReadOnlySpan<int> shape, ReadOnlySpan<T> values) where T : unmanaged
    {
        var wide = new long[shape.Length];
        for (int i = 0; i < shape.Length; i++)
            wide[i] = shape[i];
        long[] dims = CheckShape(name, wide);
        long bytes = ByteSize(name, dtype, dims);
        long expected = bytes * 8 / SafeTensorsDTypes.BitSize(dtype);
        if (values.Length != expected)
            throw new ArgumentException($"Tensor '{name}' has shape {Format(dims)} ({expected} elements), but {values.Length} values were given.", nameof(shape));
        var data = new byte[bytes];
        SafeTensorsData.Write(values, data);
        Accept(name, dtype, dims, data);
    }

    private long[] CheckShape(string name, ReadOnlySpan<long> shape)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name == SafeTensorsHeaderParser.MetadataKey)
            throw new ArgumentException($"'{name}' cannot name a tensor.", nameof(name));
        if (_names.Contains(name))
            throw new ArgumentException($"A tensor named '{name}' was already added.", nameof(name));
        if (shape.Length > Checkpoint.MaxRank)
            throw new ArgumentException($"Tensor '{name}' has rank {shape.Length}; at most {Checkpoint.MaxRank} dimensions are supported.", nameof(shape));
        foreach (long d in shape)
        {
            if (d < 0)
                throw new ArgumentException($"Tensor '{name}' has a negative dimension in its shape {Format(shape.ToArray())}.", nameof(shape));
        }
        return shape.ToArray();
    }

    private static long ByteSize(string name, SafeTensorsDType dtype, long[] shape)
    {
        long count = 1;
        foreach (long d in shape)
            count = d == 0 ? 0 : count > Array.MaxLength / d ? Array.MaxLength + 1L : count * d;
        long bits = count * SafeTensorsDTypes.BitSize(dtype);
        if (count > Array.MaxLength || bits / 8 > Array.MaxLength)
            throw new ArgumentException($"Tensor '{name}' of shape {Format(shape)} is larger than an array can hold.", nameof(shape));
        if (bits % 8 != 0)
            throw new ArgumentException($"Tensor '{name}' ({SafeTensorsDTypes.Name(dtype)} {Format(shape)}) does not end on a byte boundary.", nameof(shape));
        return bits / 8;
    }

    private void Accept(string name, SafeTensorsDType dtype, long[] shape, byte[] data)
    {
        _names.Add(name);
        _tensors.Add(new Pending(name, dtype, shape, data));
    }

    private static string Format(long[] shape) => "[" + string.Join(", ", shape) + "]";
}

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;

namespace OptGen.Interop;

/// <summary>
/// A safetensors file, read whole and validated as the format's reference implementation does: an 8-byte
/// little-endian header size N (at most 100,000,000), N bytes of UTF-8 JSON, then the byte buffer, which the tensors'
/// <c>data_offsets</c> must cover exactly — starting at 0, each tensor where the previous one ends (no overlap, no
/// hole), each as many bytes as its dtype and shape need, the last ending at the end of the file.
/// </summary>
/// <remarks>Every problem is an <see cref="InvalidDataException"/> naming the file, the byte position and, where there is
/// one, the tensor. Files up to 2 GB (one array) are supported.</remarks>
public sealed class SafeTensorsFile
{
    /// <summary>The largest header the reference implementation accepts.</summary>
    public const int MaxHeaderSize = 100_000_000;

    private readonly byte[] _bytes;
    private readonly int _bufferStart;
    private readonly Dictionary<string, SafeTensorsEntry> _byName;

    private SafeTensorsFile(byte[] bytes, string source, int bufferStart, SafeTensorsEntry[] tensors, Dictionary<string, string> metadata)
    {
        _bytes = bytes;
        Source = source;
        _bufferStart = bufferStart;
        Tensors = tensors;
        Metadata = metadata;
        _byName = new Dictionary<string, SafeTensorsEntry>(tensors.Length, StringComparer.Ordinal);
        foreach (SafeTensorsEntry t in tensors)
            _byName.Add(t.Name, t);
    }

    /// <summary>Names the file in messages: its path, or what the caller passed to <see cref="Parse"/>.</summary>
    public string Source { get; }

    /// <summary>The tensors, in the order of their data in the file.</summary>
    public IReadOnlyList<SafeTensorsEntry> Tensors { get; }

    /// <summary>The <c>__metadata__</c> map (empty when the file has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The header size N: the byte buffer starts at <c>8 + N</c>.</summary>
    public int HeaderSize => _bufferStart - 8;

    /// <summary>Reads and validates the file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file.</exception>
    public static SafeTensorsFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Validates <paramref name="bytes"/> (kept, not copied) as a safetensors file; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a valid safetensors file.</exception>
    public static SafeTensorsFile Parse(byte[] bytes, string source = "bytes")
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(source);
        if (bytes.Length < 8)
            throw new InvalidDataException($"'{source}' is truncated: {bytes.Length} bytes, fewer than the 8 of a safetensors header size.");
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (n > MaxHeaderSize)
            throw new InvalidDataException($"'{source}' is not a safetensors file or is corrupt: its header size is {n} bytes, more than the {MaxHeaderSize} the format allows.");
        if (n > (ulong)(bytes.Length - 8))
            throw new InvalidDataException($"'{source}' is truncated: its header size is {n} bytes, but only {bytes.Length - 8} follow the size.");
        int bufferStart = 8 + (int)n;
        SafeTensorsHeaderParser.Header header = SafeTensorsHeaderParser.Parse(bytes.AsSpan(8, (int)n), source, 8);
        SafeTensorsEntry[] tensors = SafeTensorsLayout.Check(header.Tensors, bytes.Length - (long)bufferStart, source, bufferStart);
        return new SafeTensorsFile(bytes, source, bufferStart, tensors, header.Metadata);
    }

    /// <summary>True when the file holds a tensor named <paramref name="name"/>.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The tensor named <paramref name="name"/>, or false.</summary>
    public bool TryGetTensor(string name, out SafeTensorsEntry entry) => _byName.TryGetValue(name, out entry!);

    /// <summary>The tensor named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The file has no such tensor.</exception>
    public SafeTensorsEntry GetTensor(string name) =>
        _byName.TryGetValue(name, out SafeTensorsEntry? entry) ? entry : throw new KeyNotFoundException($"'{Source}' holds no tensor '{name}'.");

    /// <summary>The raw little-endian bytes of <paramref name="entry"/> (a view of the file).</summary>
    public ReadOnlySpan<byte> GetData(SafeTensorsEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!_byName.TryGetValue(entry.Name, out SafeTensorsEntry? own) || !ReferenceEquals(own, entry))
            throw new ArgumentException($"Tensor '{entry.Name}' is not an entry of '{Source}'.", nameof(entry));
        return _bytes.AsSpan(_bufferStart + (int)entry.Begin, (int)(entry.End - entry.Begin));
    }

    /// <summary>The values of the <c>F32</c> tensor <paramref name="name"/>, row-major.</summary>
    /// <exception cref="KeyNotFoundException">The file has no such tensor.</exception>
    /// <exception cref="InvalidDataException">The tensor is not F32.</exception>
    public float[] ReadFloat32(string name)
    {
        SafeTensorsEntry entry = GetTensor(name);
        if (entry.DType != SafeTensorsDType.F32)
            throw new InvalidDataException($"Tensor '{name}' of '{Source}' is {SafeTensorsDTypes.Name(entry.DType)}, not F32.");
        var values = new float[entry.ElementCount];
        SafeTensorsData.Read<float>(GetData(entry), values);
        return values;
    }
}

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace OptGen.Checkpoints;

/// <summary>
/// A small key → value encoding for a checkpoint's extra section, for trainers that keep a few named values
/// (epoch, RNG seed and position, schedule settings). Values are strings; write numbers with the invariant culture
/// (<c>"R"</c> or <c>"G17"</c> for doubles) to restore them exactly.
/// </summary>
public static class CheckpointExtra
{
    private static ReadOnlySpan<byte> Tag => "OGKV"u8;

    /// <summary>Encodes <paramref name="values"/> (sorted by key, so the bytes are deterministic).</summary>
    public static byte[] Encode(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var keys = new List<string>(values.Keys);
        keys.Sort(StringComparer.Ordinal);
        var stream = new MemoryStream();
        stream.Write(Tag);
        Span<byte> n = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(n, keys.Count);
        stream.Write(n);
        foreach (string key in keys)
        {
            Write(stream, key);
            Write(stream, values[key] ?? throw new ArgumentException($"The value of '{key}' is null.", nameof(values)));
        }
        return stream.ToArray();
    }

    /// <summary>Decodes bytes written by <see cref="Encode"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an encoded map.</exception>
    public static Dictionary<string, string> Decode(ReadOnlySpan<byte> data)
    {
        if (data.Length < 8 || !data[..4].SequenceEqual(Tag))
            throw new InvalidDataException("The extra section is not a key/value map written by CheckpointExtra.Encode.");
        int count = BinaryPrimitives.ReadInt32LittleEndian(data[4..]);
        int pos = 8;
        if (count < 0 || count > (data.Length - pos) / 8)
            throw new InvalidDataException($"The extra section's entry count {count} is invalid.");
        var result = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string key = Read(data, ref pos);
            string value = Read(data, ref pos);
            if (!result.TryAdd(key, value))
                throw new InvalidDataException($"The extra section has key '{key}' twice.");
        }
        if (pos != data.Length)
            throw new InvalidDataException("The extra section has bytes after its last entry.");
        return result;
    }

    private static void Write(MemoryStream stream, string s)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(s);
        Span<byte> n = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(n, bytes.Length);
        stream.Write(n);
        stream.Write(bytes);
    }

    private static string Read(ReadOnlySpan<byte> data, ref int pos)
    {
        if (data.Length - pos < 4)
            throw new InvalidDataException("The extra section is truncated.");
        int n = BinaryPrimitives.ReadInt32LittleEndian(data[pos..]);
        pos += 4;
        if (n < 0 || n > data.Length - pos)
            throw new InvalidDataException("The extra section is truncated.");
        try
        {
            string s = new UTF8Encoding(false, true).GetString(data.Slice(pos, n));
            pos += n;
            return s;
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException("The extra section holds invalid UTF-8.", e);
        }
    }
}

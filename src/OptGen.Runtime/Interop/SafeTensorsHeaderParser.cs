using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace OptGen.Interop;

/// <summary>
/// Reads the JSON header of a safetensors file with <see cref="Utf8JsonReader"/> (no reflection, so trimming and
/// Native AOT keep it) and rejects what the format forbids: a root that is not an object, a tensor entry without
/// exactly <c>dtype</c>, <c>shape</c> and <c>data_offsets</c>, an unknown dtype, a negative or fractional dimension
/// or offset, <c>data_offsets</c> that are not two numbers, a duplicate key, <c>__metadata__</c> that is not a map of
/// strings. Offsets against each other and the file are checked by <see cref="SafeTensorsLayout"/>.
/// </summary>
internal static class SafeTensorsHeaderParser
{
    public const string MetadataKey = "__metadata__";

    /// <summary>The parsed header: tensors in header order and the metadata map.</summary>
    public sealed record Header(List<SafeTensorsEntry> Tensors, Dictionary<string, string> Metadata);

    /// <param name="json">The N header bytes (padding included).</param>
    /// <param name="source">Names the file in messages.</param>
    /// <param name="fileOffset">Where <paramref name="json"/> starts in the file (8), so messages give file positions.</param>
    public static Header Parse(ReadOnlySpan<byte> json, string source, int fileOffset)
    {
        if (!System.Text.Unicode.Utf8.IsValid(json))
            throw new InvalidDataException($"'{source}' is not a safetensors file: its header (bytes {fileOffset} to {fileOffset + json.Length}) is not valid UTF-8.");
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 4 });
        var tensors = new List<SafeTensorsEntry>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw Error(source, fileOffset, reader, "the header is not a JSON object");
            while (Next(ref reader) != JsonTokenType.EndObject)
            {
                string key = reader.GetString()!;
                if (!names.Add(key))
                    throw Error(source, fileOffset, reader, $"the key '{key}' appears twice");
                Next(ref reader);
                if (key == MetadataKey)
                {
                    ReadMetadata(ref reader, metadata, source, fileOffset);
                }
                else
                {
                    tensors.Add(ReadTensor(ref reader, key, source, fileOffset));
                }
            }
            if (reader.Read())
                throw Error(source, fileOffset, reader, "there is more after the header object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{source}' has an invalid JSON header at byte {fileOffset + reader.BytesConsumed}: {e.Message}", e);
        }
        return new Header(tensors, metadata);
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
            throw new JsonException("The header ends in the middle of the JSON.");
        return reader.TokenType;
    }

    private static void ReadMetadata(ref Utf8JsonReader reader, Dictionary<string, string> metadata, string source, int fileOffset)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return;
        if (reader.TokenType != JsonTokenType.StartObject)
            throw Error(source, fileOffset, reader, $"'{MetadataKey}' is not a map of strings");
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            string key = reader.GetString()!;
            if (Next(ref reader) != JsonTokenType.String)
                throw Error(source, fileOffset, reader, $"the metadata value of '{key}' is not a string (the format allows strings only)");
            if (!metadata.TryAdd(key, reader.GetString()!))
                throw Error(source, fileOffset, reader, $"the metadata key '{key}' appears twice");
        }
    }

    private static SafeTensorsEntry ReadTensor(ref Utf8JsonReader reader, string name, string source, int fileOffset)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw Error(source, fileOffset, reader, $"the entry of tensor '{name}' is not an object");
        SafeTensorsDType? dtype = null;
        long[]? shape = null;
        long[]? offsets = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            string field = reader.GetString()!;
            Next(ref reader);
            switch (field)
            {
                case "dtype" when dtype is null:
                    if (reader.TokenType != JsonTokenType.String || !SafeTensorsDTypes.TryParse(reader.GetString(), out SafeTensorsDType parsed))
                        throw Error(source, fileOffset, reader, $"tensor '{name}' has dtype {Token(reader)}, which is not one of {SafeTensorsDTypes.AllNames}");
                    dtype = parsed;
                    break;
                case "shape" when shape is null:
                    shape = ReadIntegers(ref reader, name, "shape", source, fileOffset);
                    break;
                case "data_offsets" when offsets is null:
                    offsets = ReadIntegers(ref reader, name, "data_offsets", source, fileOffset);
                    if (offsets.Length != 2)
                        throw Error(source, fileOffset, reader, $"tensor '{name}' has {offsets.Length} data_offsets; it needs two, [begin, end]");
                    break;
                case "dtype" or "shape" or "data_offsets":
                    throw Error(source, fileOffset, reader, $"tensor '{name}' has '{field}' twice");
                default:
                    throw Error(source, fileOffset, reader, $"tensor '{name}' has an unknown field '{field}' (an entry holds dtype, shape and data_offsets)");
            }
        }
        if (dtype is null || shape is null || offsets is null)
        {
            string missing = dtype is null ? "dtype" : shape is null ? "shape" : "data_offsets";
            throw Error(source, fileOffset, reader, $"tensor '{name}' has no '{missing}'");
        }
        long count = 1;
        foreach (long d in shape)
        {
            if (d != 0 && count > long.MaxValue / d)
                throw Error(source, fileOffset, reader, $"tensor '{name}' has shape [{string.Join(", ", shape)}], whose element count overflows");
            count *= d;
        }
        return new SafeTensorsEntry { Name = name, DType = dtype.Value, Shape = shape, Begin = offsets[0], End = offsets[1], ElementCount = count };
    }

    private static long[] ReadIntegers(ref Utf8JsonReader reader, string name, string field, string source, int fileOffset)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            throw Error(source, fileOffset, reader, $"tensor '{name}' has {field} {Token(reader)}, not an array of integers");
        var values = new List<long>();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long v) || v < 0)
                throw Error(source, fileOffset, reader, $"tensor '{name}' has {Token(reader)} in its {field}, not a non-negative integer");
            if (values.Count == Checkpoints.Checkpoint.MaxRank)
                throw Error(source, fileOffset, reader, $"tensor '{name}' has more than {Checkpoints.Checkpoint.MaxRank} entries in its {field}");
            values.Add(v);
        }
        return values.ToArray();
    }

    private static string Token(Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => $"\"{reader.GetString()}\"",
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        _ => reader.TokenType.ToString(),
    };

    private static InvalidDataException Error(string source, int fileOffset, Utf8JsonReader reader, string problem) =>
        new($"'{source}' has an invalid safetensors header at byte {fileOffset + reader.TokenStartIndex}: {problem}.");
}

using OptGen.Interop;
using static OptGen.Runtime.Tests.Interop.SafeTensorsFormatTests;

namespace OptGen.Runtime.Tests.Interop;

/// <summary>
/// Files that break the format are rejected with an <see cref="InvalidDataException"/> that names the file and the
/// tensor or byte position: every rule of the reference implementation's validation, and then some.
/// </summary>
public class SafeTensorsCorruptionTests
{
    private static InvalidDataException Rejected(byte[] bytes, params string[] fragments)
    {
        var e = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(bytes, "bad.safetensors"));
        Assert.Contains("'bad.safetensors'", e.Message);
        foreach (string f in fragments)
            Assert.Contains(f, e.Message);
        return e;
    }

    private static readonly byte[] EightBytes = new byte[8];

    private static byte[] Good()
    {
        var w = new SafeTensorsWriter();
        w.AddFloat32("w", [2, 2], [1f, 2f, 3f, 4f]);
        w.AddFloat32("b", [2], [5f, 6f]);
        w.Metadata["format"] = "pt";
        return w.ToArray();
    }

    [Fact]
    public void EveryTruncationIsRejectedAndSaysSo()
    {
        byte[] good = Good();
        SafeTensorsFile.Parse(good); // the whole file is fine
        int headerEnd = 8 + (int)BitConverter.ToUInt64(good);
        for (int length = 0; length < good.Length; length++)
        {
            InvalidDataException e = Rejected(good[..length], "truncated");
            if (length >= headerEnd)
                Assert.Contains(length < headerEnd + 8 ? "tensor 'b'" : "tensor 'w'", e.Message); // "b" comes first (name order)
            else if (length >= 8)
                Assert.Contains("header size is", e.Message);
        }
    }

    [Fact]
    public void BytesAfterTheLastTensorAreRejected()
    {
        // A polyglot file hides something after the tensors; the format forbids it.
        Rejected([.. Good(), 0], "'w'", "must cover the data exactly");
        Rejected(Bytes("{}", [1, 2]), "no tensors");
    }

    [Fact]
    public void HeaderSizesBeyondTheFileOrTheLimitAreRejected()
    {
        byte[] bytes = Good();
        BitConverter.GetBytes(100_000_001UL).CopyTo(bytes, 0);
        Rejected(bytes, "100000001", "more than the 100000000");
        BitConverter.GetBytes(ulong.MaxValue).CopyTo(bytes, 0);
        Rejected(bytes, "header size");
        BitConverter.GetBytes((ulong)bytes.Length).CopyTo(bytes, 0);
        Rejected(bytes, "truncated", "header size");
        Rejected([], "truncated", "fewer than the 8");
        Rejected(EightBytes, "invalid", "byte 8");
    }

    [Theory]
    [InlineData("{\"a\":", "invalid JSON header")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}", "invalid JSON header")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("{} x", "invalid JSON header")]
    [InlineData("{}{}", "invalid JSON header")]
    [InlineData("{\"a\":1}", "'a'", "not an object")]
    [InlineData("{\"a\":{\"dtype\":\"F33\",\"shape\":[1],\"data_offsets\":[0,4]}}", "'a'", "dtype \"F33\"", "BF16")]
    [InlineData("{\"a\":{\"dtype\":\"f32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "'a'", "dtype \"f32\"")]
    [InlineData("{\"a\":{\"dtype\":32,\"shape\":[1],\"data_offsets\":[0,4]}}", "'a'", "dtype 32")]
    [InlineData("{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}", "'a'", "no 'dtype'")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", "'a'", "no 'shape'")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", "'a'", "no 'data_offsets'")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "'a'", "'dtype' twice")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"extra\":1}}", "'a'", "unknown field 'extra'")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", "'a'", "-1", "non-negative integer")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1.0],\"data_offsets\":[0,4]}}", "'a'", "1.0", "non-negative integer")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[\"1\"],\"data_offsets\":[0,4]}}", "'a'", "non-negative integer")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":1,\"data_offsets\":[0,4]}}", "'a'", "not an array")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", "'a'", "3 data_offsets")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4]}}", "'a'", "1 data_offsets")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,-4]}}", "'a'", "non-negative integer")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,4]}}", "'a'", "overflows")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", "key 'a' appears twice")]
    [InlineData("{\"__metadata__\":{\"k\":1}}", "'k'", "not a string")]
    [InlineData("{\"__metadata__\":[\"k\"]}", "not a map of strings")]
    [InlineData("{\"__metadata__\":{\"k\":\"v\",\"k\":\"w\"}}", "metadata key 'k' appears twice")]
    [InlineData("{\"__metadata__\":{},\"__metadata__\":{}}", "'__metadata__' appears twice")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[[1]],\"data_offsets\":[0,4]}}", "'a'", "non-negative integer")]
    public void MalformedHeadersAreRejectedNamingTheTensor(string header, params string[] fragments)
    {
        InvalidDataException e = Rejected(Bytes(header, new byte[8]), fragments);
        Assert.Contains("byte", e.Message); // every header problem says where
    }

    [Fact]
    public void HeadersThatAreNotUtf8AreRejected()
    {
        byte[] bytes = [1, 0, 0, 0, 0, 0, 0, 0, 0xFF];
        Rejected(bytes, "not valid UTF-8");
    }

    [Theory]
    // Size: 3 F32 elements need 12 bytes.
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8, "'a'", "8 bytes, but its dtype and shape need 12")]
    [InlineData("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "'a'", "need 16")]
    // Overlap, holes, order.
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12, "'b'", "overlap", "'a'")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4, "'b'", "overlap", "'a'")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", 12, "'b'", "hole of 4 bytes", "'a'")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8, "'a'", "must start at 0")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,0]}}", 4, "'a'", "end before they begin")]
    [InlineData("{\"a\":{\"dtype\":\"F4\",\"shape\":[3],\"data_offsets\":[0,2]}}", 2, "'a'", "byte boundary")]
    // Offsets past the end of the file.
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8, "'a'", "truncated")]
    // The offsets cover less than the data.
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 8, "'a'", "cover the data exactly")]
    public void OffsetsThatDoNotTileTheDataAreRejected(string header, int dataLength, params string[] fragments) =>
        Rejected(Bytes(header, new byte[dataLength]), fragments);

    [Fact]
    public void TheSameTensorsListedInAnyOrderAreAccepted()
    {
        // Sorting by offset is the reader's job: the header order is free.
        byte[] bytes = Bytes("{\"b\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[1,2]},\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}}", [10, 20]);
        SafeTensorsFile f = SafeTensorsFile.Parse(bytes);
        Assert.Equal(new[] { "a", "b" }, f.Tensors.Select(t => t.Name));
        Assert.Equal(new byte[] { 20 }, f.GetData(f.GetTensor("b")).ToArray());
    }

    [Fact]
    public void AFileOnDiskIsNamedInTheMessage()
    {
        using var tmp = new TempFolder();
        string path = tmp.File("broken.safetensors");
        File.WriteAllBytes(path, Good()[..20]);
        var e = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Read(path));
        Assert.Contains(path, e.Message);
    }
}

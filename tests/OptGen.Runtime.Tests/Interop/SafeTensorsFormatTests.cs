using System.Text;
using OptGen.Interop;

namespace OptGen.Runtime.Tests.Interop;

/// <summary>
/// The writer against fixtures spelled out byte by byte from the format's specification (README "Format" of
/// huggingface/safetensors), and the reader on the same bytes.
/// </summary>
public class SafeTensorsFormatTests
{
    /// <summary>
    /// F64 scalar "s" = 0.5, F32 "a" = [1, -2], BF16 "b" = [1, 2, -3], metadata {"k": "v"}. The reference writer orders
    /// tensors by dtype alignment, largest first (F64, F32, BF16), then by name; puts __metadata__ first; writes
    /// compact JSON; pads the header with spaces to a multiple of 8 (188 bytes of JSON + 4 spaces = 192).
    /// </summary>
    private static byte[] Fixture()
    {
        const string json = "{\"__metadata__\":{\"k\":\"v\"},"
            + "\"s\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]},"
            + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]},"
            + "\"b\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[16,22]}}";
        Assert.Equal(188, json.Length);
        byte[] size = [0xC0, 0, 0, 0, 0, 0, 0, 0]; // N = 192, u64 little-endian
        byte[] padding = "    "u8.ToArray();
        byte[] s = [0, 0, 0, 0, 0, 0, 0xE0, 0x3F];                  // 0.5 as f64 LE
        byte[] a = [0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0];               // 1.0f, -2.0f
        byte[] b = [0x80, 0x3F, 0x00, 0x40, 0x40, 0xC0];            // bf16 0x3F80 (1), 0x4000 (2), 0xC040 (-3)
        return [.. size, .. Encoding.ASCII.GetBytes(json), .. padding, .. s, .. a, .. b];
    }

    private static SafeTensorsWriter FixtureWriter()
    {
        var w = new SafeTensorsWriter();
        // Added out of order on purpose: the layout must not depend on it.
        w.AddBFloat16("b", [3], [0x3F80, 0x4000, 0xC040]);
        w.AddFloat32("a", [2], [1f, -2f]);
        w.AddFloat64("s", [], [0.5]);
        w.Metadata["k"] = "v";
        return w;
    }

    [Fact]
    public void TheWriterProducesTheSpecFixtureByteForByte()
    {
        byte[] expected = Fixture();
        Assert.Equal(8 + 192 + 22, expected.Length);
        Assert.Equal(expected, FixtureWriter().ToArray());

        using var tmp = new TempFolder();
        string path = tmp.File("fixture.safetensors");
        FixtureWriter().Save(path);
        Assert.Equal(expected, File.ReadAllBytes(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(tmp.Path)); // no temporary file left
    }

    [Fact]
    public void TheReaderDecodesTheSpecFixture()
    {
        SafeTensorsFile f = SafeTensorsFile.Parse(Fixture(), "fixture");
        Assert.Equal(192, f.HeaderSize);
        Assert.Equal(new[] { "s", "a", "b" }, f.Tensors.Select(t => t.Name));
        Assert.Equal("v", f.Metadata["k"]);
        Assert.Single(f.Metadata);

        SafeTensorsEntry s = f.GetTensor("s");
        Assert.Equal(SafeTensorsDType.F64, s.DType);
        Assert.Empty(s.Shape);
        Assert.Equal(1, s.ElementCount);
        Assert.Equal((0L, 8L), (s.Begin, s.End));
        Assert.Equal(0.5, BitConverter.ToDouble(f.GetData(s)));

        Assert.Equal(new[] { 1f, -2f }, f.ReadFloat32("a"));
        SafeTensorsEntry b = f.GetTensor("b");
        Assert.Equal(SafeTensorsDType.BF16, b.DType);
        Assert.Equal(new long[] { 3 }, b.Shape);
        Assert.Equal(new byte[] { 0x80, 0x3F, 0x00, 0x40, 0x40, 0xC0 }, f.GetData(b).ToArray());
        Assert.Equal("b: BF16 [3] bytes [16, 22)", b.ToString());

        Assert.False(f.Contains("c"));
        Assert.Throws<KeyNotFoundException>(() => f.GetTensor("c"));
        var e = Assert.Throws<InvalidDataException>(() => f.ReadFloat32("b"));
        Assert.Contains("'b'", e.Message);
        Assert.Contains("BF16", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(221)]
    public void ASaveThatFailsPartWayLeavesThePreviousFileIntact(int failAfter)
    {
        using var tmp = new TempFolder();
        string path = tmp.File("f.safetensors");
        var first = new SafeTensorsWriter();
        first.AddFloat32("x", [1], [1f]);
        first.Save(path);
        byte[] original = File.ReadAllBytes(path);

        var e = Assert.Throws<IOException>(() => FixtureWriter().Save(path, s => new FailingStream(s, failAfter)));
        Assert.Equal(FailingStream.Message, e.Message);
        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(tmp.Path)); // the temporary file is gone
    }

    [Fact]
    public void AnEmptyFileIsAnEmptyObjectPaddedToEightBytes()
    {
        // "{}" + 6 spaces: the reference writer's output for no tensors and no metadata.
        byte[] expected = [8, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'}', 32, 32, 32, 32, 32, 32];
        Assert.Equal(expected, new SafeTensorsWriter().ToArray());
        SafeTensorsFile f = SafeTensorsFile.Parse(expected);
        Assert.Empty(f.Tensors);
        Assert.Empty(f.Metadata);
    }

    [Fact]
    public void HeaderLengthsThatAreAlreadyAlignedGetNoPadding()
    {
        // With the name "wxyz" the JSON is 56 bytes, a multiple of 8: no space is added.
        var w = new SafeTensorsWriter();
        w.Add("wxyz", SafeTensorsDType.U8, [1], [7]);
        byte[] bytes = w.ToArray();
        const string json = "{\"wxyz\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}}";
        Assert.Equal(56, json.Length);
        Assert.Equal([56, 0, 0, 0, 0, 0, 0, 0, .. Encoding.ASCII.GetBytes(json), 7], bytes);
    }

    [Fact]
    public void ZeroSizedAndScalarTensorsAndLeadingOrTrailingWhitespaceAreAccepted()
    {
        // Both are in the reference implementation's own tests: "[2,0]" holds no bytes; JSON whitespace may surround the header.
        byte[] zero = Bytes("{\"t\":{\"dtype\":\"I32\",\"shape\":[2,0],\"data_offsets\":[0,0]}}", []);
        Assert.Equal(0, SafeTensorsFile.Parse(zero).GetTensor("t").ElementCount);
        byte[] spaced = Bytes("\t\n{}\r ", []);
        Assert.Empty(SafeTensorsFile.Parse(spaced).Tensors);
    }

    [Fact]
    public void NonAsciiNamesAndMetadataRoundTrip()
    {
        var w = new SafeTensorsWriter();
        w.AddFloat32("Ω.weight \"quoted\"", [1], [3f]);
        w.Metadata["note"] = "ünïcödé\n<&>";
        SafeTensorsFile f = SafeTensorsFile.Parse(w.ToArray());
        Assert.Equal(new[] { 3f }, f.ReadFloat32("Ω.weight \"quoted\""));
        Assert.Equal("ünïcödé\n<&>", f.Metadata["note"]);
    }

    [Fact]
    public void TheWriterRejectsBadTensors()
    {
        var w = new SafeTensorsWriter();
        w.AddFloat32("a", [2], [1f, 2f]);
        Assert.Contains("already", Assert.Throws<ArgumentException>(() => w.AddFloat32("a", [1], [1f])).Message);
        Assert.Throws<ArgumentException>(() => w.AddFloat32("__metadata__", [1], [1f]));
        Assert.Throws<ArgumentException>(() => w.AddFloat32("", [1], [1f]));
        Assert.Contains("3 values", Assert.Throws<ArgumentException>(() => w.AddFloat32("c", [2], [1f, 2f, 3f])).Message);
        Assert.Contains("negative", Assert.Throws<ArgumentException>(() => w.Add("d", SafeTensorsDType.U8, [-1], [])).Message);
        Assert.Contains("needs 3 bytes", Assert.Throws<ArgumentException>(() => w.Add("e", SafeTensorsDType.U8, [3], [1, 2])).Message);
        Assert.Contains("byte boundary", Assert.Throws<ArgumentException>(() => w.Add("f", SafeTensorsDType.F4, [3], [0, 0])).Message);
        Assert.Equal(1, w.Count);
    }

    /// <summary>A file from a header text (unpadded) and data bytes.</summary>
    internal static byte[] Bytes(string header, byte[] data)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        return [.. BitConverter.GetBytes((ulong)json.Length), .. json, .. data];
    }
}

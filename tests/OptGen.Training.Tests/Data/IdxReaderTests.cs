using System.Buffers.Binary;
using System.IO.Compression;

namespace OptGen.Training.Tests.Data;

public class IdxReaderTests
{
    private static readonly string Images = RepositoryRoot.Data("mnist", "t10k-images-idx3-ubyte.gz");
    private static readonly string Labels = RepositoryRoot.Data("mnist", "t10k-labels-idx1-ubyte.gz");

    [Fact]
    public void ReadsMnistTestSet()
    {
        IdxImages images = IdxReader.ReadImages(Images);
        Assert.Equal(10000, images.Count);
        Assert.Equal(28, images.Rows);
        Assert.Equal(28, images.Columns);
        Assert.Equal(7_840_000, images.Pixels.Length);
        Assert.Equal(255, images.Pixels.Max());
        Assert.Equal(0, images.Pixels.Min());

        byte[] labels = IdxReader.ReadLabels(Labels);
        Assert.Equal(10000, labels.Length);
        int[] counts = new int[10];
        foreach (byte l in labels)
            counts[l]++;
        Assert.Equal(new[] { 980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009 }, counts);
    }

    [Fact]
    public void ReadsDatasetWithAndWithoutScaling()
    {
        Dataset scaled = IdxReader.ReadDataset(Images, Labels);
        Assert.Equal(10000, scaled.Rows);
        Assert.Equal(784, scaled.Columns);
        Assert.Equal(10, scaled.ClassCount);
        Assert.Equal(1f, scaled.Features.Max());
        Assert.Equal(0f, scaled.Features.Min());
        Assert.Equal(new[] { 980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009 }, scaled.ClassCounts());

        Dataset raw = IdxReader.ReadDataset(Images, Labels, scalePixels: false);
        Assert.Equal(255f, raw.Features.Max());
        for (int i = 0; i < raw.Features.Length; i += 997)
            Assert.Equal(raw.Features[i] / 255f, scaled.Features[i]);
    }

    [Fact]
    public void ReadsUncompressedIdx()
    {
        using var tmp = new TempFolder();
        string path = tmp.File("labels-idx1-ubyte");
        File.WriteAllBytes(path, LabelFile(3, 1, 2, 9));
        Assert.Equal(new byte[] { 1, 2, 9 }, IdxReader.ReadLabels(path));
    }

    public static TheoryData<string, byte[], long, string> BadImageFiles()
    {
        byte[] good = ImageFile(2, 2, 3);
        return new TheoryData<string, byte[], long, string>
        {
            { "labels-as-images", LabelFile(2, 0, 1), 0, "magic number 2049 (0x00000801) (an IDX labels file); expected 2051" },
            { "not-idx", "hello world, this is text"u8.ToArray(), 0, "(not an IDX file)" },
            { "wrong-type", Patch(good, 2, 0x0D), 0, "IDX file of type 0x0D" },
            { "empty", Array.Empty<byte>(), 0, "the file is truncated" },
            { "short-header", good[..10], 10, "the file is truncated: it ends 6 bytes short" },
            { "truncated-pixels", good[..^1], 16 + 11, "the file is truncated: it ends 1 bytes short" },
            { "extra-bytes", good.Concat(new byte[] { 7 }).ToArray(), 16 + 12, "unexpected data after" },
            { "negative-count", PatchInt(good, 4, -1), 4, "image count -1 is not valid" },
            { "zero-rows", PatchInt(good, 8, 0), 8, "row count 0 is not valid" },
            { "huge", PatchInt(PatchInt(good, 8, 1 << 20), 12, 1 << 20), 4, "more than an array can hold" },
        };
    }

    [Theory]
    [MemberData(nameof(BadImageFiles))]
    public void MalformedImagesNameFileAndOffset(string name, byte[] content, long offset, string problem)
    {
        using var tmp = new TempFolder();
        foreach (bool gz in new[] { false, true })
        {
            string path = tmp.File(name + (gz ? ".gz" : ""));
            File.WriteAllBytes(path, gz ? Gzip(content) : content);
            var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));
            Assert.Equal(path, e.FilePath);
            Assert.Equal(offset, e.ByteOffset);
            // GZipStream writes nothing at all for empty input, and a 0-byte .gz file is reported as incomplete gzip.
            Assert.Contains(gz && content.Length == 0 ? "the gzip file is too short" : problem, e.Message);
            Assert.Contains($"'{path}', byte offset {offset}: ", e.Message);
        }
    }

    [Fact]
    public void MalformedLabels()
    {
        using var tmp = new TempFolder();
        string path = tmp.File("l");
        File.WriteAllBytes(path, LabelFile(3, 1, 10, 2));
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path));
        Assert.Equal(9, e.ByteOffset);
        Assert.Contains("label 10 of item 1 is out of range 0..9", e.Message);

        File.WriteAllBytes(path, LabelFile(3, 1, 2));
        e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path));
        Assert.Equal(10, e.ByteOffset);
        Assert.Contains("truncated", e.Message);

        File.WriteAllBytes(path, ImageFile(1, 2, 2));
        e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path));
        Assert.Equal(0, e.ByteOffset);
        Assert.Contains("expected 2049", e.Message);
    }

    [Fact]
    public void ImageAndLabelCountsMustMatch()
    {
        using var tmp = new TempFolder();
        string images = tmp.File("i.gz");
        string labels = tmp.File("l.gz");
        File.WriteAllBytes(images, Gzip(ImageFile(3, 2, 2)));
        File.WriteAllBytes(labels, Gzip(LabelFile(2, 0, 1)));
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadDataset(images, labels));
        Assert.Equal(labels, e.FilePath);
        Assert.Contains("2 labels", e.Message);
        Assert.Contains("3 images", e.Message);
    }

    [Fact]
    public void CorruptGzipNamesTheFile()
    {
        using var tmp = new TempFolder();
        byte[] gz = Gzip(ImageFile(20, 8, 8));
        for (int i = 12; i < gz.Length - 8; i++)
            gz[i] = 0xFF;
        string path = tmp.File("c.gz");
        File.WriteAllBytes(path, gz);
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));
        Assert.Equal(path, e.FilePath);
    }

    private static byte[] ImageFile(int count, int rows, int cols)
    {
        var b = new byte[16 + count * rows * cols];
        BinaryPrimitives.WriteInt32BigEndian(b, 2051);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(12), cols);
        for (int i = 16; i < b.Length; i++)
            b[i] = (byte)(i * 37);
        return b;
    }

    private static byte[] LabelFile(int count, params byte[] labels)
    {
        var b = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(b, 2049);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(4), count);
        labels.CopyTo(b, 8);
        return b;
    }

    private static byte[] Patch(byte[] b, int offset, byte value)
    {
        var c = (byte[])b.Clone();
        c[offset] = value;
        return c;
    }

    private static byte[] PatchInt(byte[] b, int offset, int value)
    {
        var c = (byte[])b.Clone();
        BinaryPrimitives.WriteInt32BigEndian(c.AsSpan(offset), value);
        return c;
    }

    private static byte[] Gzip(byte[] data)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true))
            gz.Write(data);
        return ms.ToArray();
    }
}

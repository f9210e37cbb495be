using System;
using System.Buffers.Binary;
using System.IO;

namespace OptGen.Data;

/// <summary>Images read from an IDX file: <see cref="Count"/> images of <see cref="Rows"/> x <see cref="Columns"/> unsigned bytes.</summary>
public sealed class IdxImages
{
    internal IdxImages() { }

    /// <summary>Number of images.</summary>
    public int Count { get; internal init; }

    /// <summary>Rows of each image.</summary>
    public int Rows { get; internal init; }

    /// <summary>Columns of each image.</summary>
    public int Columns { get; internal init; }

    /// <summary>Pixels of each image (<see cref="Rows"/> x <see cref="Columns"/>, row-major), one image after another.</summary>
    public byte[] Pixels { get; internal init; } = [];

    /// <summary>The pixels of one image.</summary>
    public ReadOnlySpan<byte> Image(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        int size = Rows * Columns;
        return Pixels.AsSpan(index * size, size);
    }
}

/// <summary>
/// Reads the IDX files MNIST is distributed in: images (magic 2051: count, rows, cols as 32-bit big-endian
/// integers, then the unsigned-byte pixels) and labels (magic 2049: count, then one unsigned byte per label),
/// decompressing them when the path ends in <c>.gz</c>. The magic, sizes, label range and length are checked;
/// a malformed file throws a <see cref="DataFormatException"/> naming the file and the byte offset (in the
/// decompressed data).
/// </summary>
public static class IdxReader
{
    /// <summary>Magic number of an IDX file of unsigned-byte images (3 dimensions).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an IDX file of unsigned-byte labels (1 dimension).</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>Reads an images file.</summary>
    /// <exception cref="DataFormatException">The file is malformed or truncated.</exception>
    public static IdxImages ReadImages(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using Stream stream = DataFile.OpenRead(path);
        return ReadImages(stream, path);
    }

    /// <summary>Reads an images file from <paramref name="stream"/> (already decompressed); <paramref name="sourceName"/> names it in messages.</summary>
    /// <exception cref="DataFormatException">The data is malformed or truncated.</exception>
    public static IdxImages ReadImages(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        Span<byte> header = stackalloc byte[16];
        Reader r = ReadHeader(stream, sourceName, ImagesMagic, header, "the header (count, rows, columns)");
        int count = ReadSize(header, 4, "image count", sourceName, allowZero: true);
        int rows = ReadSize(header, 8, "row count", sourceName, allowZero: false);
        int cols = ReadSize(header, 12, "column count", sourceName, allowZero: false);
        long total = (long)count * rows * cols;
        if (total > Array.MaxLength)
            throw new DataFormatException(sourceName, 4, $"{count} images of {rows} x {cols} pixels ({total} bytes) are more than an array can hold.");
        var pixels = new byte[total];
        r.ReadExactly(pixels, $"{count} images of {rows} x {cols} pixels");
        r.ExpectEnd($"the last of the {count} images");
        return new IdxImages { Count = count, Rows = rows, Columns = cols, Pixels = pixels };
    }

    /// <summary>Reads a labels file; every label must be less than <paramref name="classCount"/>.</summary>
    /// <exception cref="DataFormatException">The file is malformed, truncated, or holds a label out of range.</exception>
    public static byte[] ReadLabels(string path, int classCount = 10)
    {
        ArgumentNullException.ThrowIfNull(path);
        using Stream stream = DataFile.OpenRead(path);
        return ReadLabels(stream, path, classCount);
    }

    /// <summary>Reads a labels file from <paramref name="stream"/> (already decompressed); <paramref name="sourceName"/> names it in messages.</summary>
    /// <exception cref="DataFormatException">The data is malformed, truncated, or holds a label out of range.</exception>
    public static byte[] ReadLabels(Stream stream, string sourceName, int classCount = 10)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        Span<byte> header = stackalloc byte[8];
        Reader r = ReadHeader(stream, sourceName, LabelsMagic, header, "the label count");
        int count = ReadSize(header, 4, "label count", sourceName, allowZero: true);
        var labels = new byte[count];
        r.ReadExactly(labels, $"{count} labels");
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= classCount)
                throw new DataFormatException(sourceName, 8L + i, $"label {labels[i]} of item {i} is out of range 0..{classCount - 1}.");
        }
        r.ExpectEnd($"the last of the {count} labels");
        return labels;
    }

    /// <summary>
    /// Reads matching images and labels files into a dataset with one row of <c>rows x cols</c> features per image.
    /// With <paramref name="scalePixels"/> the pixels are divided by 255 (to 0..1); otherwise they keep their 0..255 values.
    /// </summary>
    /// <exception cref="DataFormatException">Either file is malformed, or their counts differ.</exception>
    public static Dataset ReadDataset(string imagesPath, string labelsPath, bool scalePixels = true, int classCount = 10)
    {
        IdxImages images = ReadImages(imagesPath);
        byte[] labels = ReadLabels(labelsPath, classCount);
        return ToDataset(images, labels, scalePixels, classCount, imagesPath, labelsPath);
    }

    /// <summary>Combines images and labels into a dataset (see <see cref="ReadDataset(string, string, bool, int)"/>).</summary>
    /// <exception cref="DataFormatException">The counts differ.</exception>
    public static Dataset ToDataset(IdxImages images, byte[] labels, bool scalePixels = true, int classCount = 10, string imagesSource = "images", string labelsSource = "labels")
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length != images.Count)
            throw new DataFormatException(labelsSource, 4, $"the file has {labels.Length} labels but '{imagesSource}' has {images.Count} images; they must match.");
        byte[] pixels = images.Pixels;
        var features = new float[pixels.Length];
        Span<float> table = stackalloc float[256];
        for (int v = 0; v < 256; v++)
            table[v] = scalePixels ? v / 255f : v;
        for (int i = 0; i < pixels.Length; i++)
            features[i] = table[pixels[i]];
        var classes = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++)
            classes[i] = labels[i];
        string[] names = new string[classCount];
        for (int c = 0; c < classCount; c++)
            names[c] = c.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Dataset(features, images.Rows * images.Columns, classes, null, names, imagesSource);
    }

    /// <summary>Reads the whole <paramref name="header"/>: the magic number, checked first, then the sizes (<paramref name="sizes"/> names them).</summary>
    private static Reader ReadHeader(Stream stream, string sourceName, int magic, Span<byte> header, string sizes)
    {
        var r = new Reader(stream, sourceName);
        r.ReadExactly(header[..4], "the magic number");
        CheckMagic(header, magic, sourceName);
        r.ReadExactly(header[4..], sizes);
        return r;
    }

    private static void CheckMagic(ReadOnlySpan<byte> header, int expected, string source)
    {
        int magic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (magic == expected)
            return;
        string what = expected == ImagesMagic ? "images" : "labels";
        string found = magic switch
        {
            ImagesMagic => " (an IDX images file)",
            LabelsMagic => " (an IDX labels file)",
            _ when header[0] == 0x1f && header[1] == 0x8b => " (gzip data: name the file with a .gz extension)",
            _ when header[0] == 0 && header[1] == 0 => $" (an IDX file of type 0x{header[2]:X2} with {header[3]} dimensions)",
            _ => " (not an IDX file)",
        };
        throw new DataFormatException(source, 0, $"magic number {magic} (0x{magic:X8}){found}; expected {expected} (0x{expected:X8}) for unsigned-byte {what}.");
    }

    private static int ReadSize(ReadOnlySpan<byte> header, int offset, string what, string source, bool allowZero)
    {
        int value = BinaryPrimitives.ReadInt32BigEndian(header[offset..]);
        if (value < 0 || (!allowZero && value == 0))
            throw new DataFormatException(source, offset, $"{what} {value} is not valid; expected {(allowZero ? "0 or more" : "1 or more")}.");
        return value;
    }

    private sealed class Reader(Stream stream, string source)
    {
        private long _offset;

        public void ReadExactly(Span<byte> buffer, string what)
        {
            int done = 0;
            while (done < buffer.Length)
            {
                int n;
                try
                {
                    n = stream.Read(buffer[done..]);
                }
                catch (InvalidDataException e)
                {
                    throw new DataFormatException(source, _offset + done, $"the compressed data is corrupt ({e.Message}).", e);
                }
                if (n == 0)
                    throw new DataFormatException(source, _offset + done, $"the file is truncated: it ends {buffer.Length - done} bytes short of the end of {what}, which needs {buffer.Length} bytes from offset {_offset}.");
                done += n;
            }
            _offset += buffer.Length;
        }

        public void ExpectEnd(string what)
        {
            Span<byte> probe = stackalloc byte[1];
            int n;
            try
            {
                n = stream.Read(probe);
            }
            catch (InvalidDataException e)
            {
                throw new DataFormatException(source, _offset, $"the compressed data is corrupt ({e.Message}).", e);
            }
            if (n != 0)
                throw new DataFormatException(source, _offset, $"unexpected data after {what}: the header's sizes say the file ends here.");
        }
    }
}

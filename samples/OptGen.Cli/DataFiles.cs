using System;
using System.IO;
using System.IO.Compression;
using OptGen.Data;

namespace OptGen.Cli;

/// <summary>
/// Reads a training or test file with the shared readers: MNIST-style IDX images (raw or gzip, found by their magic
/// number) with a labels file, or CSV (pandas-style with a header of column names and string class labels,
/// headerless like optdigits, or scikit-learn's with its header line).
/// </summary>
internal static class DataFiles
{
    /// <summary>The bundled optdigits files: 64 counts then the label, no header.</summary>
    public static Dataset ReadOptdigits(string path) => CsvReader.Read(path, new CsvOptions { Header = CsvHeader.None });

    /// <summary>The CSV options of the command line: <c>--header</c> and <c>--label</c>.</summary>
    public static CsvOptions CsvOptionsFor(CliSettings settings) => new()
    {
        Header = settings.Header switch
        {
            "auto" => CsvHeader.Auto,
            "names" => CsvHeader.ColumnNames,
            "sklearn" => CsvHeader.Sklearn,
            "none" => CsvHeader.None,
            _ => throw new ArgumentException($"Unknown --header '{settings.Header}'."),
        },
        LabelColumn = settings.LabelColumn is { } label ? CsvColumn.Parse(label) : null,
    };

    /// <summary>
    /// Reads <paramref name="path"/>; for IDX images, <paramref name="labelsPath"/> or the MNIST-named file beside it
    /// gives the labels, and CSV files are read with <paramref name="csv"/>.
    /// </summary>
    public static Dataset Read(string path, string? labelsPath, CsvOptions csv)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Data file not found: {path}", path);
        if (IsIdxImages(path))
        {
            if (csv.LabelColumn is not null || csv.Header != CsvHeader.Auto)
                throw new ArgumentException($"--label and --header are for CSV files, but '{path}' holds IDX images.");
            string labels = labelsPath ?? GuessLabels(path)
                ?? throw new ArgumentException($"'{path}' holds IDX images; give their labels file with --labels (or --test-labels).");
            return IdxReader.ReadDataset(path, labels);
        }
        if (labelsPath is not null)
            throw new ArgumentException($"A labels file was given, but '{path}' is not an IDX images file.");
        return CsvReader.Read(path, csv);
    }

    /// <summary>True when the file (gunzipped if it is gzip) starts with the IDX images magic number 0x00000803.</summary>
    public static bool IsIdxImages(string path)
    {
        using FileStream file = File.OpenRead(path);
        Span<byte> head = stackalloc byte[4];
        if (file.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 4)
            return false;
        if (head[0] != 0x1F || head[1] != 0x8B)
            return head[0] == 0 && head[1] == 0 && head[2] == 8 && head[3] == 3;
        file.Position = 0;
        try
        {
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            return gzip.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && head[0] == 0 && head[1] == 0 && head[2] == 8 && head[3] == 3;
        }
        catch (InvalidDataException)
        {
            return false; // not really gzip: let the CSV reader report it
        }
    }

    /// <summary>MNIST naming: <c>…-images-idx3-ubyte[.gz]</c> → <c>…-labels-idx1-ubyte[.gz]</c>, if that file exists.</summary>
    private static string? GuessLabels(string imagesPath)
    {
        string name = Path.GetFileName(imagesPath);
        string guess = name.Replace("images-idx3", "labels-idx1", StringComparison.Ordinal).Replace("images.idx3", "labels.idx1", StringComparison.Ordinal);
        if (guess == name)
            return null;
        string path = Path.Combine(Path.GetDirectoryName(imagesPath) ?? ".", guess);
        return File.Exists(path) ? path : null;
    }
}

using System;
using System.IO;
using System.Text;

namespace OptGen.Data;

/// <summary>
/// Reads numeric delimited text into a <see cref="Dataset"/>: pandas-style files (a header of column names, string
/// class labels), scikit-learn's CSV layout (header <c>n_samples,n_features,&lt;class names…&gt;</c>) and headerless
/// files (e.g. UCI optdigits), comma- or whitespace-separated, gzip-compressed when the path ends in <c>.gz</c>.
/// The header is detected (<see cref="CsvHeader.Auto"/>), the label column is the last unless
/// <see cref="CsvOptions.LabelColumn"/> names another, and every other column is a feature. Numbers use the
/// invariant culture; quoted fields are unquoted. Malformed input throws a <see cref="DataFormatException"/> naming
/// the file, the 1-based line and column, and the problem. Blank lines are ignored. docs/data.md has the details.
/// </summary>
public static class CsvReader
{
    /// <summary>Reads a file whose rows hold the features and the label (by default in the last column).</summary>
    /// <exception cref="DataFormatException">The file is malformed.</exception>
    public static Dataset Read(string path, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using TextReader reader = OpenText(path);
        return Read(reader, path, options);
    }

    /// <summary>
    /// Reads rows of features and a label (by default in the last column) from <paramref name="reader"/>, which
    /// stays open; <paramref name="sourceName"/> names the source in error messages.
    /// </summary>
    /// <exception cref="DataFormatException">The text is malformed.</exception>
    public static Dataset Read(TextReader reader, string sourceName, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        options ??= CsvOptions.Default;
        return CsvTableReader.Read(reader, sourceName, options, options.LabelColumn ?? CsvColumn.Last).ToDataset(sourceName);
    }

    /// <summary>
    /// Reads features from <paramref name="featuresPath"/> (every column is a feature) and one target per line from
    /// <paramref name="targetsPath"/>, as scikit-learn ships the diabetes data. The header and separator options apply
    /// to the features file; <see cref="CsvOptions.Target"/> says how the targets are parsed (class names included).
    /// The two files must have the same number of rows.
    /// </summary>
    /// <exception cref="DataFormatException">Either file is malformed, or their row counts differ.</exception>
    /// <exception cref="ArgumentException"><see cref="CsvOptions.LabelColumn"/> is set: the targets file is the label.</exception>
    public static Dataset ReadWithTargets(string featuresPath, string targetsPath, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(featuresPath);
        ArgumentNullException.ThrowIfNull(targetsPath);
        options ??= CsvOptions.Default;
        if (options.LabelColumn is not null)
            throw new ArgumentException("CsvOptions.LabelColumn has no meaning for ReadWithTargets: the targets file holds the labels.", nameof(options));
        CsvTable features;
        using (TextReader reader = OpenText(featuresPath))
            features = CsvTableReader.Read(reader, featuresPath, options, label: null);
        CsvTable targets;
        using (TextReader reader = OpenText(targetsPath))
        {
            var oneValuePerLine = options with { Header = CsvHeader.None, WhitespaceSeparated = true };
            targets = CsvTableReader.Read(reader, targetsPath, oneValuePerLine, CsvColumn.At(0), fixedFields: 1);
        }
        int rows = features.Rows;
        if (targets.Rows != rows)
        {
            int line = targets.Rows > rows ? targets.RowLines![rows] : targets.LastLine + 1;
            throw new DataFormatException(targetsPath, line, 1,
                $"the targets file has {targets.Rows} values but the features file '{featuresPath}' has {rows} rows.");
        }
        return (targets with { Features = features.Features, FeatureCount = features.FeatureCount }).ToDataset(featuresPath + " + " + targetsPath);
    }

    /// <summary>Opens a file as strict UTF-8 text (a byte-order mark is honoured), decompressing it when the path ends in <c>.gz</c>.</summary>
    internal static TextReader OpenText(string path)
    {
        Stream stream = DataFile.OpenRead(path);
        return new StreamReader(stream, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
    }
}

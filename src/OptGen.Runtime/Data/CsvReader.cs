using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace OptGen.Data;

/// <summary>
/// Reads numeric delimited text into a <see cref="Dataset"/>: scikit-learn's CSV layout (header
/// <c>n_samples,n_features,&lt;class names…&gt;</c>, then rows of features with the class label last) and headerless
/// files (all numeric, target last, e.g. UCI optdigits), comma- or whitespace-separated, gzip-compressed when the
/// path ends in <c>.gz</c>. Numbers use the invariant culture. Malformed input throws a
/// <see cref="DataFormatException"/> naming the file, the 1-based line and column, and the problem.
/// Blank lines are ignored.
/// </summary>
public static class CsvReader
{
    /// <summary>Reads a file whose rows hold the features followed by the target in the last column.</summary>
    /// <exception cref="DataFormatException">The file is malformed.</exception>
    public static Dataset Read(string path, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using TextReader reader = OpenText(path);
        return Read(reader, path, options);
    }

    /// <summary>
    /// Reads rows of features followed by the target in the last column from <paramref name="reader"/>;
    /// <paramref name="sourceName"/> names the source in error messages.
    /// </summary>
    /// <exception cref="DataFormatException">The text is malformed.</exception>
    public static Dataset Read(TextReader reader, string sourceName, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        options ??= CsvOptions.Default;
        Table t = ReadTable(reader, sourceName, options, targetColumn: true);
        int columns = t.FieldCount;
        if (options.Target == CsvTarget.ClassLabel)
            return new Dataset(t.Features.ToArray(), columns, t.Labels.ToArray(), null, t.ClassNames, sourceName);
        return new Dataset(t.Features.ToArray(), columns, null, t.Targets.ToArray(), null, sourceName);
    }

    /// <summary>
    /// Reads features from <paramref name="featuresPath"/> (every column is a feature) and one target per line from
    /// <paramref name="targetsPath"/>, as scikit-learn ships the diabetes data. The header and separator options apply
    /// to the features file; <see cref="CsvOptions.Target"/> says how the targets are parsed. The two files must have
    /// the same number of rows.
    /// </summary>
    /// <exception cref="DataFormatException">Either file is malformed, or their row counts differ.</exception>
    public static Dataset ReadWithTargets(string featuresPath, string targetsPath, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(featuresPath);
        ArgumentNullException.ThrowIfNull(targetsPath);
        options ??= CsvOptions.Default;
        Table features;
        using (TextReader reader = OpenText(featuresPath))
            features = ReadTable(reader, featuresPath, options, targetColumn: false);
        Table targets;
        using (TextReader reader = OpenText(targetsPath))
            targets = ReadTable(reader, targetsPath, options with { Header = CsvHeader.None, WhitespaceSeparated = true }, targetColumn: true, expectedFields: 1);
        int rows = features.Rows;
        if (targets.Rows != rows)
        {
            int line = targets.Rows > rows ? targets.LineOfRow(rows) : targets.LastLine + 1;
            throw new DataFormatException(targetsPath, line, 1,
                $"the targets file has {targets.Rows} values but the features file '{featuresPath}' has {rows} rows.");
        }
        string source = featuresPath + " + " + targetsPath;
        if (options.Target == CsvTarget.ClassLabel)
            return new Dataset(features.Features.ToArray(), features.FieldCount, targets.Labels.ToArray(), null, null, source);
        return new Dataset(features.Features.ToArray(), features.FieldCount, null, targets.Targets.ToArray(), null, source);
    }

    /// <summary>Opens a file as text, decompressing it when the path ends in <c>.gz</c>.</summary>
    internal static TextReader OpenText(string path)
    {
        Stream stream = DataFile.OpenRead(path);
        return new StreamReader(stream, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
    }

    private sealed class Table
    {
        public int FieldCount = -1;
        public int Rows;
        public int LastLine;
        public readonly GrowableArray<float> Features = new();
        public readonly GrowableArray<int> Labels = new();
        public readonly GrowableArray<float> Targets = new();
        public readonly List<int> RowLines = new();
        public string[]? ClassNames;

        public int LineOfRow(int row) => RowLines[row];
    }

    private static Table ReadTable(TextReader reader, string path, CsvOptions options, bool targetColumn, int expectedFields = -1)
    {
        var table = new Table();
        var fields = new FieldSplitter(options);
        var lines = new LineSource(reader, path);
        bool labels = options.Target == CsvTarget.ClassLabel;

        string? first = lines.Next();
        if (first is null)
            throw new DataFormatException(path, 1, 1, "the file is empty: there are no data rows.");
        int firstLine = lines.LineNumber;
        fields.Split(first);

        // Decide whether the first line is a header.
        CsvHeader header = options.Header;
        string? pending = null;
        int pendingLine = 0;
        if (header == CsvHeader.Auto)
        {
            header = CsvHeader.None;
            if (expectedFields < 0 && fields.Count >= 2 && IsCount(first, fields, 0, out _) && IsCount(first, fields, 1, out long nf))
            {
                bool anyText = false;
                for (int i = 2; i < fields.Count; i++)
                    anyText |= !float.TryParse(fields.Span(first, i), NumberStyles.Float, CultureInfo.InvariantCulture, out _);
                if (anyText)
                    header = CsvHeader.Sklearn;
                else
                {
                    int firstCount = fields.Count;
                    pending = lines.Next();
                    pendingLine = lines.LineNumber;
                    if (pending is not null)
                    {
                        int count = fields.CountFields(pending);
                        if (count != firstCount && count == nf + (targetColumn ? 1 : 0))
                            header = CsvHeader.Sklearn;
                    }
                    fields.Split(first);
                }
            }
        }

        long declaredRows = -1;
        int expected = expectedFields;
        if (header == CsvHeader.Sklearn)
        {
            if (fields.Count < 2)
                throw new DataFormatException(path, firstLine, 1, $"a scikit-learn header needs at least 2 fields (n_samples,n_features,<class names…>), found {fields.Count}.");
            if (!IsCount(first, fields, 0, out declaredRows))
                throw new DataFormatException(path, firstLine, fields.Column(0), $"header: n_samples '{Shorten(fields.Span(first, 0))}' is not a non-negative integer.");
            if (!IsCount(first, fields, 1, out long nFeatures) || nFeatures == 0 || nFeatures > int.MaxValue - 1)
                throw new DataFormatException(path, firstLine, fields.Column(1), $"header: n_features '{Shorten(fields.Span(first, 1))}' is not a positive integer.");
            expected = (int)nFeatures + (targetColumn ? 1 : 0);
            int nameCount = fields.Count;
            while (nameCount > 2 && fields.Length(nameCount - 1) == 0)
                nameCount--; // newer sklearn pads the header with empty fields
            if (nameCount > 2 && labels && targetColumn)
            {
                table.ClassNames = new string[nameCount - 2];
                for (int i = 2; i < nameCount; i++)
                    table.ClassNames[i - 2] = fields.Span(first, i).ToString();
            }
            if (declaredRows <= int.MaxValue && declaredRows * (long)expected < 1L << 28)
                table.Features.EnsureCapacity((int)declaredRows * (expected - (targetColumn ? 1 : 0)));
        }
        else if (header == CsvHeader.ColumnNames)
        {
            expected = expectedFields >= 0 ? expectedFields : fields.Count;
        }

        bool peeked = pendingLine != 0;
        int lineNumber = 0;
        string? NextLine()
        {
            if (peeked)
            {
                peeked = false;
                lineNumber = pendingLine;
                return pending;
            }
            string? next = lines.Next();
            lineNumber = lines.LineNumber;
            return next;
        }

        string? line;
        if (header == CsvHeader.None)
        {
            line = first;
            lineNumber = firstLine;
        }
        else
        {
            line = NextLine();
        }

        int featureFields = -1;
        while (line is not null)
        {
            fields.Split(line);
            if (expected < 0)
            {
                expected = fields.Count;
                if (targetColumn && expectedFields < 0 && expected < 2)
                    throw new DataFormatException(path, lineNumber, 1, $"a row needs at least one feature and the target; found {fields.Count} field.");
            }
            if (fields.Count != expected)
            {
                string why = header == CsvHeader.Sklearn ? $"the header on line {firstLine} says {expected - (targetColumn ? 1 : 0)} features{(targetColumn ? " plus the label" : "")}"
                    : header == CsvHeader.ColumnNames ? $"the header on line {firstLine} has {expected} columns"
                    : table.Rows > 0 ? $"the first row (line {table.LineOfRow(0)}) has {expected}"
                    : "expected";
                int column = fields.Count > expected ? fields.Column(expected) : line.Length + 1;
                throw new DataFormatException(path, lineNumber, column, $"wrong number of fields: found {fields.Count}, expected {expected} ({why}).");
            }
            featureFields = targetColumn ? expected - 1 : expected;
            for (int i = 0; i < featureFields; i++)
                table.Features.Add(ParseFloat(path, lineNumber, line, fields, i));
            if (targetColumn)
            {
                int last = expected - 1;
                if (labels)
                {
                    int label = ParseLabel(path, lineNumber, line, fields, last);
                    if (table.ClassNames is not null && label >= table.ClassNames.Length)
                        throw new DataFormatException(path, lineNumber, fields.Column(last),
                            $"label {label} is out of range: the header on line {firstLine} names {table.ClassNames.Length} classes (0..{table.ClassNames.Length - 1}).");
                    table.Labels.Add(label);
                }
                else
                {
                    table.Targets.Add(ParseFloat(path, lineNumber, line, fields, last));
                }
            }
            table.RowLines.Add(lineNumber);
            table.Rows++;
            table.LastLine = lineNumber;
            if (declaredRows >= 0 && table.Rows > declaredRows)
                throw new DataFormatException(path, lineNumber, 1, $"header count mismatch: the header on line {firstLine} says {declaredRows} samples, but there are more data rows.");
            line = NextLine();
        }
        if (table.Rows == 0)
            throw new DataFormatException(path, lines.LineNumber + 1, 1, "the file has no data rows.");
        if (declaredRows >= 0 && table.Rows != declaredRows)
            throw new DataFormatException(path, firstLine, 1, $"header count mismatch: the header says {declaredRows} samples, but the file has {table.Rows} data rows.");
        table.FieldCount = featureFields;
        return table;
    }

    private static bool IsCount(string line, FieldSplitter fields, int i, out long value)
        => long.TryParse(fields.Span(line, i), NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static float ParseFloat(string path, int lineNumber, string line, FieldSplitter fields, int i)
    {
        ReadOnlySpan<char> text = fields.Span(line, i);
        if (text.Length is > 0 and <= 7)
        {
            // Fast path for small unsigned integers (pixel counts and the like): exact in float.
            int n = 0;
            int k = 0;
            for (; k < text.Length; k++)
            {
                int digit = text[k] - '0';
                if ((uint)digit > 9)
                    break;
                n = n * 10 + digit;
            }
            if (k == text.Length)
                return n;
        }
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float v))
            throw new DataFormatException(path, lineNumber, fields.Column(i), text.IsEmpty ? $"field {i + 1} is empty; expected a number." : $"field {i + 1}: '{Shorten(text)}' is not a number.");
        if (!float.IsFinite(v))
            throw new DataFormatException(path, lineNumber, fields.Column(i), $"field {i + 1}: '{Shorten(text)}' is not a finite number (or is outside the float range).");
        return v;
    }

    private static int ParseLabel(string path, int lineNumber, string line, FieldSplitter fields, int i)
    {
        ReadOnlySpan<char> text = fields.Span(line, i);
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int label))
        {
            if (label < 0)
                throw new DataFormatException(path, lineNumber, fields.Column(i), $"field {i + 1}: label {label} is negative; class labels must be 0 or more.");
            return label;
        }
        string problem = text.IsEmpty ? $"field {i + 1} (the label) is empty."
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? $"field {i + 1}: label '{Shorten(text)}' is not an integer (read the file as regression if the target is real-valued)."
            : $"field {i + 1}: label '{Shorten(text)}' is not a number.";
        throw new DataFormatException(path, lineNumber, fields.Column(i), problem);
    }

    private static string Shorten(ReadOnlySpan<char> text) => text.Length <= 40 ? text.ToString() : string.Concat(text[..37], "...");

    /// <summary>Reads non-blank lines, counting every line (1-based), and reports decompression errors with the file name.</summary>
    private sealed class LineSource(TextReader reader, string path)
    {
        public int LineNumber { get; private set; }

        public string? Next()
        {
            while (true)
            {
                string? line;
                try
                {
                    line = reader.ReadLine();
                }
                catch (InvalidDataException e)
                {
                    throw new DataFormatException(path, LineNumber + 1, 0, $"the compressed data is corrupt ({e.Message}).", e);
                }
                catch (DecoderFallbackException e)
                {
                    throw new DataFormatException(path, LineNumber + 1, 0, "the text is not valid UTF-8.", e);
                }
                if (line is null)
                    return null;
                LineNumber++;
                if (!string.IsNullOrWhiteSpace(line))
                    return line;
            }
        }
    }

    /// <summary>Splits one line into fields, remembering start and length (trimmed of blanks) of each.</summary>
    private sealed class FieldSplitter(CsvOptions options)
    {
        private int[] _start = new int[16];
        private int[] _length = new int[16];

        public int Count { get; private set; }

        public int Column(int i) => _start[i] + 1;

        public int Length(int i) => _length[i];

        public ReadOnlySpan<char> Span(string line, int i) => line.AsSpan(_start[i], _length[i]);

        public int CountFields(string line)
        {
            Split(line);
            return Count;
        }

        public void Split(string line)
        {
            Count = 0;
            int n = line.Length;
            if (options.WhitespaceSeparated)
            {
                int i = 0;
                while (true)
                {
                    while (i < n && IsBlank(line[i]))
                        i++;
                    if (i >= n)
                        break;
                    int s = i;
                    while (i < n && !IsBlank(line[i]))
                        i++;
                    Add(s, i - s);
                }
                return;
            }
            char d = options.Delimiter;
            int start = 0;
            while (true)
            {
                int end = line.IndexOf(d, start);
                int stop = end < 0 ? n : end;
                int s = start, e = stop;
                while (s < e && IsBlank(line[s]))
                    s++;
                while (e > s && IsBlank(line[e - 1]))
                    e--;
                Add(e > s ? s : start, e - s);
                if (end < 0)
                    break;
                start = end + 1;
            }
        }

        private static bool IsBlank(char c) => c is ' ' or '\t' or '\r';

        private void Add(int start, int length)
        {
            if (Count == _start.Length)
            {
                Array.Resize(ref _start, Count * 2);
                Array.Resize(ref _length, Count * 2);
            }
            _start[Count] = start;
            _length[Count] = length;
            Count++;
        }
    }
}

/// <summary>A minimal growable array that hands out its exact-size copy.</summary>
internal sealed class GrowableArray<T>
{
    private T[] _items = new T[256];

    public int Count { get; private set; }

    public void EnsureCapacity(int capacity)
    {
        if (capacity > _items.Length)
            Array.Resize(ref _items, capacity);
    }

    public void Add(T item)
    {
        if (Count == _items.Length)
            Array.Resize(ref _items, checked(Math.Max(256, _items.Length * 2)));
        _items[Count++] = item;
    }

    public T[] ToArray() => _items.AsSpan(0, Count).ToArray();
}

/// <summary>Opens data files, decompressing <c>.gz</c> files transparently.</summary>
internal static class DataFile
{
    public static Stream OpenRead(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            return file;
        try
        {
            // .NET's GZipStream reports a truncated file as a normal end of data, so the trailer (CRC-32 and
            // length of the decompressed data) is checked here.
            var trailer = new byte[8];
            long length = file.Length;
            if (length >= 18)
            {
                file.Seek(length - 8, SeekOrigin.Begin);
                file.ReadExactly(trailer);
                file.Seek(0, SeekOrigin.Begin);
            }
            return new GzipCheckingStream(new GZipStream(file, CompressionMode.Decompress, leaveOpen: false), length >= 18 ? trailer : null);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Decompresses and, at the end, checks the gzip trailer; a mismatch is an <see cref="InvalidDataException"/>.</summary>
    private sealed class GzipCheckingStream(GZipStream inner, byte[]? trailer) : Stream
    {
        private uint _crc;
        private long _length;
        private bool _checked;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty)
                return 0;
            int n = inner.Read(buffer);
            if (n > 0)
            {
                _crc = Checkpoints.Crc32.Append(_crc, buffer[..n]);
                _length += n;
                return n;
            }
            if (!_checked)
            {
                _checked = true;
                if (trailer is null)
                    throw new InvalidDataException("the gzip file is too short to be complete.");
                uint crc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
                uint size = BinaryPrimitives.ReadUInt32LittleEndian(trailer.AsSpan(4));
                if (crc != _crc || size != (uint)_length)
                    throw new InvalidDataException($"the gzip data is truncated or corrupt: {_length} bytes decompressed with CRC-32 0x{_crc:X8}, but the gzip trailer says {size} bytes (mod 2^32) with CRC-32 0x{crc:X8}; concatenated multi-member gzip files are not supported.");
            }
            return 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }
    }
}

using System;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using nietras.SeparatedValues;

namespace OptGen.Data;

/// <summary>
/// Splits delimited text with Sep (nietras/Sep): SIMD search for separators, quotes and line ends, quoted fields
/// unquoted (RFC 4180, a quoted field may hold the delimiter or a line break). Field positions for messages are
/// worked out from where a field sits in Sep's row buffer, only when a message needs one.
/// </summary>
internal sealed class SepRowSource : CsvRowSource
{
    private readonly SepReader _reader;
    private int _linesRead;
    private int _line;
    private int _count;

    public SepRowSource(TextReader text, string path, char delimiter)
        : base(path)
    {
        try
        {
            // No header (detected by the caller) and no column-count check (the caller reports it with the line).
            _reader = Sep.New(delimiter).Reader(o => o with
            {
                HasHeader = false,
                DisableColCountCheck = true,
                Unescape = true,
                CultureInfo = CultureInfo.InvariantCulture,
            }).From(text, leaveOpen: true); // the caller owns the reader
        }
        catch (Exception e) when (e is InvalidDataException or DecoderFallbackException)
        {
            throw ReadFailure(e); // Sep reads the first block on opening
        }
    }

    public override int LinesRead => _linesRead;

    public override int Line => _line;

    public override int Count => _count;

    public override CsvPosition End
    {
        get
        {
            ReadOnlySpan<char> row = _reader.Current.Span;
            return Locate(row, row.Length);
        }
    }

    /// <summary>Sep takes a tab or a printable ASCII character other than <c>"</c> and <c>#</c>.</summary>
    public static bool Supports(char delimiter) => delimiter == '\t' || (delimiter is >= ' ' and <= '~' && delimiter is not '"' and not '#');

    public override bool MoveNext()
    {
        while (true)
        {
            bool more;
            try
            {
                more = _reader.MoveNext();
            }
            catch (Exception e) when (e is InvalidDataException or DecoderFallbackException)
            {
                throw ReadFailure(e);
            }
            if (!more)
                return false;
            SepReader.Row row = _reader.Current;
            _linesRead = row.LineNumberToExcl - 1;
            if (row.ColCount == 1 && row.Span.IsWhiteSpace()) // blank, as string.IsNullOrWhiteSpace has it for the line splitter
                continue;
            // Sep 0.18 without a header reports the first row's LineNumberFrom as its LineNumberToExcl (it replays
            // the row it read to look for a header without rewinding the line count); the first row starts on line 1.
            _line = row.RowIndex == 0 ? 1 : row.LineNumberFrom;
            _count = row.ColCount;
            CheckQuotes(row.Span);
            return true;
        }
    }

    /// <summary>
    /// An odd number of quotes in a row means one was never closed: Sep would read the rest of the file as one
    /// field (a class name, say), losing every row after it. The row is checked before any field is unquoted.
    /// </summary>
    private void CheckQuotes(ReadOnlySpan<char> row)
    {
        int first = row.IndexOf('"');
        if (first < 0)
            return;
        bool open = false;
        int opened = first;
        for (int i = first; i < row.Length; i++)
        {
            if (row[i] != '"')
                continue;
            open = !open;
            if (open)
                opened = i;
        }
        if (!open)
            return;
        CsvPosition at = Locate(row, opened);
        int lastLine = Locate(row, row.Length).Line;
        string rest = lastLine > at.Line ? $" (it runs to line {lastLine}, the end of the file, as one field)" : "";
        throw new DataFormatException(Path, at.Line, at.Column, $"a quote opened here is never closed{rest}.");
    }

    public override ReadOnlySpan<char> Field(int index) => CsvFieldText.Trim(_reader.Current[index].Span);

    public override CsvPosition PositionOf(int index)
    {
        ReadOnlySpan<char> row = _reader.Current.Span;
        ReadOnlySpan<char> field = Field(index);
        // The field is a slice of the row's buffer (unquoting happens in place), even when empty.
        int offset = (int)(Unsafe.ByteOffset(ref MemoryMarshal.GetReference(row), ref MemoryMarshal.GetReference(field)) / sizeof(char));
        return Locate(row, Math.Clamp(offset, 0, row.Length));
    }

    public override void Dispose() => _reader.Dispose();

    /// <summary>Line and column of <paramref name="offset"/> in a row that may span lines (a quoted line break).</summary>
    private CsvPosition Locate(ReadOnlySpan<char> row, int offset)
    {
        int line = _line;
        int lineStart = 0;
        for (int i = 0; i < offset; i++)
        {
            char c = row[i];
            if (c == '\n' || (c == '\r' && (i + 1 >= row.Length || row[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }
        return new CsvPosition(line, offset - lineStart + 1);
    }
}

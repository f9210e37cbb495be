using System;
using System.IO;
using System.Text;

namespace OptGen.Data;

/// <summary>
/// Reads the non-blank rows of delimited text one at a time; the source is its own current row. Blank lines are
/// skipped but counted, so line numbers are the file's. Decompression and decoding failures become
/// <see cref="DataFormatException"/>s naming the file and the line being read.
/// </summary>
internal abstract class CsvRowSource(string path) : ICsvRow, IDisposable
{
    public string Path { get; } = path;

    /// <summary>Lines read so far, blank ones included.</summary>
    public abstract int LinesRead { get; }

    public abstract int Line { get; }

    public abstract int Count { get; }

    public abstract CsvPosition End { get; }

    /// <summary>
    /// Sep for delimited text (quoted fields per RFC 4180; its SIMD splitter is several times faster than splitting
    /// lines, docs/data.md), the line splitter for whitespace-separated text and for delimiters Sep does not take.
    /// </summary>
    public static CsvRowSource Open(TextReader reader, string path, CsvOptions options)
    {
        if (options.WhitespaceSeparated || options.Engine == CsvEngine.Lines || !SepRowSource.Supports(options.Delimiter))
            return new LineRowSource(reader, path, options);
        return new SepRowSource(reader, path, options.Delimiter);
    }

    /// <summary>Moves to the next non-blank row; false at the end of the text.</summary>
    public abstract bool MoveNext();

    public abstract ReadOnlySpan<char> Field(int index);

    public abstract CsvPosition PositionOf(int index);

    public virtual void Dispose()
    {
    }

    /// <summary>A failure of the stream under the text, as a format error at the line being read.</summary>
    protected DataFormatException ReadFailure(Exception e) => e switch
    {
        DecoderFallbackException => new DataFormatException(Path, LinesRead + 1, 0, "the text is not valid UTF-8.", e),
        _ => new DataFormatException(Path, LinesRead + 1, 0, $"the compressed data is corrupt ({e.Message}).", e),
    };
}

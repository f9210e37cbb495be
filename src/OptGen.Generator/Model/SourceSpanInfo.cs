using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace OptGen.Generator.Model;

/// <summary>A location in a source file as plain data (no <see cref="SyntaxTree"/>), so models stay equatable.</summary>
internal sealed record SourceSpanInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static SourceSpanInfo? From(Location? location)
    {
        if (location is null || location.SourceTree is null)
            return null;
        return new SourceSpanInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    /// <summary>A sub-span of this one, assuming it covers a single line from <paramref name="offset"/> on.</summary>
    public SourceSpanInfo Slice(int offset, int length, int line, int column) =>
        new(FilePath, new TextSpan(Span.Start + offset, length),
            new LinePositionSpan(new LinePosition(line, column), new LinePosition(line, column + length)));
}

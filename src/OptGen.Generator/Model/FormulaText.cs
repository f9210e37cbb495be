using Microsoft.CodeAnalysis.Text;

namespace OptGen.Generator.Model;

/// <summary>A run of formula characters that sit contiguously on one source line.</summary>
internal sealed record PositionSegment(int ValueStart, int Length, int SourceStart, int Line, int Column);

/// <summary>
/// One formula string as the user wrote it, with where it sits in the source: <see cref="Map"/> takes an
/// offset in <see cref="Text"/> to the character in the file (empty when the literal has escapes, in which case
/// diagnostics fall back to the whole literal).
/// </summary>
internal sealed record FormulaText(string Text, SourceSpanInfo? Literal, EquatableArray<PositionSegment> Map)
{
    /// <summary>The source location of <paramref name="length"/> formula characters from <paramref name="start"/>.</summary>
    public SourceSpanInfo? Locate(int start, int length)
    {
        if (Literal is null)
            return null;
        if (Map.Count == 0)
            return Literal;
        (int startPos, LinePosition startLine) = Position(start, atEnd: false);
        (int endPos, LinePosition endLine) = length <= 0 ? (startPos, startLine) : Position(start + length - 1, atEnd: true);
        return new SourceSpanInfo(Literal.FilePath, TextSpan.FromBounds(startPos, endPos), new LinePositionSpan(startLine, endLine));
    }

    // The file position of formula character 'offset' (or of just past it when atEnd).
    private (int Position, LinePosition Line) Position(int offset, bool atEnd)
    {
        PositionSegment? last = null;
        foreach (PositionSegment s in Map)
        {
            if (offset >= s.ValueStart && offset < s.ValueStart + s.Length)
            {
                int delta = offset - s.ValueStart + (atEnd ? 1 : 0);
                return (s.SourceStart + delta, new LinePosition(s.Line, s.Column + delta));
            }
            if (s.ValueStart <= offset)
                last = s;
        }
        // Past the text (an error at the end of input) or on a newline between segments: the end of the last run.
        last ??= Map[0];
        return (last.SourceStart + last.Length, new LinePosition(last.Line, last.Column + last.Length));
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using OptGen.Generator.Model;

namespace OptGen.Generator.Extraction;

/// <summary>
/// Works out where each character of a formula string sits in the source file, so a diagnostic can underline
/// the offending characters inside the literal. Regular literals without escapes, verbatim literals without
/// doubled quotes and raw literals (single- and multi-line) are mapped; anything else maps to the whole argument.
/// The map is checked against the compiler's value of the string and dropped if they disagree.
/// </summary>
internal static class FormulaLocator
{
    public static FormulaText Create(string value, ExpressionSyntax? syntax)
    {
        if (syntax is null)
            return new FormulaText(value, null, EquatableArray<PositionSegment>.Empty);
        SourceSpanInfo? whole = SourceSpanInfo.From(syntax.GetLocation());
        if (syntax is not LiteralExpressionSyntax literal)
            return new FormulaText(value, whole, EquatableArray<PositionSegment>.Empty);
        List<PositionSegment>? map = Map(literal.Token, value);
        return new FormulaText(value, whole, map is null ? EquatableArray<PositionSegment>.Empty : new EquatableArray<PositionSegment>(map.ToArray()));
    }

    private static List<PositionSegment>? Map(SyntaxToken token, string value)
    {
        string text = token.Text;
        int start = token.SpanStart;
        LinePosition origin = token.GetLocation().GetLineSpan().StartLinePosition;
        var lines = new List<(int Offset, int Length)>(); // content runs as offsets in the token text, one per value line

        switch (token.Kind())
        {
            case SyntaxKind.StringLiteralToken when text.StartsWith("@"):
            {
                string content = text.Substring(2, text.Length - 3);
                if (content.Contains("\"\""))
                    return null;
                SplitLines(text, 2, text.Length - 1, lines);
                break;
            }
            case SyntaxKind.StringLiteralToken:
                if (text.IndexOf('\\') >= 0)
                    return null;
                lines.Add((1, text.Length - 2));
                break;
            case SyntaxKind.SingleLineRawStringLiteralToken:
            {
                int quotes = CountQuotes(text);
                lines.Add((quotes, text.Length - 2 * quotes));
                break;
            }
            case SyntaxKind.MultiLineRawStringLiteralToken:
            {
                int quotes = CountQuotes(text);
                var all = new List<(int Offset, int Length)>();
                SplitLines(text, quotes, text.Length - quotes, all);
                if (all.Count < 3)
                    return null;
                (int lastOffset, int lastLength) = all[all.Count - 1];
                int indent = lastLength; // the closing line holds only the indentation before the quotes
                for (int i = 1; i < all.Count - 1; i++)
                {
                    (int offset, int length) = all[i];
                    lines.Add(length <= indent ? (offset + length, 0) : (offset + indent, length - indent));
                }
                _ = lastOffset;
                break;
            }
            default:
                return null;
        }

        var segments = new List<PositionSegment>();
        var rebuilt = new System.Text.StringBuilder();
        int lineInToken = 0, lastLineStart = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            (int offset, int length) = lines[i];
            // Count the line breaks before 'offset' to know the file line of this run.
            for (int p = lastLineStart; p < offset; p++)
            {
                if (text[p] == '\n')
                    lineInToken++;
            }
            lastLineStart = offset;
            int lineStart = text.LastIndexOf('\n', offset == 0 ? 0 : offset - 1) + 1;
            int column = lineInToken == 0 ? origin.Character + offset : offset - lineStart;
            if (i > 0)
            {
                // The line break as written in the source (the compiler keeps it in the value: "\n" or "\r\n").
                (int previousOffset, int previousLength) = lines[i - 1];
                rebuilt.Append(text[previousOffset + previousLength] == '\r' ? "\r\n" : "\n");
            }
            if (length > 0)
                segments.Add(new PositionSegment(rebuilt.Length, length, start + offset, origin.Line + lineInToken, column));
            rebuilt.Append(text, offset, length);
        }
        return rebuilt.ToString() == value ? segments : null;
    }

    private static int CountQuotes(string text)
    {
        int n = 0;
        while (n < text.Length && text[n] == '"')
            n++;
        return n;
    }

    // Splits text[from..to) at '\n' (dropping a '\r' before it) into (offset, length) runs.
    private static void SplitLines(string text, int from, int to, List<(int, int)> runs)
    {
        int lineStart = from;
        for (int i = from; i < to; i++)
        {
            if (text[i] != '\n')
                continue;
            int end = i > lineStart && text[i - 1] == '\r' ? i - 1 : i;
            runs.Add((lineStart, end - lineStart));
            lineStart = i + 1;
        }
        runs.Add((lineStart, to - lineStart));
    }
}

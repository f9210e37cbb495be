using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using OptGen.Testing;

namespace OptGen.Generator.Tests.Harness;

internal static class DiagnosticAssert
{
    /// <summary>
    /// The declaration most diagnostic tests need, one line each, as their expected line numbers count them:
    /// <c>using OptGen;</c>, a blank line, with <paramref name="inDemo"/> <c>namespace Demo;</c> and a blank line,
    /// <c>[Optimizer]</c>, the <paramref name="state"/> attribute line if any, <c>[Update("<paramref name="update"/>")]</c>,
    /// and <c>public partial class Opt { }</c>, or with <paramref name="member"/> its body of one indented line.
    /// </summary>
    public static string Optimizer(string update, string? state = null, string? member = null, bool inDemo = false)
    {
        var lines = new List<string> { "using OptGen;", "" };
        if (inDemo)
            lines.AddRange(["namespace Demo;", ""]);
        lines.Add("[Optimizer]");
        if (state is not null)
            lines.Add(state);
        lines.Add($"[Update(\"{update}\")]");
        if (member is null)
            lines.Add("public partial class Opt { }");
        else
            lines.AddRange(["public partial class Opt", "{", "    " + member, "}"]);
        return string.Join("\n", lines);
    }

    /// <summary>Runs the generator over <paramref name="source"/> and returns its only diagnostic with <paramref name="id"/>.</summary>
    public static Diagnostic Single(string source, string id)
    {
        GeneratorOutput output = GeneratorHarness.Run(source);
        var matches = output.GeneratorDiagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matches.Count == 1, $"Expected one {id}, got:\n{GeneratorHarness.Describe(output.GeneratorDiagnostics)}");
        return matches[0];
    }

    /// <summary>
    /// Checks the rendered message and the location: the characters under the squiggle, and the 1-based line and
    /// column where it starts (which must agree with the text span).
    /// </summary>
    public static void Is(Diagnostic d, string source, string message, string squiggled, int line, int column)
    {
        Assert.Equal(message, d.GetMessage(CultureInfo.InvariantCulture));
        Assert.NotEqual(Location.None, d.Location);
        TextSpan span = d.Location.SourceSpan;
        Assert.True(span.End <= source.Length, $"Span {span} is outside the source");
        Assert.Equal(squiggled, source.Substring(span.Start, span.Length));
        FileLinePositionSpan lineSpan = d.Location.GetLineSpan();
        Assert.Equal(GeneratorHarness.FilePath, lineSpan.Path);
        Assert.Equal((line, column), (lineSpan.StartLinePosition.Line + 1, lineSpan.StartLinePosition.Character + 1));
        Assert.Equal(SourceText.From(source).Lines.GetLinePositionSpan(span), lineSpan.Span);
    }
}

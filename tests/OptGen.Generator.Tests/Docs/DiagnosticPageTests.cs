using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using OptGen.Testing;

namespace OptGen.Generator.Tests.Docs;

/// <summary>
/// The pages of docs/diagnostics show a "Bad" and a "Fixed" declaration: the bad one must report the page's id and
/// the fixed one nothing, so a page cannot drift from what the generator does.
/// </summary>
public class DiagnosticPageTests
{
    private static string Folder() => RepositoryRoot.Combine("docs", "diagnostics");

    public static TheoryData<string> Pages()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Folder(), "OPTG*.md").OrderBy(f => f, System.StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    // The C# blocks under a heading ("## Bad", "## Fixed") of a page.
    private static List<string> Blocks(string page, string heading)
    {
        string text = File.ReadAllText(Path.Combine(Folder(), page + ".md")).Replace("\r\n", "\n");
        int at = text.IndexOf("## " + heading + "\n", System.StringComparison.Ordinal);
        if (at < 0)
            return [];
        int end = text.IndexOf("\n## ", at + 3, System.StringComparison.Ordinal);
        string section = end < 0 ? text[at..] : text[at..end];
        return Regex.Matches(section, "```csharp\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
    }

    // A snippet of attributes becomes a class; a snippet that declares its own class is used as it is.
    private static string Declaration(string snippet)
    {
        if (snippet.Contains("class "))
            return "using OptGen;\n" + snippet;
        string attributes = snippet.Contains("[Optimizer") || snippet.Contains("[Schedule") ? snippet : "[Optimizer]\n" + snippet;
        return "using OptGen;\n\nnamespace Docs;\n\n" + attributes + "public partial class Example\n{\n"
            + "    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta1 { get; set; }\n}\n";
    }

    private static bool Runnable(string snippet) => !snippet.Contains("...") && !snippet.Contains("…");

    [Theory]
    [MemberData(nameof(Pages))]
    public void TheBadExampleReportsThePagesIdAndTheFixedOneNothing(string id)
    {
        List<string> bads = Blocks(id, "Bad").Where(Runnable).ToList();
        // Only these pages' examples cannot be written out (10,000 levels of nesting; five conditions' bodies elided; the
        // generator's own failure, which no declaration is known to cause).
        Assert.True(bads.Count > 0 || id is "OPTG0018" or "OPTG0036" or "OPTG0090", $"{id}.md has no complete bad example");
        foreach (string bad in bads)
        {
            GeneratorOutput output = GeneratorHarness.Run(Declaration(bad));
            Assert.True(output.GeneratorDiagnostics.Any(d => d.Id == id), $"{id}.md's bad example reports {GeneratorHarness.Describe(output.GeneratorDiagnostics)}:\n{bad}");
        }
        foreach (string good in Blocks(id, "Fixed").Where(Runnable))
        {
            GeneratorOutput output = GeneratorHarness.Run(Declaration(good));
            Diagnostic[] problems = output.GeneratorDiagnostics.Concat(output.CompilationDiagnostics).Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
            Assert.True(problems.Length == 0, $"{id}.md's fixed example reports {GeneratorHarness.Describe(problems)}:\n{good}");
        }
    }
}

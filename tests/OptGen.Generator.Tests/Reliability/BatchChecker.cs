using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using OptGen.Testing;

namespace OptGen.Generator.Tests.Reliability;

/// <summary>
/// Puts many cases in one file (each in its own namespace), runs the generator and the analyzer once and checks the
/// properties per case: neither throws; a case with an OPTG error gets no implementation (at most the shell, whose Step
/// throws); a case without an implementation has an OPTG error; an implemented case compiles with no error and no
/// warning; generated files (shells included) never have diagnostics.
/// </summary>
internal static class BatchChecker
{
    private static long s_generateTicks, s_compileTicks;

    /// <summary>Seconds spent so far (summed over threads) running the generator and compiling its output.</summary>
    public static (double Generating, double Compiling) Seconds =>
        (Interlocked.Read(ref s_generateTicks) / (double)System.Diagnostics.Stopwatch.Frequency, Interlocked.Read(ref s_compileTicks) / (double)System.Diagnostics.Stopwatch.Frequency);

    private static long s_cases, s_accepted, s_rejected;

    /// <summary>When set (OPTGEN_EXPLORE=1), violations are collected here instead of thrown.</summary>
    public static readonly System.Collections.Concurrent.ConcurrentBag<string>? Explore =
        Environment.GetEnvironmentVariable("OPTGEN_EXPLORE") == "1" ? new() : null;

    public static long Cases => Interlocked.Read(ref s_cases);
    public static long Accepted => Interlocked.Read(ref s_accepted);
    public static long Rejected => Interlocked.Read(ref s_rejected);

    // Lowercase-only type names (CS8981) are the user's choice in a few cases, not the generator's doing.
    private static bool Counts(Diagnostic d) => d.Severity >= DiagnosticSeverity.Warning && !GeneratorRuns.IsOptg(d) && d.Id != "CS8981";

    public static void Check(IReadOnlyList<ClassCase> cases)
    {
        var source = new StringBuilder("using OptGen;\n\n");
        var regions = new (int Start, int End)[cases.Count];
        for (int i = 0; i < cases.Count; i++)
        {
            int start = source.Length;
            source.Append($"namespace F{i}{cases[i].Namespace}\n{{\n{cases[i].Declaration}}}\n\n");
            regions[i] = (start, source.Length);
        }
        string text = source.ToString();
        long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        GeneratorOutput run;
        try
        {
            run = GeneratorRuns.Generate(text);
        }
        catch (InvalidOperationException e) // the harness's word for "the generator or the analyzer threw"
        {
            throw new GeneratorPropertyException($"{e.Message}\n==== input\n{text}");
        }
        Interlocked.Add(ref s_generateTicks, System.Diagnostics.Stopwatch.GetTimestamp() - t0);

        var optg = new List<Diagnostic>[cases.Count];
        var compile = new List<Diagnostic>[cases.Count];
        var generated = new List<SyntaxTree>[cases.Count];
        for (int i = 0; i < cases.Count; i++)
            (optg[i], compile[i], generated[i]) = ([], [], []);

        int CaseAt(int position) => Array.FindIndex(regions, r => position >= r.Start && position < r.End);
        int CaseOf(SyntaxTree tree)
        {
            string file = System.IO.Path.GetFileName(tree.FilePath);
            for (int i = 0; i < cases.Count; i++)
            {
                if (file.StartsWith($"F{i}.", StringComparison.Ordinal))
                    return i;
            }
            return -1;
        }

        foreach (Diagnostic d in run.GeneratorDiagnostics.Where(GeneratorRuns.IsOptg))
        {
            FileLinePositionSpan span = d.Location.GetLineSpan();
            int at = span.Path == GeneratorRuns.InputPath ? CaseAt(d.Location.SourceSpan.Start) : -1;
            Assert(at >= 0, $"{d.Id} is not located in the class it is about: {d}", text);
            optg[at].Add(d);
        }
        foreach (SyntaxTree tree in run.GeneratedTrees())
        {
            int at = CaseOf(tree);
            Assert(at >= 0, $"generated file {tree.FilePath} belongs to no class", text);
            generated[at].Add(tree);
        }
        t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        var all = run.CompileDiagnostics();
        Interlocked.Add(ref s_compileTicks, System.Diagnostics.Stopwatch.GetTimestamp() - t0);
        foreach (Diagnostic d in all.Where(Counts))
        {
            int at = d.Location.SourceTree is { } tree && tree.FilePath != GeneratorRuns.InputPath ? CaseOf(tree)
                : d.Location.SourceTree is not null ? CaseAt(d.Location.SourceSpan.Start) : -1;
            if (at >= 0)
                compile[at].Add(d);
            else
                Assert(!cases.All(c => c.ValidCSharp), $"unlocated diagnostic {d}", text);
        }

        for (int i = 0; i < cases.Count; i++)
        {
            ClassCase c = cases[i];
            bool implemented = generated[i].Any(t => GeneratorRuns.IsImplementation(t, c.IsSchedule));
            bool optgError = optg[i].Any(d => d.Severity == DiagnosticSeverity.Error);
            string what = $"case {i}:\n{c.Declaration}\nOPTG: {string.Join("; ", optg[i])}\nC#: {string.Join("; ", compile[i].Take(5))}";
            Assert(!(optgError && implemented), "an OPTG error, but the generator still emitted the implementation: " + what, text, generated[i]);
            Assert(implemented || optgError || !c.ValidCSharp, "rejected without an OPTG error: " + what, text, generated[i]);
            if (c.ValidCSharp)
            {
                Assert(!implemented || compile[i].Count == 0, "accepted, but the result does not compile cleanly: " + what, text, generated[i]);
                var inGenerated = compile[i].Where(d => d.Location.SourceTree?.FilePath != GeneratorRuns.InputPath).ToList();
                Assert(inGenerated.Count == 0, "generated code has diagnostics: " + what, text, generated[i]);
            }
            Interlocked.Increment(ref s_cases);
            Interlocked.Increment(ref implemented ? ref s_accepted : ref s_rejected);
        }
    }

    private static void Assert(bool condition, string message, string source, IEnumerable<SyntaxTree>? generated = null)
    {
        if (condition)
            return;
        string files = generated is null ? "" : string.Concat(generated.Select(t => $"\n---- {t.FilePath}\n{t}"));
        if (Explore is not null)
        {
            Explore.Add(message + files);
            return;
        }
        throw new GeneratorPropertyException(generated is null ? $"{message}\n==== input\n{source}" : message + files);
    }
}

internal sealed class GeneratorPropertyException(string message) : Exception(message);

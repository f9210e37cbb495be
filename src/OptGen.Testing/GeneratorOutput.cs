using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace OptGen.Testing;

/// <summary>What one run of the OptGen generator produced.</summary>
/// <param name="Driver">The driver after the run; pass it to <see cref="GeneratorHarness.Run(GeneratorDriver, Compilation, System.Threading.CancellationToken)"/> with an edited compilation to test incremental reuse.</param>
/// <param name="InputCompilation">The compilation the generator ran over.</param>
/// <param name="OutputCompilation">The input compilation with the generated files added.</param>
/// <param name="Sources">The generated files: hint name (for example <c>Demo.MyAdam.g.cs</c>) to text.</param>
/// <param name="GeneratorDiagnostics">The <c>OPTGnnnn</c> diagnostics, located inside your formula strings: those of OptGen's analyzer, which reports them for the generator (see <see cref="GeneratorHarness.Analyze(Compilation, System.Threading.CancellationToken)"/>), and anything the generator driver reported.</param>
/// <param name="CompilationDiagnostics">The output compilation's diagnostics, hidden ones left out: what the C# compiler would report for the user's code together with the generated code.</param>
public sealed record GeneratorOutput(
    GeneratorDriver Driver,
    Compilation InputCompilation,
    Compilation OutputCompilation,
    ImmutableDictionary<string, string> Sources,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> CompilationDiagnostics)
{
    /// <summary>The text of the single generated file.</summary>
    /// <exception cref="InvalidOperationException">The run did not generate exactly one file.</exception>
    public string Single => Sources.Count == 1
        ? Sources.Values.First()
        : throw new InvalidOperationException($"Expected exactly one generated file, got {Sources.Count}: {string.Join(", ", Sources.Keys.OrderBy(k => k, StringComparer.Ordinal))}.");

    /// <summary>The OPTG diagnostics and the compilation's warnings and errors, in that order.</summary>
    public ImmutableArray<Diagnostic> AllDiagnostics => GeneratorDiagnostics.AddRange(CompilationDiagnostics);

    /// <summary>The result of the driver's last run of the OptGen generator, with its tracked incremental steps.</summary>
    public GeneratorRunResult RunResult => Driver.GetRunResult().Results.Single();
}

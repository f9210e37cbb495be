using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace OptGen.Generator.Tests.Harness;

/// <summary>What one run of the generator produced.</summary>
internal sealed record GeneratorOutput(
    GeneratorDriver Driver,
    Compilation InputCompilation,
    Compilation OutputCompilation,
    ImmutableDictionary<string, string> Sources,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> CompilationDiagnostics)
{
    /// <summary>The single generated file (fails when there is not exactly one).</summary>
    public string Single => Assert.Single(Sources).Value;

    /// <summary>The result of the driver's last run, with its tracked steps.</summary>
    public GeneratorRunResult RunResult => Driver.GetRunResult().Results.Single();
}

/// <summary>Builds a compilation from source text and runs <see cref="OptGenGenerator"/> over it.</summary>
internal static class GeneratorHarness
{
    public const string FilePath = "Test.cs";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    public static ImmutableArray<MetadataReference> References => s_references.Value;

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // The runtime lives in <dotnet>/shared/Microsoft.NETCore.App/<version>/; the reference packs in <dotnet>/packs/.
        string dotnetRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        string packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        if (!Directory.Exists(packs))
            packs = "/usr/share/dotnet/packs/Microsoft.NETCore.App.Ref";
        string version = Directory.GetDirectories(packs)
            .Select(Path.GetFileName)
            .Where(v => v!.StartsWith("10.", StringComparison.Ordinal) && System.Version.TryParse(v.Split('-')[0], out _))
            .OrderByDescending(v => System.Version.Parse(v!.Split('-')[0]))
            .First()!;
        string refDir = Path.Combine(packs, version, "ref", "net10.0");
        IEnumerable<string> paths = Directory.GetFiles(refDir, "*.dll")
            .Append(typeof(OptGen.OptimizerAttribute).Assembly.Location)
            .Append(typeof(OptGen.Parameter).Assembly.Location);
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create("TestAssembly",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, i == 0 ? FilePath : $"Test{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            new[] { new OptGenGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator over <paramref name="sources"/> (the first is <see cref="FilePath"/>).</summary>
    public static GeneratorOutput Run(params string[] sources) => Run(CreateDriver(), CreateCompilation(sources));

    /// <summary>Runs <paramref name="driver"/> (fresh or from an earlier run) over <paramref name="compilation"/>.</summary>
    public static GeneratorOutput Run(GeneratorDriver driver, Compilation compilation, CancellationToken cancellationToken = default)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics, cancellationToken);
        GeneratorDriverRunResult result = driver.GetRunResult();
        foreach (GeneratorRunResult r in result.Results)
        {
            if (r.Exception is not null)
                throw new InvalidOperationException("The generator threw: " + r.Exception, r.Exception);
        }
        var sources = result.Results.SelectMany(r => r.GeneratedSources)
            .ToImmutableDictionary(s => s.HintName, s => s.SourceText.ToString());
        ImmutableArray<Diagnostic> compilationDiagnostics = output.GetDiagnostics(cancellationToken)
            .Where(d => d.Severity != DiagnosticSeverity.Hidden)
            .ToImmutableArray();
        return new GeneratorOutput(driver, compilation, output, sources, diagnostics, compilationDiagnostics);
    }

    /// <summary>Diagnostics as one readable string, for assertion messages.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using OptGen.Generator;

namespace OptGen.Reliability.Tests.Generator;

/// <summary>
/// Runs the generator in-process on one source file, then the analyzer that reports its diagnostics. The base
/// compilation (the SDK's reference assemblies plus OptGen.Attributes and OptGen.Runtime) is built once; each run only
/// adds a syntax tree.
/// </summary>
internal static class GeneratorHarness
{
    public const string InputPath = "Input.cs";

    /// <summary>As strict as a user project can be: latest C#, nullable on, every warning level, XML docs checked.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly Lazy<CSharpCompilation> s_base = new(() => CSharpCompilation.Create(
        "Fuzz",
        references: References(),
        options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999, allowUnsafe: false,
            concurrentBuild: false, deterministic: true)));

    public static CSharpCompilation Base => s_base.Value;

    private static IEnumerable<MetadataReference> References()
    {
        string packs = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(typeof(object).Assembly.Location)!)!, "..", "..", "packs", "Microsoft.NETCore.App.Ref");
        if (!Directory.Exists(packs))
            packs = "/usr/share/dotnet/packs/Microsoft.NETCore.App.Ref";
        string version = Directory.GetDirectories(packs, "10.*")
            .OrderBy(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out Version? v) ? v : new Version(0, 0))
            .Last();
        foreach (string dll in Directory.GetFiles(Path.Combine(version, "ref", "net10.0"), "*.dll"))
            yield return MetadataReference.CreateFromFile(dll);
        yield return MetadataReference.CreateFromFile(typeof(OptGen.OptimizerAttribute).Assembly.Location);
        yield return MetadataReference.CreateFromFile(typeof(OptGen.Parameter).Assembly.Location);
    }

    public sealed record Run(
        SyntaxTree Input,
        Compilation Output,
        ImmutableArray<Diagnostic> GeneratorDiagnostics,
        GeneratorRunResult Result)
    {
        public IEnumerable<SyntaxTree> GeneratedTrees => Output.SyntaxTrees.Where(t => t.FilePath != InputPath);

        /// <summary>Whether a generated file implements Step (GetLearningRate): a real update, not the shell of a class with errors.</summary>
        public bool Implemented(bool isSchedule = false) => GeneratedTrees.Any(t => IsImplementation(t, isSchedule));

        /// <summary>Errors and warnings of the whole output compilation (C# ones and the generator's).</summary>
        public ImmutableArray<Diagnostic> CompileDiagnostics() =>
            Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
    }

    public static Run Generate(string source, CancellationToken cancellationToken = default)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(source, ParseOptions, InputPath, cancellationToken: cancellationToken);
        return Generate(tree, cancellationToken);
    }

    public static Run Generate(SyntaxTree tree, CancellationToken cancellationToken = default)
    {
        CSharpCompilation input = Base.AddSyntaxTrees(tree);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new OptGenGenerator().AsSourceGenerator()], parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> diagnostics, cancellationToken);
        // The OPTG diagnostics come from the analyzer, over the compilation with the generated files as the compiler has
        // it, but only for the input file (as the IDE analyzes a document): binding the generated SIMD code a second time
        // would double the cost of every case.
        CompilationWithAnalyzers withAnalyzer = output.WithAnalyzers([new OptGen.Generator.Analysis.OptGenAnalyzer()]);
        ImmutableArray<Diagnostic> analyzed = withAnalyzer.GetAnalyzerSemanticDiagnosticsAsync(withAnalyzer.Compilation.GetSemanticModel(tree), null, cancellationToken)
            .GetAwaiter().GetResult();
        return new Run(tree, output, diagnostics.AddRange(analyzed), driver.GetRunResult().Results.Single());
    }

    /// <summary>The first line ShellEmitter writes after the auto-generated header.</summary>
    public const string ShellMarker = "// The formulas of this class have errors";

    /// <summary>Whether <paramref name="tree"/> implements Step (GetLearningRate), as opposed to being a shell whose Step throws.</summary>
    public static bool IsImplementation(SyntaxTree tree, bool isSchedule)
    {
        string text = tree.ToString();
        return text.Contains(isSchedule ? " GetLearningRate(" : " void Step(", StringComparison.Ordinal) && !text.Contains(ShellMarker, StringComparison.Ordinal);
    }

    /// <summary>Emits the output compilation and loads it, so generated code can be run.</summary>
    public static System.Reflection.Assembly Load(Run run)
    {
        using var stream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = run.Output.Emit(stream);
        if (!result.Success)
            throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
        stream.Position = 0;
        return new System.Runtime.Loader.AssemblyLoadContext(null, isCollectible: true).LoadFromStream(stream);
    }

    public static bool IsOptg(Diagnostic d) => d.Id.StartsWith("OPTG", StringComparison.Ordinal);

    /// <summary>CS8784 / CS8785: the generator threw in Initialize / Execute; AD0001: the analyzer threw.</summary>
    public static bool IsGeneratorCrash(Diagnostic d) => d.Id is "CS8784" or "CS8785" or "AD0001";
}

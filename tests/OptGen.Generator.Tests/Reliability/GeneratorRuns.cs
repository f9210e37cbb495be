using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OptGen.Testing;

namespace OptGen.Generator.Tests.Reliability;

/// <summary>
/// The reliability tests' runs of the shipped <see cref="GeneratorHarness"/>: one input file, parsed as strictly as a
/// user project can be (latest C#, nullable on, every warning level, XML docs checked, in the generated code too); the
/// base compilation is built once and each run only adds a syntax tree; the analyzer looks at the input file only.
/// </summary>
internal static class GeneratorRuns
{
    public const string InputPath = "Input.cs";

    /// <summary>Latest C#, with the XML documentation comments checked (as with <c>GenerateDocumentationFile</c>).</summary>
    public static readonly CSharpParseOptions ParseOptions = GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);

    private static readonly Lazy<Compilation> s_base = new(() =>
    {
        CSharpCompilation empty = GeneratorHarness.CreateCompilation();
        return empty.WithOptions(empty.Options.WithConcurrentBuild(false).WithDeterministic(true));
    });

    /// <summary>Runs the generator, then the analyzer over the input file; throws if either throws.</summary>
    public static GeneratorOutput Generate(string source, CancellationToken cancellationToken = default) =>
        Generate(CSharpSyntaxTree.ParseText(source, ParseOptions, InputPath, cancellationToken: cancellationToken), cancellationToken);

    /// <inheritdoc cref="Generate(string, CancellationToken)"/>
    public static GeneratorOutput Generate(SyntaxTree tree, CancellationToken cancellationToken = default) =>
        GeneratorHarness.RunAnalyzingTree(GeneratorHarness.CreateDriver(ParseOptions), s_base.Value.AddSyntaxTrees(tree), tree, cancellationToken);

    /// <summary>The generated files.</summary>
    public static IEnumerable<SyntaxTree> GeneratedTrees(this GeneratorOutput run) =>
        run.OutputCompilation.SyntaxTrees.Where(t => t.FilePath != InputPath);

    /// <summary>Whether a generated file implements Step (GetLearningRate): a real update, not the shell of a class with errors.</summary>
    public static bool Implemented(this GeneratorOutput run, bool isSchedule = false) => run.GeneratedTrees().Any(t => IsImplementation(t, isSchedule));

    /// <summary>Errors and warnings of the whole output compilation (the input and the generated files).</summary>
    public static ImmutableArray<Diagnostic> CompileDiagnostics(this GeneratorOutput run) =>
        run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

    /// <summary>The first line ShellEmitter writes after the auto-generated header.</summary>
    public const string ShellMarker = "// The formulas of this class have errors";

    /// <summary>Whether <paramref name="tree"/> implements Step (GetLearningRate), as opposed to being a shell whose Step throws.</summary>
    public static bool IsImplementation(SyntaxTree tree, bool isSchedule)
    {
        string text = tree.ToString();
        return text.Contains(isSchedule ? " GetLearningRate(" : " void Step(", StringComparison.Ordinal) && !text.Contains(ShellMarker, StringComparison.Ordinal);
    }

    /// <summary>Emits the output compilation and loads it, so generated code can be run.</summary>
    public static System.Reflection.Assembly Load(GeneratorOutput run) => Load(run.OutputCompilation);

    /// <summary>Emits <paramref name="compilation"/> and loads it into a collectible context.</summary>
    public static System.Reflection.Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(stream);
        if (!result.Success)
            throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
        stream.Position = 0;
        return new System.Runtime.Loader.AssemblyLoadContext(null, isCollectible: true).LoadFromStream(stream);
    }

    public static bool IsOptg(Diagnostic d) => d.Id.StartsWith("OPTG", StringComparison.Ordinal);
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using OptGen.Generator;
using OptGen.Generator.Analysis;

namespace OptGen.Testing;

/// <summary>
/// Builds a C# compilation from source text, against the SDK's reference assemblies plus OptGen.Attributes and
/// OptGen.Runtime, and runs the OptGen generator (<see cref="OptGenGenerator"/>) and the OptGen analyzer
/// (<see cref="OptGenAnalyzer"/>, which reports the <c>OPTGnnnn</c> diagnostics) over it, as the compiler does in a build.
/// </summary>
/// <example>
/// <code>
/// GeneratorOutput output = GeneratorHarness.Run(source);
/// Assert.Empty(output.AllDiagnostics);
/// SnapshotVerifier.VerifyAll(output);
/// </code>
/// </example>
public static class GeneratorHarness
{
    /// <summary>The file name given to the first source text; later ones are <c>Test1.cs</c>, <c>Test2.cs</c>, ...</summary>
    public const string FilePath = "Test.cs";

    /// <summary>The parse options of the compilations built here: the latest C# version.</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
        ReferenceAssemblies.FrameworkPaths
            .Append(typeof(OptimizerAttribute).Assembly.Location)
            .Append(typeof(Parameter).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray());

    /// <summary>The framework's reference assemblies (see <see cref="ReferenceAssemblies"/>), OptGen.Attributes and OptGen.Runtime.</summary>
    public static ImmutableArray<MetadataReference> References => s_references.Value;

    /// <summary>
    /// A library compilation of <paramref name="sources"/> (the first named <see cref="FilePath"/>) with nullable
    /// reference types enabled and every warning level on.
    /// </summary>
    public static CSharpCompilation CreateCompilation(params string[] sources) => CreateCompilation(sources, []);

    /// <summary>As <see cref="CreateCompilation(string[])"/>, with more metadata references (your own assemblies).</summary>
    public static CSharpCompilation CreateCompilation(IEnumerable<string> sources, IEnumerable<MetadataReference> additionalReferences) =>
        CSharpCompilation.Create("TestAssembly",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, i == 0 ? FilePath : $"Test{i}.cs")),
            References.Concat(additionalReferences),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));

    /// <summary>A driver for the OptGen generator that tracks its incremental steps.</summary>
    public static GeneratorDriver CreateDriver() => CreateDriver(ParseOptions);

    /// <summary>
    /// A driver for the OptGen generator that parses the files it generates with <paramref name="parseOptions"/>: for
    /// example <c>ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose)</c>, so that the compilation also checks
    /// the XML documentation of the generated code, as a project with <c>GenerateDocumentationFile</c> does.
    /// </summary>
    public static GeneratorDriver CreateDriver(CSharpParseOptions parseOptions) =>
        CSharpGeneratorDriver.Create(
            new[] { new OptGenGenerator().AsSourceGenerator() },
            parseOptions: parseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator and the analyzer over <paramref name="sources"/> (the first is <see cref="FilePath"/>).</summary>
    /// <exception cref="InvalidOperationException">The generator or the analyzer threw.</exception>
    public static GeneratorOutput Run(params string[] sources) => Run(CreateDriver(), CreateCompilation(sources));

    /// <summary>
    /// Runs <paramref name="driver"/> (fresh or from an earlier run) over <paramref name="compilation"/>, then the
    /// analyzer over the result (<see cref="Analyze(Compilation, CancellationToken)"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The generator or the analyzer threw.</exception>
    public static GeneratorOutput Run(GeneratorDriver driver, Compilation compilation, CancellationToken cancellationToken = default) =>
        RunAnalyzingTree(driver, compilation, analyzedTree: null, cancellationToken);

    /// <summary>
    /// As <see cref="Run(GeneratorDriver, Compilation, CancellationToken)"/>, but the analyzer looks at
    /// <paramref name="analyzedTree"/> only (as an IDE analyzes one open document; all files when <see langword="null"/>):
    /// for many runs over one input file, it spares binding the generated code a second time.
    /// </summary>
    /// <exception cref="InvalidOperationException">The generator or the analyzer threw.</exception>
    public static GeneratorOutput RunAnalyzingTree(GeneratorDriver driver, Compilation compilation, SyntaxTree? analyzedTree, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(compilation);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics, cancellationToken);
        GeneratorDriverRunResult result = driver.GetRunResult();
        foreach (GeneratorRunResult r in result.Results)
        {
            if (r.Exception is not null)
                throw new InvalidOperationException("The generator threw: " + r.Exception, r.Exception);
        }
        // The generator contains an exception on one class (the class gets its shell and an error at its name, so the
        // compiler keeps the other classes' code); an error it reports is that, and a test must see it as a throw.
        if (diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } failure)
            throw new InvalidOperationException("The generator threw: " + failure);
        var sources = result.Results.SelectMany(r => r.GeneratedSources)
            .ToImmutableDictionary(s => s.HintName, s => s.SourceText.ToString());
        diagnostics = diagnostics.AddRange(analyzedTree is null ? Analyze(output, cancellationToken) : AnalyzeTree(output, analyzedTree, cancellationToken));
        ImmutableArray<Diagnostic> compilationDiagnostics = output.GetDiagnostics(cancellationToken)
            .Where(d => d.Severity != DiagnosticSeverity.Hidden)
            .ToImmutableArray();
        return new GeneratorOutput(driver, compilation, output, sources, diagnostics, compilationDiagnostics);
    }

    /// <summary>
    /// The OPTG diagnostics of <paramref name="compilation"/> (with the generated files in it, as the compiler has it):
    /// what <see cref="OptGenAnalyzer"/> reports, after <c>#pragma warning</c> and the compilation's diagnostic options.
    /// </summary>
    /// <exception cref="InvalidOperationException">The analyzer threw.</exception>
    public static ImmutableArray<Diagnostic> Analyze(Compilation compilation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(compilation);
        return ThrowOnCrash(WithAnalyzer(compilation).GetAnalyzerDiagnosticsAsync(cancellationToken).GetAwaiter().GetResult());
    }

    /// <summary>
    /// The OPTG diagnostics of one file, <paramref name="tree"/>, of <paramref name="compilation"/>: as
    /// <see cref="Analyze(Compilation, CancellationToken)"/>, without analyzing the other files.
    /// </summary>
    /// <exception cref="InvalidOperationException">The analyzer threw.</exception>
    public static ImmutableArray<Diagnostic> AnalyzeTree(Compilation compilation, SyntaxTree tree, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(compilation);
        ArgumentNullException.ThrowIfNull(tree);
        CompilationWithAnalyzers analyzed = WithAnalyzer(compilation);
        return ThrowOnCrash(analyzed.GetAnalyzerSemanticDiagnosticsAsync(analyzed.Compilation.GetSemanticModel(tree), null, cancellationToken).GetAwaiter().GetResult());
    }

    private static CompilationWithAnalyzers WithAnalyzer(Compilation compilation) =>
        compilation.WithAnalyzers([new OptGenAnalyzer()],
            new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));

    private static ImmutableArray<Diagnostic> ThrowOnCrash(ImmutableArray<Diagnostic> diagnostics)
    {
        Diagnostic? crash = diagnostics.FirstOrDefault(d => d.Id == "AD0001");
        if (crash is not null)
            throw new InvalidOperationException("The analyzer threw: " + crash.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        return diagnostics;
    }

    /// <summary>Diagnostics as one readable string, one per line, for assertion messages.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));
}

using System;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using OptGen.Generator;

namespace OptGen.Benchmarks;

/// <summary>
/// The generator's own speed: 50 optimizers from scratch, and a re-run after an unrelated edit; and the analyzer that
/// reports the diagnostics, over the same 50 (what a build adds for it).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _warmDriver = null!;

    [GlobalSetup]
    public void Setup()
    {
        var source = new StringBuilder("using OptGen;\nnamespace Bench;\n");
        for (int i = 0; i < 50; i++)
        {
            source.Append($$""""
                [Optimizer]
                [State("m"), State("v")]
                [Update("""
                    m = Beta1 * m + (1 - Beta1) * g
                    v = Beta2 * v + (1 - Beta2) * g * g
                    u = m / (1 - Beta1^t) / (sqrt(v / (1 - Beta2^t)) + Eps) + {{i}}e-4 * w
                    w -= lr * (norm(w) / (norm(u) + 1e-12)) * u
                    """)]
                public partial class Opt{{i}}
                {
                    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta1 { get; set; }
                    [Hyperparameter(0.999, Min = 0, Max = 1)] public partial float Beta2 { get; set; }
                    [Hyperparameter(1e-8, Min = 0)] public partial float Eps { get; set; }
                    [Hyperparameter(false)] public partial bool Nesterov { get; set; }
                }

                """");
        }
        string refDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = Directory.GetFiles(refDir, "*.dll")
            .Where(f => !f.Contains("Native", StringComparison.Ordinal))
            .Select(f => { try { return MetadataReference.CreateFromFile(f); } catch (BadImageFormatException) { return null; } })
            .Where(r => r is not null).Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(OptimizerAttribute).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(Parameter).Assembly.Location));
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        _compilation = CSharpCompilation.Create("Bench",
            [CSharpSyntaxTree.ParseText(source.ToString(), options), CSharpSyntaxTree.ParseText("class Unrelated { int X => 1; }", options)],
            references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        SyntaxTree unrelated = _compilation.SyntaxTrees[1];
        _edited = _compilation.ReplaceSyntaxTree(unrelated, CSharpSyntaxTree.ParseText("class Unrelated { int X => 2; }", options));
        _warmDriver = NewDriver().RunGenerators(_compilation);
    }

    private static GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create([new OptGenGenerator().AsSourceGenerator()], parseOptions: new CSharpParseOptions(LanguageVersion.Preview));

    [Benchmark(Baseline = true)]
    public GeneratorDriver FiftyOptimizersCold() => NewDriver().RunGenerators(_compilation);

    [Benchmark]
    public GeneratorDriver RerunAfterUnrelatedEdit() => _warmDriver.RunGenerators(_edited);

    // The analyzer driver binds the compilation (here without the generated files) to raise its events, then runs the
    // analyzer's symbol action on each of the 50 classes: extraction, parse and bind, as the generator's front end.
    [Benchmark]
    public int AnalyzerFiftyOptimizers() =>
        _compilation.WithAnalyzers([new OptGen.Generator.Analysis.OptGenAnalyzer()]).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult().Length;
}

using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using OptGen.CodeFixes;
using OptGen.Generator.Analysis;

namespace OptGen.Generator.Tests;

/// <summary>
/// The "did you mean" code fix, through Roslyn's code fix test framework: the analyzer's diagnostic (id, span,
/// message), the fixed source, and that the generator's output lets both versions compile with no other error.
/// </summary>
public class CodeFixTests
{
    // The generator runs too, so the class with the typo compiles (its shell) and the fixed one gets its update.
    private sealed class Test : CSharpCodeFixTest<OptGenAnalyzer, DidYouMeanCodeFixProvider, DefaultVerifier>
    {
        public Test()
        {
            // The references of the generator tests (the SDK's reference pack, OptGen.Attributes, OptGen.Runtime), not a
            // download: the framework resolves no package for a ReferenceAssemblies with none.
            ReferenceAssemblies = new ReferenceAssemblies("net10.0");
            TestState.AdditionalReferences.AddRange(Testing.GeneratorHarness.References);
            TestBehaviors = TestBehaviors.SkipGeneratedSourcesCheck; // the snapshot and shell tests check those
        }

        protected override IEnumerable<Type> GetSourceGenerators() => [typeof(OptGenGenerator)];

        protected override ParseOptions CreateParseOptions() => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Latest);
    }

    // The analyzer and the fix over `source`, whose markup {|#n:...|} places the expected diagnostics; the fix gives `fixedSource`.
    private static Task Verify(string source, string fixedSource, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    // OPTG0002 for `name` at markup location `location`, suggesting `suggestion`.
    private static DiagnosticResult UnknownName(int location, string name, string suggestion) =>
        new DiagnosticResult(DiagnosticDescriptors.UnknownName).WithLocation(location).WithArguments(name, $"; did you mean '{suggestion}'?");

    private const string Typo = """"
        using OptGen;

        [Optimizer]
        [State("m")]
        [Update("""
            m = {|#0:Bta1|} * m + (1 - Beta1) * g
            w -= lr * m
            """)]
        public partial class Momentum
        {
            [Hyperparameter(0.9)] public partial float Beta1 { get; set; }
        }

        public static class Use
        {
            public static long Run(Parameter p)
            {
                var optimizer = new Momentum { LearningRate = 0.1f, Beta1 = 0.8f };
                optimizer.Step(p);
                return optimizer.StepCount;
            }
        }
        """";

    [Fact]
    public async Task OPTG0002_TypoIsReplacedByTheSuggestedNameInsideTheLiteral()
    {
        await Verify(Typo, Typo.Replace("{|#0:Bta1|}", "Beta1", StringComparison.Ordinal), UnknownName(0, "Bta1", "Beta1"));
    }

    [Fact]
    public async Task OPTG0006_UnknownFunctionIsReplacedByTheNearestFunction()
    {
        const string source = """
            using OptGen;

            [Optimizer]
            [Update("w -= lr * g / ({|#0:sqr|}(g * g) + 1e-8)")]
            public partial class Normalised { }
            """;
        await Verify(source, source.Replace("{|#0:sqr|}", "sqrt", StringComparison.Ordinal),
            new DiagnosticResult(DiagnosticDescriptors.UnknownFunction).WithLocation(0).WithArguments("sqr", "; did you mean 'sqrt'?"));
    }

    [Fact]
    public async Task FixAllAppliesEachDiagnosticsOwnSuggestion()
    {
        const string source = """
            using OptGen;

            [Optimizer]
            [State("velocity")]
            [Update("velocity = {|#0:Rhoo|} * {|#1:velocty|} + g; w -= lr * {|#2:velocit|} + 0 * velocity")]
            public partial class Heavy
            {
                [Hyperparameter(0.9)] public partial float Rho { get; set; }
            }
            """;
        var test = new Test
        {
            TestCode = source,
            FixedCode = source.Replace("{|#0:Rhoo|}", "Rho", StringComparison.Ordinal).Replace("{|#1:velocty|}", "velocity", StringComparison.Ordinal)
                .Replace("{|#2:velocit|}", "velocity", StringComparison.Ordinal),
            NumberOfFixAllIterations = 1,
        };
        test.ExpectedDiagnostics.AddRange([UnknownName(0, "Rhoo", "Rho"), UnknownName(1, "velocty", "velocity"), UnknownName(2, "velocit", "velocity")]);
        await test.RunAsync();
    }

    [Fact]
    public async Task NoFixIsOfferedForANameWithNoNearCandidate()
    {
        const string source = """
            using OptGen;

            [Optimizer]
            [Update("w -= lr * {|#0:momentum|}")]
            public partial class Far { }
            """;
        await Verify(source, source, new DiagnosticResult(DiagnosticDescriptors.UnknownName).WithLocation(0).WithArguments("momentum", ""));
    }

    [Fact]
    public async Task NoFixIsOfferedWhenTheSquiggleCannotSitOnTheName()
    {
        // An escape in a regular literal: the formula's characters cannot be mapped, so the diagnostic covers the whole
        // literal and replacing its span with the suggestion would be wrong.
        const string source = """
            using OptGen;

            [Optimizer]
            [State("m")]
            [Update({|#0:"m = 0.9 * m + g\nw -= lr * mm"|})]
            public partial class Escaped { }
            """;
        await Verify(source, source, UnknownName(0, "mm", "m"));
    }
}

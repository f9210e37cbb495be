using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OptGen.Testing;

namespace OptGen.Generator.Tests;

/// <summary>
/// The analyzer reports the OPTG diagnostics, once each, at locations in the syntax tree, so that the compiler's own
/// suppression and severity settings apply to them (the dotnet build of a real project: <see cref="UserProjectBuildTests"/>).
/// </summary>
public class AnalyzerTests
{
    private const string UnusedState = """
        using OptGen;

        [Optimizer]
        [State("unused")]
        [Update("w -= lr * g")]
        public partial class Loud { }
        """;

    [Fact]
    public void TheGeneratorReportsNothingAndTheAnalyzerReportsEachDiagnosticOnce()
    {
        const string source = "using OptGen;\n[Optimizer]\n[State(\"m\")]\n[Update(\"w -= lr * Bta1\")]\npublic partial class Broken { }\n";
        GeneratorOutput output = GeneratorHarness.Run(source);
        Assert.Empty(output.Driver.GetRunResult().Diagnostics);
        Assert.Equal(["OPTG0002", "OPTG0011"], output.GeneratorDiagnostics.Select(d => d.Id).Order());
    }

    [Fact]
    public void EveryLocationIsInTheUsersSyntaxTree()
    {
        const string source = """"
            using OptGen;

            [Optimizer]
            [State("m"), State("m")]
            [Update("""
                m = Bta1 * m + g
                w -= lr * m ) + g
                """)]
            public partial class Broken
            {
                [Hyperparameter(2, Max = 1)] public partial float Beta1 { get; set; }
            }
            """";
        GeneratorOutput output = GeneratorHarness.Run(source);
        SyntaxTree input = output.InputCompilation.SyntaxTrees.Single();
        Assert.Equal(["OPTG0001", "OPTG0002", "OPTG0004", "OPTG0012"], output.GeneratorDiagnostics.Select(d => d.Id).Distinct().Order());
        Assert.All(output.GeneratorDiagnostics, d =>
        {
            Assert.True(d.Location.IsInSource, $"{d.Id} is at {d.Location.Kind}");
            Assert.Same(input, d.Location.SourceTree);
        });
    }

    [Fact]
    public void APragmaSilencesTheWarningOfTheClassItSurroundsOnly()
    {
        const string quiet = """
            using OptGen;

            #pragma warning disable OPTG0011 // kept for a later version of the update
            [Optimizer]
            [State("unused")]
            [Update("w -= lr * g")]
            public partial class Quiet { }
            #pragma warning restore OPTG0011
            """;
        GeneratorOutput output = GeneratorHarness.Run(quiet, UnusedState);
        Diagnostic warning = Assert.Single(output.GeneratorDiagnostics);
        Assert.Equal(("OPTG0011", "Test1.cs"), (warning.Id, warning.Location.GetLineSpan().Path));
        Assert.Empty(GeneratorHarness.Run(quiet).GeneratorDiagnostics);
    }

    [Fact]
    public void SuppressMessageOnTheClassSilencesItsWarning()
    {
        string source = UnusedState.Replace("[Optimizer]", "[Optimizer]\n[System.Diagnostics.CodeAnalysis.SuppressMessage(\"OptGen\", \"OPTG0011\", Justification = \"test\")]");
        Assert.Single(GeneratorHarness.Run(UnusedState).GeneratorDiagnostics);
        Assert.Empty(GeneratorHarness.Run(source).GeneratorDiagnostics);
    }

    [Fact]
    public void TheCompilationsDiagnosticOptionsSetTheSeverity()
    {
        // What <WarningsAsErrors>, -warnaserror+:OPTG0011 and dotnet_diagnostic.OPTG0011.severity come to.
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(UnusedState);
        Diagnostic warning = Assert.Single(GeneratorHarness.Analyze(compilation));
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);

        var asError = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
            ImmutableDictionary<string, ReportDiagnostic>.Empty.Add("OPTG0011", ReportDiagnostic.Error)));
        Diagnostic error = Assert.Single(GeneratorHarness.Analyze(asError));
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);

        var off = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
            ImmutableDictionary<string, ReportDiagnostic>.Empty.Add("OPTG0011", ReportDiagnostic.Suppress)));
        Assert.Empty(GeneratorHarness.Analyze(off));
    }

    [Fact]
    public void ADiagnosticAboutAnotherPartialDeclarationIsInThatFile()
    {
        const string first = "using OptGen;\n[Optimizer]\n[Update(\"w -= lr * K * g\")]\npublic partial class Split { }\n";
        const string second = "using OptGen;\npublic partial class Split\n{\n    [Hyperparameter(5, Max = 1)] public partial float K { get; set; }\n}\n";
        GeneratorOutput output = GeneratorHarness.Run(first, second);
        Diagnostic d = Assert.Single(output.GeneratorDiagnostics, d => d.Id == "OPTG0012");
        Assert.Same(output.InputCompilation.SyntaxTrees.ElementAt(1), d.Location.SourceTree);
        Assert.Equal("K", d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length));
    }

    [Fact]
    public void MembersTheGeneratorWroteAreNotTakenForTheUsers()
    {
        // The analyzer runs over the compilation with the generated file in it: LearningRate, Step, MaxGradientNorm
        // and the rest are declared there, and must not be reported as user members named like generated ones.
        const string transforms = """
            using OptGen;

            [Optimizer]
            [ClipGradientNorm, SkipNonFinite, WeightEma, AccumulateGradients(2)]
            [Update("w -= lr * g")]
            public partial class Transformed { }
            """;
        GeneratorOutput output = GeneratorHarness.Run(transforms, Samples.Adam, Samples.WarmupCosine);
        Assert.Equal(3, output.Sources.Count);
        Assert.Contains("MaxGradientNorm", output.Sources["Transformed.g.cs"], System.StringComparison.Ordinal);
        Assert.Empty(output.AllDiagnostics);
    }

    [Fact]
    public void AClassInAFileMarkedGeneratedIsStillAnalyzed()
    {
        GeneratorOutput output = GeneratorHarness.Run("// <auto-generated/>\n" + UnusedState);
        Assert.Equal("OPTG0011", Assert.Single(output.GeneratorDiagnostics).Id);
    }
}

using System.Threading;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OptGen.Generator.Model;
using OptGen.Generator.Tests.Harness;
using OptGen.Generator.Tests.Reliability;
using OptGen.Testing;

namespace OptGen.Generator.Tests;

/// <summary>
/// The generator's own failure on one class (an exception in planning or emitting, a bug of ours) is contained:
/// that class gets its shell and an OPTG0090 at its name, and the exception does not leave the generator, where the
/// compiler would drop the output for every class of the project (CS8785).
/// </summary>
public class GeneratorFailureTests
{
    private const string Declaration = """
        using OptGen;

        namespace Demo;

        [Optimizer]
        [State("m")]
        [Update("m = 0.9 * m + g; w -= lr * m")]
        public partial class Momentum { }

        public static class Use
        {
            public static float Rate() => new Momentum { LearningRate = 0.5f }.LearningRate;

            public static void Step() => new Momentum().Step(new Parameter(new float[] { 1, 2 }));
        }
        """;

    private static ClassSpec Spec() => SpecExtraction.Extract(Declaration, "Momentum")!;

    // The class's stages replaced by one that throws as a bug in the planner would.
    private static GenerationResult Failing() =>
        FormulaCompiler.Contain(Spec(), "Demo.Momentum.g.cs", () => throw new KeyNotFoundException("The given key 'v#2' was not present in the dictionary.\n   at Planner.Build"));

    [Fact]
    public void OPTG0090_AThrowingStageGivesAnErrorNamingTheClassAndTheException()
    {
        GenerationResult result = Failing();
        DiagnosticInfo failure = Assert.IsType<DiagnosticInfo>(result.Failure);
        Assert.Equal("OPTG0090", failure.Id);
        // The nearest named frame of the generator's: here Contain itself, since the throwing stage is a test's lambda.
        Assert.Equal(["Momentum", "KeyNotFoundException in FormulaCompiler.Contain", "The given key 'v#2' was not present in the dictionary."], failure.Arguments);
        Assert.Equal(Spec().Location, failure.Location);
        Assert.Equal("Demo.Momentum.g.cs", result.HintName);
    }

    [Fact]
    public void TheFailingClassGetsItsShellSoCodeThatUsesItCompilesAndStepThrows()
    {
        GenerationResult result = Failing();
        Assert.NotNull(result.Source);
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Declaration, result.Source!);
        Diagnostic[] problems = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, GeneratorHarness.Describe(problems));

        Type use = GeneratorRuns.Load(compilation).GetType("Demo.Use", throwOnError: true)!;
        Assert.Equal(0.5f, use.GetMethod("Rate")!.Invoke(null, null));
        var thrown = Assert.Throws<TargetInvocationException>(() => use.GetMethod("Step")!.Invoke(null, null));
        InvalidOperationException e = Assert.IsType<InvalidOperationException>(thrown.InnerException);
        Assert.Contains("OPTG0090", e.Message, StringComparison.Ordinal);
        Assert.Contains("KeyNotFoundException", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFailureIsAnErrorAtTheClassName()
    {
        Diagnostic diagnostic = Failing().Failure!.ToFileDiagnostic();
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        FileLinePositionSpan at = diagnostic.Location.GetLineSpan();
        int line = Declaration.Split('\n').ToList().FindIndex(l => l.Contains("class Momentum", StringComparison.Ordinal));
        Assert.Equal(line, at.StartLinePosition.Line);
        Assert.Equal("Momentum", Declaration.Split('\n')[line].Substring(at.StartLinePosition.Character, "Momentum".Length));
        Assert.StartsWith("OptGen failed while generating 'Momentum' (KeyNotFoundException in FormulaCompiler.Contain: The given key", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheReportNamesTheNearestNamedMethodOfTheGeneratorOnTheStack()
    {
        GenerationResult result = FormulaCompiler.Contain(Spec(), "Demo.Momentum.g.cs", () => ThrowLikeAStage());
        // The method that threw, not the lambda that called it.
        Assert.Equal("InvalidOperationException in GeneratorFailureTests.ThrowLikeAStage", result.Failure!.Arguments[1]);
        Assert.Null(FormulaCompiler.ThrowingMethod(new InvalidOperationException())); // never thrown: no stack
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static string ThrowLikeAStage() => throw new InvalidOperationException("a stage's bug");

    [Fact]
    public void CancellationIsNotContained() =>
        Assert.Throws<OperationCanceledException>(() => FormulaCompiler.Contain(Spec(), "Demo.Momentum.g.cs", () => throw new OperationCanceledException()));

    // A project with a class whose generation throws (FormulaCompiler.FailingClassForTests names it; no other test
    // declares Demo.ThrowsInGeneratorFailureTests) and an ordinary one.
    private const string TwoClasses = Declaration + """

        [Optimizer]
        [Update("w -= lr * g")]
        public partial class ThrowsInGeneratorFailureTests { }

        public static class UseFailing
        {
            public static void Step() => new ThrowsInGeneratorFailureTests().Step(new Parameter(new float[] { 1, 2 }));
        }
        """;

    private static (Compilation Output, ImmutableArray<Diagnostic> Reported, GeneratorRunResult Run) RunThroughThePipeline()
    {
        FormulaCompiler.FailingClassForTests = "Demo.ThrowsInGeneratorFailureTests";
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(
            GeneratorHarness.CreateCompilation(TwoClasses), out Compilation output, out ImmutableArray<Diagnostic> reported);
        return (output, reported, driver.GetRunResult().Results.Single());
    }

    [Fact]
    public void ThroughThePipelineTheOtherClassesAreGeneratedAndOnlyTheFailingOneGetsItsShell()
    {
        (Compilation output, ImmutableArray<Diagnostic> reported, GeneratorRunResult run) = RunThroughThePipeline();
        Assert.Null(run.Exception);
        Diagnostic failure = Assert.Single(reported);
        Assert.Equal("OPTG0090", failure.Id);
        Assert.Contains("'ThrowsInGeneratorFailureTests' (InvalidOperationException in FormulaCompiler.Contain: failing for a test)", failure.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("void Step(", run.GeneratedSources.Single(s => s.HintName == "Demo.Momentum.g.cs").SourceText.ToString(), StringComparison.Ordinal);
        Assert.Contains(GeneratorRuns.ShellMarker, run.GeneratedSources.Single(s => s.HintName == "Demo.ThrowsInGeneratorFailureTests.g.cs").SourceText.ToString(), StringComparison.Ordinal);
        // No CS8785 and nothing else from the compiler: the code that uses both classes compiles.
        Diagnostic[] problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, GeneratorHarness.Describe(problems));
    }

    [Fact]
    public void TheHarnessReportsTheFailureAsTheGeneratorThrowing()
    {
        FormulaCompiler.FailingClassForTests = "Demo.ThrowsInGeneratorFailureTests";
        var e = Assert.Throws<InvalidOperationException>(() => GeneratorHarness.Run(TwoClasses));
        Assert.StartsWith("The generator threw: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("OPTG0090", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AClassThatGeneratesHasNoFailure()
    {
        GenerationResult result = FormulaCompiler.Compile(Spec(), CancellationToken.None);
        Assert.Null(result.Failure);
        Assert.Contains("partial class Momentum", result.Source, StringComparison.Ordinal);
        Assert.DoesNotContain(GeneratorHarness.Run(Declaration).GeneratorDiagnostics, d => d.Id == "OPTG0090");
    }
}

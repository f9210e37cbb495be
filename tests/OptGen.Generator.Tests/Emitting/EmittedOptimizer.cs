using OptGen.Generator.Tests.Reliability;
using OptGen.Testing;

namespace OptGen.Generator.Tests.Emitting;

/// <summary>The generated source of a small optimizer, for the tests that read what the emitter wrote, or run it.</summary>
internal static class EmittedOptimizer
{
    /// <summary>
    /// The one generated file of <c>partial class Opt</c> with <paramref name="states"/> (attributes), the
    /// <paramref name="update"/> and the class's <paramref name="members"/> (hyperparameters); fails on a generator error.
    /// </summary>
    public static string Generate(string states, string update, string members = "")
    {
        GeneratorOutput output = GeneratorHarness.Run(Source(states, update, members));
        Assert.DoesNotContain(output.GeneratorDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        return output.Single;
    }

    /// <summary>The same class compiled and loaded: an instance of it; fails on any error, the generator's or the compiler's.</summary>
    public static IOptimizer Create(string states, string update, string members = "")
    {
        GeneratorOutput run = GeneratorRuns.Generate(Source(states, update, members));
        Assert.DoesNotContain(run.GeneratorDiagnostics.Concat(run.CompilationDiagnostics), d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        return (IOptimizer)Activator.CreateInstance(GeneratorRuns.Load(run).GetType("Opt", throwOnError: true)!)!;
    }

    private static string Source(string states, string update, string members) => $$""""
        using OptGen;

        [Optimizer(LearningRate = 0.01)]
        {{states}}
        [Update("""
        {{update}}
        """)]
        public partial class Opt
        {
        {{members}}
        }
        """";
}

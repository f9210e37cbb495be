using OptGen.Testing;

namespace OptGen.Generator.Tests.Emitting;

/// <summary>The generated source of a small optimizer, for the tests that read what the emitter wrote.</summary>
internal static class EmittedOptimizer
{
    /// <summary>
    /// The one generated file of <c>partial class Opt</c> with <paramref name="states"/> (attributes), the
    /// <paramref name="update"/> and the class's <paramref name="members"/> (hyperparameters); fails on a generator error.
    /// </summary>
    public static string Generate(string states, string update, string members = "")
    {
        string source = $$""""
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
        GeneratorOutput output = GeneratorHarness.Run(source);
        Assert.DoesNotContain(output.GeneratorDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        return output.Single;
    }
}

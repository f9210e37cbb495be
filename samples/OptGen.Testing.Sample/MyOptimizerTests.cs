using OptGen.Testing;
using Xunit;

namespace OptGen.Testing.Sample;

/// <summary>Tests of an optimizer declaration as a user of OptGen would write them.</summary>
public class MyOptimizerTests
{
    // The declaration under test, as it appears in the user's project.
    private const string Source = """"
        using OptGen;

        namespace MyProject;

        /// <summary>Adam with decoupled weight decay and a clipped update.</summary>
        [Optimizer(LearningRate = 1e-3)]
        [State("m"), State("v")]
        [Update("""
            m = Beta1 * m + (1 - Beta1) * g
            v = Beta2 * v + (1 - Beta2) * g * g
            u = clamp((m / (1 - Beta1^t)) / (sqrt(v / (1 - Beta2^t)) + Eps), -Clip, Clip)
            w -= lr * (u + Decay * w)
            """)]
        public partial class ClippedAdamW
        {
            [Hyperparameter(0.9, Min = 0, Max = 1)]   public partial float Beta1 { get; set; }
            [Hyperparameter(0.999, Min = 0, Max = 1)] public partial float Beta2 { get; set; }
            [Hyperparameter(1e-8, Min = 0)]           public partial float Eps { get; set; }
            [Hyperparameter(0.01, Min = 0)]           public partial float Decay { get; set; }
            [Hyperparameter(1.0, Min = 0)]            public partial float Clip { get; set; }
        }
        """";

    [Fact]
    public void Generates_one_file_without_diagnostics()
    {
        GeneratorOutput output = GeneratorHarness.Run(Source);
        Assert.True(output.AllDiagnostics.IsEmpty, GeneratorHarness.Describe(output.AllDiagnostics));
        Assert.Equal(["MyProject.ClippedAdamW.g.cs"], output.Sources.Keys);
    }

    [Fact]
    public void Generated_code_matches_the_snapshot() =>
        // Snapshots/MyProject.ClippedAdamW.g.verified.txt; a change writes a .received.txt next to it and fails with a diff.
        SnapshotVerifier.VerifyAll(GeneratorHarness.Run(Source));

    [Fact]
    public void A_bad_formula_is_reported_at_the_formula()
    {
        GeneratorOutput output = GeneratorHarness.Run(Source.Replace("Decay * w", "Decy * w", System.StringComparison.Ordinal));
        var error = Assert.Single(output.GeneratorDiagnostics);
        Assert.StartsWith("OPTG", error.Id, System.StringComparison.Ordinal);
        Assert.Contains("Decy", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        // The squiggle covers the unknown name inside the string.
        Assert.Equal("Decy", Source.Replace("Decay * w", "Decy * w", System.StringComparison.Ordinal).Substring(error.Location.SourceSpan.Start, error.Location.SourceSpan.Length));
        // The class still gets its members (a shell whose Step throws), so the error is the only one the user sees.
        Assert.Empty(output.CompilationDiagnostics);
    }
}

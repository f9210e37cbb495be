using OptGen.Testing;

namespace OptGen.Generator.Tests;

/// <summary>The generated code of representative declarations, compared with reviewed snapshots in Snapshots/.</summary>
public class SnapshotTests
{
    private static void Check(string source, string name)
    {
        GeneratorOutput output = GeneratorHarness.Run(source);
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Empty(output.CompilationDiagnostics);
        SnapshotVerifier.Verify(output.Single, name);
    }

    /// <summary>The samples snapshotted, by their names in <see cref="Samples"/> (and of their .verified.txt files).</summary>
    public static TheoryData<string> Snapshotted => new(
        nameof(Samples.Adam), nameof(Samples.AdamBf16), nameof(Samples.SgdMomentum), nameof(Samples.Lamb), nameof(Samples.ClippedSgd), nameof(Samples.NoisyPolyak), nameof(Samples.WarmupCosine));

    [Theory]
    [MemberData(nameof(Snapshotted))]
    public void TheGeneratedCodeMatchesItsSnapshot(string sample) =>
        Check((string)typeof(Samples).GetField(sample)!.GetValue(null)!, sample);

    [Fact]
    public void TheSpecsAdamGeneratesAtMost8000Bytes()
    {
        // The loop machinery lives in the runtime's driver: a kernel is its element body, its splats and its prefetch.
        // Samples.Adam is the formula and hyperparameters of the spec's MyAdam (DSL.md §1).
        GeneratorOutput output = GeneratorHarness.Run(Samples.Adam);
        int bytes = System.Text.Encoding.UTF8.GetByteCount(output.Single);
        Assert.True(bytes <= 8000, $"The spec's Adam generates {bytes} bytes (at most 8,000).");
    }
}

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

    [Fact]
    public void Adam() => Check(Samples.Adam, nameof(Adam));

    [Fact]
    public void SgdMomentum() => Check(Samples.SgdMomentum, nameof(SgdMomentum));

    [Fact]
    public void Lamb() => Check(Samples.Lamb, nameof(Lamb));

    [Fact]
    public void ClippedSgd() => Check(Samples.ClippedSgd, nameof(ClippedSgd));

    [Fact]
    public void NoisyPolyak() => Check(Samples.NoisyPolyak, nameof(NoisyPolyak));

    [Fact]
    public void WarmupCosine() => Check(Samples.WarmupCosine, nameof(WarmupCosine));
}

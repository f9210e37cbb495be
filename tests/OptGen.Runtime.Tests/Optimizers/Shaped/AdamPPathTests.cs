namespace OptGen.Runtime.Tests.Optimizers.Shaped;

/// <summary>The AdamP cases reach every path of timm's projection, so matching the reference covers each of them.</summary>
public class AdamPPathTests
{
    private static int[] PathsOf(string name) => ShapedReferenceTests.Run(ShapedCases.Get(name))
        .OfType<AdamPReference>()
        .Aggregate(new int[3], (sum, r) => sum.Zip(r.Paths, (a, b) => a + b).ToArray());

    [Fact]
    public void TheMixedCaseProjectsPerChannelPerLayerAndNotAtAll()
    {
        int[] paths = PathsOf("AdamP/mixed-projection");
        Assert.True(paths.All(p => p > 0), $"steps without projection, per channel, per layer: {string.Join(", ", paths)}");
    }

    [Fact]
    public void TheCautiousCaseProjectsPerChannelPerLayerAndNotAtAll()
    {
        int[] paths = PathsOf("AdamP/cautious");
        Assert.True(paths.All(p => p > 0), $"steps without projection, per channel, per layer: {string.Join(", ", paths)}");
    }

    [Fact]
    public void TheChannelCaseProjectsEveryMatrixPerChannel()
    {
        int[] paths = PathsOf("AdamP/channel-projection");
        Assert.True(paths[0] == 0 && paths[2] == 0 && paths[1] > 0, $"steps without projection, per channel, per layer: {string.Join(", ", paths)}");
    }
}

namespace OptGen.Runtime.Tests.Optimizers.Shaped;

/// <summary>
/// The AdamP and SgdP cases reach every path of timm's projection, so matching the reference covers each of them.
/// </summary>
public class SphericalProjectionPathTests
{
    // Steps without projection, per channel and per layer, summed over the case's tensors.
    private static int[] PathsOf(string name) => ShapedReferenceTests.Run(ShapedCases.Get(name))
        .Select(r => r switch { AdamPReference a => a.Paths, SgdPReference s => s.Paths, _ => new int[3] })
        .Aggregate(new int[3], (sum, paths) => sum.Zip(paths, (a, b) => a + b).ToArray());

    [Theory]
    [InlineData("AdamP/mixed-projection")]
    [InlineData("AdamP/cautious")]
    [InlineData("SgdP/mixed-projection")]
    [InlineData("SgdP/cautious")]
    public void TheMixedCasesProjectPerChannelPerLayerAndNotAtAll(string name)
    {
        int[] paths = PathsOf(name);
        Assert.True(paths.All(p => p > 0), $"steps without projection, per channel, per layer: {string.Join(", ", paths)}");
    }

    [Theory]
    [InlineData("AdamP/channel-projection")]
    [InlineData("SgdP/channel-projection")]
    public void TheChannelCasesProjectEveryMatrixPerChannel(string name)
    {
        int[] paths = PathsOf(name);
        Assert.True(paths[0] == 0 && paths[2] == 0 && paths[1] > 0, $"steps without projection, per channel, per layer: {string.Join(", ", paths)}");
    }
}

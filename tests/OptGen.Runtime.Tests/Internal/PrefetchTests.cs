using OptGen.Internal;

namespace OptGen.Runtime.Tests.Internal;

/// <summary>
/// Which element passes prefetch (Internal/Kernels/Prefetch.cs): at 512 bits only those with a bfloat16 stream (an fp32
/// pass streams as fast without the hints, a bfloat16 one needs them); at narrower widths every pass.
/// </summary>
public class PrefetchTests
{
    [Fact]
    public void At512BitsOnlyPassesWithABFloat16StreamPrefetch()
    {
        Assert.False(Kernels.ElementPassPrefetches(hasBFloat16Stream: false, lanes: 16));
        Assert.True(Kernels.ElementPassPrefetches(hasBFloat16Stream: true, lanes: 16));
        Assert.True(Kernels.ElementPassPrefetches(hasBFloat16Stream: false, lanes: 8));
        Assert.True(Kernels.ElementPassPrefetches(hasBFloat16Stream: false, lanes: 4));
        Assert.True(Kernels.ElementPassPrefetches(hasBFloat16Stream: true, lanes: 8));
    }
}

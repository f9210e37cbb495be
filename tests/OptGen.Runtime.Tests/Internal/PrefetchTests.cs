using OptGen.Internal;
using OptGen.Runtime.Tests.Kernel;

namespace OptGen.Runtime.Tests.Internal;

/// <summary>
/// Which element passes prefetch (Internal/Kernels/Prefetch.cs): by default at 512 bits only those with a bfloat16
/// stream (an fp32 pass streams as fast without the hints on the Zen 4, a bfloat16 one needs them), at narrower widths
/// every pass; <see cref="SimdPolicy.PrefetchElementPasses"/> overrides both ways, and changes no result. In the policy
/// collection: the setting is process-wide.
/// </summary>
[Collection(SimdPolicyCollection.Name)]
public class PrefetchTests
{
    [Fact]
    public void At512BitsOnlyPassesWithABFloat16StreamPrefetch()
    {
        Assert.Null(SimdPolicy.PrefetchElementPasses);
        foreach (bool bf16 in new[] { false, true })
        {
            foreach (int lanes in new[] { 1, 4, 8, 16 })
                Assert.Equal(Kernels.DefaultElementPassPrefetch(bf16, lanes), Kernels.ElementPassPrefetches(bf16, lanes));
        }
        Assert.False(Kernels.DefaultElementPassPrefetch(hasBFloat16Stream: false, lanes: 16));
        Assert.True(Kernels.DefaultElementPassPrefetch(hasBFloat16Stream: true, lanes: 16));
        Assert.True(Kernels.DefaultElementPassPrefetch(hasBFloat16Stream: false, lanes: 8));
        Assert.True(Kernels.DefaultElementPassPrefetch(hasBFloat16Stream: false, lanes: 4));
        Assert.True(Kernels.DefaultElementPassPrefetch(hasBFloat16Stream: true, lanes: 8));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ThePolicySettingDecidesForEveryPass(bool prefetch)
    {
        using var policy = new SimdPolicyScope();
        SimdPolicy.PrefetchElementPasses = prefetch;
        foreach (bool bf16 in new[] { false, true })
        {
            foreach (int lanes in new[] { 1, 4, 8, 16 })
                Assert.Equal(prefetch, Kernels.ElementPassPrefetches(bf16, lanes));
        }
    }

    public static IEnumerable<object[]> Optimizers() => new[] { "fp32", "bf16" }.Select(n => new object[] { n });

    /// <summary>
    /// The same steps with prefetching forced on, forced off and left to the policy give the same bits, at every width,
    /// on tensors long enough to prefetch (from 32 Ki elements) and on a short one; fp32 and bfloat16 state.
    /// </summary>
    [Theory]
    [MemberData(nameof(Optimizers))]
    public void PrefetchingChangesNoResult(string state)
    {
        int[] lengths = [100_003, 40_000, 77];
        Func<IOptimizer> create = state == "bf16" ? () => new TestAdamBf16 { LearningRate = 0.01f } : () => new TestAdam { LearningRate = 0.01f };
        foreach (int bits in new[] { 512, 256, 128 })
        {
            float[][] policy = SimdPolicyScope.With(() => Train(create(), lengths), bits: bits, threads: 1);
            foreach (bool prefetch in new[] { true, false })
            {
                float[][] forced = SimdPolicyScope.With(() =>
                {
                    SimdPolicy.PrefetchElementPasses = prefetch;
                    return Train(create(), lengths);
                }, bits: bits, threads: 1);
                for (int k = 0; k < lengths.Length; k++)
                    Assert.True(policy[k].AsSpan().SequenceEqual(forced[k]), $"{state} Adam at {bits} bits, prefetch {prefetch}: tensor {k} differs");
            }
        }
    }

    private static float[][] Train(IOptimizer optimizer, int[] lengths)
    {
        Parameter[] ps = KernelCheck.MakeParameters(lengths);
        for (int step = 1; step <= 5; step++)
        {
            KernelCheck.SetGradients(ps, step);
            optimizer.Step(ps);
        }
        return ps.Select(p => p.Value.ToArray()).ToArray();
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using OptGen.Runtime.Tests.Kernel;
using OptGen.Runtime.Tests.Support;
using OptGen.Runtime.Tests.TestOptimizers;
using Xunit;

namespace OptGen.Runtime.Tests;

/// <summary>
/// Large tensors are split across cores. With the threshold lowered so small tensors split too, every kernel case
/// still matches its float64 reference (chunk boundaries, ragged chunk tails, partial reductions combined), and an
/// element-wise optimizer gives bit-identical results to the single-threaded step.
/// </summary>
[Collection(SimdPolicyCollection.Name)]
public class ParallelStepTests
{
    public static IEnumerable<object[]> Cases() => KernelCases.All.Select(c => new object[] { c.Name });

    private static T WithPolicy<T>(int threshold, int maxThreads, Func<T> body)
    {
        int savedThreshold = SimdPolicy.ParallelThreshold, savedThreads = SimdPolicy.MaxThreads;
        try
        {
            SimdPolicy.ParallelThreshold = threshold;
            SimdPolicy.MaxThreads = maxThreads;
            return body();
        }
        finally
        {
            SimdPolicy.ParallelThreshold = savedThreshold;
            SimdPolicy.MaxThreads = savedThreads;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Split_steps_match_the_reference(string name)
    {
        long before = OptGen.Internal.ParallelRunner.SplitRuns;
        string? failure = WithPolicy(64, int.MaxValue, () => KernelCheck.Check(KernelCases.Named(name), [1000, 77, 130, 1, 4099]));
        Assert.Null(failure);
        if (OptGen.Internal.ParallelRunner.WorkerCount > 0)
            Assert.True(OptGen.Internal.ParallelRunner.SplitRuns > before, "no pass was split across threads");
    }

    [Fact]
    public void Split_elementwise_step_is_bit_identical_to_one_core()
    {
        float[] Run(int threads) => WithPolicy(1 << 10, threads, () =>
        {
            Parameter[] ps = KernelCheck.MakeParameters([100_003]);
            var opt = new TestAdam { LearningRate = 0.01f };
            for (int step = 1; step <= 3; step++)
            {
                KernelCheck.SetGradients(ps, step);
                opt.Step(ps);
            }
            return ps[0].Value.ToArray();
        });
        float[] one = Run(1), many = Run(int.MaxValue);
        Assert.Equal(one.Length, many.Length);
        Assert.True(one.AsSpan().SequenceEqual(many), "a split step changed some element's result");
    }

    [Fact]
    public void Split_steps_allocate_nothing_after_the_first()
    {
        long allocated = WithPolicy(1 << 10, int.MaxValue, () =>
        {
            Parameter[] ps = KernelCheck.MakeParameters([50_000, 3000]);
            var opt = new TestLamb { LearningRate = 0.01f };
            KernelCheck.SetGradients(ps, 1);
            opt.Step(ps);
            opt.Step(ps);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 50; i++)
                opt.Step(ps);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        });
        Assert.Equal(0, allocated);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using OptGen.Internal;
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

    [Fact]
    public void A_large_tensor_is_cut_into_more_chunks_than_threads_but_at_most_MaxChunks()
    {
        WithPolicy(1 << 18, int.MaxValue, () =>
        {
            Assert.Equal(1, ParallelRunner.ChunksFor((1 << 18) - 1));
            int threads = ParallelRunner.WorkerCount + 1;
            if (threads > 1)
            {
                Assert.Equal(Math.Max(threads, 4), ParallelRunner.ChunksFor(1 << 18));
                Assert.Equal(ParallelRunner.MaxChunks, ParallelRunner.ChunksFor(1 << 20));
                Assert.Equal(ParallelRunner.MaxChunks, ParallelRunner.ChunksFor(int.MaxValue));
            }
            return 0;
        });
        Assert.Equal(1, WithPolicy(1 << 18, 1, () => ParallelRunner.ChunksFor(1 << 24)));
    }

    private sealed class CountingJob : IChunkJob
    {
        public readonly int[] Runs = new int[ParallelRunner.MaxChunks];
        public int ThrowAt = -1;

        public void RunChunk(int chunk)
        {
            Interlocked.Increment(ref Runs[chunk]);
            if (chunk == ThrowAt)
                throw new InvalidOperationException("chunk " + chunk);
            Thread.SpinWait(50 * (chunk + 1));
        }
    }

    [Fact]
    public void Every_chunk_runs_exactly_once_in_back_to_back_and_spaced_runs()
    {
        // Alternating jobs, back to back (the worker is spinning) and after pauses (the worker has blocked): a worker
        // that sees a run late must neither run a chunk twice nor run a chunk of the next job with the old one.
        var jobs = new[] { new CountingJob(), new CountingJob() };
        for (int run = 0; run < 20_000; run++)
        {
            CountingJob job = jobs[run & 1];
            int chunks = 2 + run % (ParallelRunner.MaxChunks - 1);
            Array.Clear(job.Runs);
            ParallelRunner.Run(job, chunks);
            for (int c = 0; c < ParallelRunner.MaxChunks; c++)
                Assert.True(job.Runs[c] == (c < chunks ? 1 : 0), $"run {run}: chunk {c} of {chunks} ran {job.Runs[c]} times");
            if (run % 2000 == 1999)
                Thread.Sleep(2);
        }
    }

    [Fact]
    public void A_failing_chunk_throws_after_all_chunks_ran_and_the_next_run_works()
    {
        var job = new CountingJob { ThrowAt = 5 };
        var e = Assert.Throws<InvalidOperationException>(() => ParallelRunner.Run(job, 8));
        Assert.Equal("chunk 5", e.Message);
        Assert.All(job.Runs, r => Assert.Equal(1, r));
        job.ThrowAt = -1;
        Array.Clear(job.Runs);
        ParallelRunner.Run(job, 8);
        Assert.All(job.Runs, r => Assert.Equal(1, r));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParallelRunner.Run(job, ParallelRunner.MaxChunks + 1));
    }

    [Fact]
    public void Eight_chunk_steps_match_one_core_bit_for_bit_elementwise_and_closely_with_norms()
    {
        (float[] Adam, float[] Lamb) Run(int threads) => WithPolicy(1 << 10, threads, () =>
        {
            Parameter[] ps = KernelCheck.MakeParameters([600_001, 5]);
            Parameter[] ls = KernelCheck.MakeParameters([600_001, 5]);
            var adam = new OptGen.Optimizers.Adam { LearningRate = 0.01f, Amsgrad = true };
            var lamb = new TestLamb { LearningRate = 0.01f };
            for (int step = 1; step <= 3; step++)
            {
                KernelCheck.SetGradients(ps, step);
                KernelCheck.SetGradients(ls, step);
                adam.Step(ps);
                lamb.Step(ls);
            }
            return (ps[0].Value.ToArray(), ls[0].Value.ToArray());
        });
        if (ParallelRunner.WorkerCount > 0)
            Assert.Equal(ParallelRunner.MaxChunks, WithPolicy(1 << 10, int.MaxValue, () => ParallelRunner.ChunksFor(600_001)));
        var one = Run(1);
        long before = ParallelRunner.SplitRuns;
        var many = Run(int.MaxValue);
        if (ParallelRunner.WorkerCount > 0)
            Assert.True(ParallelRunner.SplitRuns > before, "no pass was split across threads");
        Assert.True(one.Adam.AsSpan().SequenceEqual(many.Adam), "a split Adam step changed some element's result");
        for (int i = 0; i < one.Lamb.Length; i++)
            Assert.True(KernelCheck.Close(many.Lamb[i], one.Lamb[i]), $"LAMB element {i}: split {many.Lamb[i]} vs one core {one.Lamb[i]}");
    }

    [Fact]
    public void Split_steps_allocate_nothing_on_any_thread()
    {
        // Counts the workers' allocations too. The test host may allocate on its own threads meanwhile, so a nonzero
        // count is retried: an allocation per step would show every time.
        long allocated = WithPolicy(1 << 10, int.MaxValue, () =>
        {
            Parameter[] ps = KernelCheck.MakeParameters([600_000, 3000]);
            var opt = new TestLamb { LearningRate = 0.01f };
            KernelCheck.SetGradients(ps, 1);
            opt.Step(ps);
            opt.Step(ps);
            long least = long.MaxValue;
            for (int attempt = 0; attempt < 3 && least > 0; attempt++)
            {
                long before = GC.GetTotalAllocatedBytes(precise: true);
                for (int i = 0; i < 50; i++)
                    opt.Step(ps);
                // Pauses longer than the workers' spin: they block and are woken through their events.
                for (int i = 0; i < 10; i++)
                {
                    Thread.Sleep(1);
                    opt.Step(ps);
                }
                least = Math.Min(least, GC.GetTotalAllocatedBytes(precise: true) - before);
            }
            return least;
        });
        Assert.Equal(0, allocated);
    }
}

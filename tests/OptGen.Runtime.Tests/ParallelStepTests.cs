using System.Threading;
using OptGen.Internal;
using OptGen.Runtime.Tests.Kernel;

namespace OptGen.Runtime.Tests;

/// <summary>
/// Large tensors are cut into chunks by length and split across cores. With small chunks and a low threshold, every
/// kernel case still matches its float64 reference, and every optimizer — reductions included — gives bit-identical
/// results on one thread and on all of them.
/// </summary>
[Collection(SimdPolicyCollection.Name)]
public class ParallelStepTests
{
    public static IEnumerable<object[]> Cases() => KernelCases.All.Select(c => new object[] { c.Name });

    [Theory]
    [MemberData(nameof(Cases))]
    public void SplitStepsMatchTheReference(string name)
    {
        long before = ParallelRunner.SplitRuns;
        string? failure = Policy.With(() => KernelCheck.Check(KernelCases.Named(name), [1000, 77, 130, 1, 4099]), threshold: 64, chunk: 64);
        Assert.Null(failure);
        if (ParallelRunner.WorkerCount > 0)
            Assert.True(ParallelRunner.SplitRuns > before, "no pass was split across threads");
    }

    public static IEnumerable<object[]> BitIdentityCases() => new[]
    {
        "Adam/tuned", "Sgd/nesterov", "Lamb/defaults", "ClippedSgd/clipping", "KitchenSink/tuned", "TwoPhase/defaults", "Powers/defaults",
    }.Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(BitIdentityCases))]
    public void AnyThreadCountGivesTheBitsOfOneThread(string name)
    {
        // 100,003 elements in chunks of 1,024: 98 chunks claimed by however many threads run, norms summed per chunk.
        AssertAllThreadsGiveTheBitsOfOne(name, [100_003, 70, 1], chunk: 1024);
    }

    // Five steps on one thread and on all (split from 1,024 elements): the same weights, bit for bit.
    private static void AssertAllThreadsGiveTheBitsOfOne(string name, int[] lengths, int chunk)
    {
        float[][] one = Policy.With(() => Train(name, lengths), threads: 1, threshold: 1024, chunk: chunk);
        long before = ParallelRunner.SplitRuns;
        float[][] many = Policy.With(() => Train(name, lengths), threshold: 1024, chunk: chunk);
        if (ParallelRunner.WorkerCount > 0)
            Assert.True(ParallelRunner.SplitRuns > before, "no pass was split across threads");
        for (int k = 0; k < one.Length; k++)
            Assert.True(one[k].AsSpan().SequenceEqual(many[k]), $"{name}: tensor {k} differs between one thread and all threads");
    }

    /// <summary>
    /// At the default chunk length a pass without reductions is cut for balance (<see cref="Kernels.ElementChunkLength"/>),
    /// not by length alone: a tensor of 200,704 elements (an MNIST MLP's first layer), eight chunks on 2 threads rather
    /// than three and a sliver; still the bits of one thread, beside the passes with reductions that keep their chunks.
    /// </summary>
    [Theory]
    [InlineData("Adam/tuned")]
    [InlineData("KitchenSink/tuned")]
    public void BalancedChunksGiveTheBitsOfOneThread(string name) =>
        AssertAllThreadsGiveTheBitsOfOne(name, [200_704, 70_000, 5], chunk: 1 << 16); // the default chunk length

    /// <summary>
    /// About four chunks per thread, whole multiples of 64 elements, between <see cref="Kernels.MinElementChunk"/> and
    /// <see cref="SimdPolicy.ChunkLength"/> (which large tensors keep). By length alone 200,704 elements were four chunks
    /// for any number of threads.
    /// </summary>
    [Fact]
    public void PassesWithoutReductionsAreCutIntoAboutFourChunksPerThread()
    {
        Policy.With(() =>
        {
            foreach (int threads in new[] { 2, 3, 16 })
            {
                foreach (int length in new[] { 100_000, 200_704, 1 << 20, 16 << 20 })
                {
                    int chunk = Kernels.ElementChunkLength(length, threads);
                    int chunks = (length + chunk - 1) / chunk;
                    string at = $"{length} elements, {threads} threads: chunks of {chunk}";
                    Assert.True(chunk % 64 == 0, at);
                    Assert.InRange(chunk, Kernels.MinElementChunk, SimdPolicy.ChunkLength);
                    Assert.True(chunks >= Math.Min(4 * threads, length / Kernels.MinElementChunk), at);
                    Assert.True(chunk == SimdPolicy.ChunkLength || chunks <= 4 * threads, at);
                }
            }
            Assert.Equal(SimdPolicy.ChunkLength, Kernels.ElementChunkLength(200_704, 1));
            return 0;
        }, chunk: 1 << 16);
    }

    /// <summary>Weights after five steps with gradients that depend on the weights.</summary>
    internal static float[][] Train(string name, int[] lengths, Func<int[], Parameter[]>? make = null)
    {
        KernelCase c = KernelCases.Named(name);
        IOptimizer opt = c.CreateOptimizer();
        Parameter[] ps = (make ?? KernelCheck.MakeParameters)(lengths);
        for (int step = 1; step <= 5; step++)
        {
            KernelCheck.SetGradients(ps, step);
            opt.Step(ps);
        }
        return ps.Select(p => p.Value.ToArray()).ToArray();
    }

    [Fact]
    public void SplitStepsAllocateNothingOnAnyThread() =>
        SplitStepAllocations.AssertNoneForSteps(new TestLamb { LearningRate = 0.01f }, KernelCheck.MakeParameters([600_000, 3000]));

    private sealed class CountingJob : IChunkJob
    {
        public int[] Runs = new int[64];
        public int ThrowAt = -1;

        public void RunChunk(int chunk)
        {
            Interlocked.Increment(ref Runs[chunk]);
            if (chunk == ThrowAt)
                throw new InvalidOperationException("chunk " + chunk);
            Thread.SpinWait(50 * (1 + chunk % 8));
        }
    }

    [Fact]
    public void EveryChunkRunsExactlyOnceInBackToBackAndSpacedRuns()
    {
        // Alternating jobs, back to back (the worker is spinning) and after pauses (the worker has blocked): a worker
        // that sees a run late must neither run a chunk twice nor run a chunk of the next job with the old one. Chunk
        // counts go well beyond the thread count (there is no cap).
        var jobs = new[] { new CountingJob(), new CountingJob() };
        for (int run = 0; run < 20_000; run++)
        {
            CountingJob job = jobs[run & 1];
            int chunks = 2 + run % 62;
            Array.Clear(job.Runs);
            ParallelRunner.Run(job, chunks);
            for (int c = 0; c < job.Runs.Length; c++)
                Assert.True(job.Runs[c] == (c < chunks ? 1 : 0), $"run {run}: chunk {c} of {chunks} ran {job.Runs[c]} times");
            if (run % 2000 == 1999)
                Thread.Sleep(2);
        }
    }

    /// <summary>
    /// Below the threshold a pass is split only where that wakes no core: from a quarter of the threshold on, and only
    /// while the workers it needs are awake. At or above the threshold it is always split.
    /// </summary>
    [Fact]
    public void PassesBelowTheThresholdSplitOnlyWhileTheWorkersAreAwake()
    {
        int[] got = Policy.With(() => new[]
        {
            Kernels.ThreadsFor(100_000, 2, workersAwake: true),
            Kernels.ThreadsFor(100_000, 2, workersAwake: false),
            Kernels.ThreadsFor(60_000, 2, workersAwake: true),
            Kernels.ThreadsFor(300_000, 3, workersAwake: false),
            Kernels.ThreadsFor(300_000, 1, workersAwake: true),
        }, threshold: 1 << 18);
        Assert.Equal([2, 1, 1, 3, 1], got);
    }

    // Chunk 0 and chunk 1 wait for each other (up to a second): when one runs on a worker, the other, on the caller,
    // sees that worker busy.
    private sealed class MeetingJob : IChunkJob
    {
        public int Started;
        public int CallerThread, WorkerThread;
        public bool AwakeSeenByCaller;

        public void RunChunk(int chunk)
        {
            if (Environment.CurrentManagedThreadId != CallerThread)
                WorkerThread = Environment.CurrentManagedThreadId;
            Interlocked.Increment(ref Started);
            var wait = System.Diagnostics.Stopwatch.StartNew();
            while (Volatile.Read(ref Started) < 2 && wait.ElapsedMilliseconds < 1000)
                Thread.SpinWait(20);
            if (Environment.CurrentManagedThreadId == CallerThread)
                AwakeSeenByCaller = ParallelRunner.WorkersAwake(1);
        }
    }

    /// <summary>A worker running a chunk is awake; one left idle for far longer than its polling window is not.</summary>
    [Fact]
    public void WorkersAreAwakeWhileRunningAndAsleepAfterAPause()
    {
        if (ParallelRunner.WorkerCount == 0)
        {
            Assert.False(ParallelRunner.WorkersAwake(1)); // no worker to be awake
            return;
        }
        bool awake = false;
        for (int attempt = 0; attempt < 20 && !awake; attempt++)
        {
            // Every worker asleep first, so that the run's one seat goes to the worker it wakes, the first, which is the
            // one WorkersAwake(1) asks about: with many workers (the many-cores check runs 15 on two cores), one still
            // polling from an earlier run took the seat while the first, woken but not yet scheduled, still counted as
            // asleep, every attempt.
            Thread.Sleep(20); // far past ParallelRunner.SpinMicroseconds
            // Counted only when the other chunk ran on a worker at the same time (a worker that has just started or is
            // slow to wake may leave both to the caller).
            var job = new MeetingJob { CallerThread = Environment.CurrentManagedThreadId };
            ParallelRunner.Run(job, 2, 2);
            awake = job.WorkerThread != 0 && job.AwakeSeenByCaller;
        }
        Assert.True(awake, "a worker running a chunk was never seen awake");
        bool asleep = false;
        for (int attempt = 0; attempt < 20 && !asleep; attempt++)
        {
            Thread.Sleep(20); // far past ParallelRunner.SpinMicroseconds
            asleep = !ParallelRunner.WorkersAwake(1);
        }
        Assert.True(asleep, "an idle worker never went to sleep");
    }

    // A chunk that runs a split job of its own (a pass inside a pass), on whichever thread runs the chunk.
    private sealed class NestingJob : IChunkJob
    {
        public readonly int[] Runs = new int[16];
        public readonly CountingJob[] Inner = Enumerable.Range(0, 16).Select(_ => new CountingJob()).ToArray();

        public void RunChunk(int chunk)
        {
            Interlocked.Increment(ref Runs[chunk]);
            ParallelRunner.Run(Inner[chunk], 8 + chunk % 5, int.MaxValue);
        }
    }

    [Fact]
    public void ARunInsideAChunkRunsEveryChunkOfBothExactlyOnce()
    {
        // The calling thread already holds the runner when its chunk starts another run: that run must not take over the
        // outer one (its job, chunk count and generation), so it runs on that thread alone, as on a worker.
        for (int round = 0; round < 200; round++)
        {
            var job = new NestingJob();
            ParallelRunner.Run(job, 16, int.MaxValue);
            for (int c = 0; c < 16; c++)
            {
                Assert.True(job.Runs[c] == 1, $"round {round}: outer chunk {c} ran {job.Runs[c]} times");
                int inner = 8 + c % 5;
                for (int i = 0; i < job.Inner[c].Runs.Length; i++)
                    Assert.True(job.Inner[c].Runs[i] == (i < inner ? 1 : 0), $"round {round}: chunk {i} of the run inside outer chunk {c} ran {job.Inner[c].Runs[i]} times");
            }
        }
    }

    [Fact]
    public void AFailingChunkThrowsAfterAllChunksRanAndTheNextRunWorks()
    {
        var job = new CountingJob { ThrowAt = 5 };
        var e = Assert.Throws<InvalidOperationException>(() => ParallelRunner.Run(job, 20));
        Assert.Equal("chunk 5", e.Message);
        Assert.All(job.Runs.Take(20), r => Assert.Equal(1, r));
        job.ThrowAt = -1;
        Array.Clear(job.Runs);
        ParallelRunner.Run(job, 20);
        Assert.All(job.Runs.Take(20), r => Assert.Equal(1, r));
    }

    [Fact]
    public void OneThreadRunsEveryChunkOnTheCaller()
    {
        long workerChunks = ParallelRunner.WorkerChunks;
        var job = new CountingJob();
        ParallelRunner.Run(job, 30, threads: 1);
        Assert.All(job.Runs.Take(30), r => Assert.Equal(1, r));
        Assert.Equal(workerChunks, ParallelRunner.WorkerChunks);
    }

    [Fact]
    public void ChunkLengthMustBeAPositiveMultipleOf64()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SimdPolicy.ChunkLength = 100);
        Assert.Throws<ArgumentOutOfRangeException>(() => SimdPolicy.ChunkLength = 0);
    }
}

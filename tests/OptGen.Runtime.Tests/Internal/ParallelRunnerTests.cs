using System.Threading;
using OptGen.Internal;

namespace OptGen.Runtime.Tests.Internal;

/// <summary>
/// What <see cref="ParallelRunner"/> promises however many cores there are. On a two-core machine there is one
/// worker, and most of this holds trivially; <c>.ci/checks/many-cores.sh</c> runs these tests (with the other threading
/// tests) with .NET told there are 16 processors, so that 15 workers compete for every run as on the 16-core machine.
/// </summary>
[Collection(SimdPolicyCollection.Name)]
public class ParallelRunnerTests
{
    /// <summary>One worker per other processor, as .NET counts them (the many-core check names the count it set).</summary>
    [Fact]
    public void WorkersFollowTheProcessorCount()
    {
        Assert.Equal(Math.Max(0, Environment.ProcessorCount - 1), ParallelRunner.WorkerCount);
        if (Environment.GetEnvironmentVariable("OPTGEN_EXPECT_PROCESSORS") is { } expected)
            Assert.Equal(int.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Environment.ProcessorCount);
    }

    // Records which thread ran each chunk; each chunk takes a few microseconds, so that polling workers can join.
    private sealed class ThreadRecordingJob : IChunkJob
    {
        public readonly int[] Threads = new int[48];

        public void RunChunk(int chunk)
        {
            Threads[chunk] = Environment.CurrentManagedThreadId;
            Thread.SpinWait(300);
        }
    }

    /// <summary>
    /// A run given n threads runs on at most n, back to back with wider runs whose workers are still polling (the seats
    /// keep the extra ones out), and every chunk runs.
    /// </summary>
    [Fact]
    public void ARunUsesAtMostTheThreadsItIsGiven()
    {
        var job = new ThreadRecordingJob();
        for (int run = 0; run < 600; run++)
        {
            int threads = run % 3 == 0 ? 16 : 2 + run % 4; // 16, then 3, 4 or 5, 2 ...: narrow runs right after wide ones
            Array.Clear(job.Threads);
            ParallelRunner.Run(job, job.Threads.Length, threads);
            Assert.DoesNotContain(0, job.Threads);
            int distinct = job.Threads.Distinct().Count();
            Assert.True(distinct <= threads, $"run {run}: {distinct} threads ran chunks of a run given {threads}");
        }
    }
    // Records the slot of the thread that ran each chunk.
    private sealed class SlotRecordingJob : IChunkJob
    {
        public readonly int[] Slots = new int[48];
        public readonly int[] Threads = new int[48];

        public void RunChunk(int chunk)
        {
            Slots[chunk] = ParallelRunner.CurrentSlot;
            Threads[chunk] = Environment.CurrentManagedThreadId;
            Thread.SpinWait(300);
        }
    }

    /// <summary>
    /// The caller's slot is 0 and each worker's one of its own from 1 to <see cref="ParallelRunner.WorkerCount"/>: a job
    /// that keeps a buffer per slot (a group of tensors' axis partials) never shares one between two threads of a run.
    /// </summary>
    [Fact]
    public void EachThreadOfARunHasASlotOfItsOwn()
    {
        var job = new SlotRecordingJob();
        bool workerRan = false;
        for (int run = 0; run < 200; run++)
        {
            ParallelRunner.Run(job, job.Slots.Length);
            for (int c = 0; c < job.Slots.Length; c++)
            {
                Assert.InRange(job.Slots[c], 0, ParallelRunner.WorkerCount);
                Assert.Equal(job.Threads[c] == Environment.CurrentManagedThreadId, job.Slots[c] == 0);
                for (int d = 0; d < c; d++)
                    Assert.Equal(job.Threads[c] == job.Threads[d], job.Slots[c] == job.Slots[d]);
                workerRan |= job.Slots[c] != 0;
            }
        }
        Assert.Equal(ParallelRunner.WorkerCount > 0, workerRan);
    }
}

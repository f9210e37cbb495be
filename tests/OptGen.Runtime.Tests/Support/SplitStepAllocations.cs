using System.Threading;
using OptGen.Internal;
using OptGen.Runtime.Tests.Kernel;

namespace OptGen.Runtime.Tests.Support;

/// <summary>
/// Allocation-free split steps: the caller's allocations, and the workers' while they run chunks (counted by the runner
/// itself, so the JIT's and the test host's own threads do not count), with every tensor split into chunks.
/// </summary>
internal static class SplitStepAllocations
{
    /// <summary>
    /// Runs <paramref name="steps"/> (after <paramref name="warmUp"/>, which is not measured) with passes of 1,024
    /// elements and more split into 4,096-element chunks, then asserts that nothing was allocated on the caller or on a
    /// worker (in the cleanest of <see cref="Allocations.Attempts"/> runs of the steps), and that a worker ran a chunk where there are workers. The steps should pause now and then (longer than
    /// the workers' spin), so that the blocking and waking of the workers is measured too.
    /// </summary>
    public static void AssertNone(Action warmUp, Action steps)
    {
        (long caller, long workers, long chunks) = Policy.With(() =>
        {
            warmUp();
            return Allocations.Cleanest(() =>
            {
                long before = GC.GetAllocatedBytesForCurrentThread(), workersBefore = ParallelRunner.WorkerAllocatedBytes, chunksBefore = ParallelRunner.WorkerChunks;
                steps();
                return (caller: GC.GetAllocatedBytesForCurrentThread() - before, workers: ParallelRunner.WorkerAllocatedBytes - workersBefore, chunks: ParallelRunner.WorkerChunks - chunksBefore);
            }, r => r.caller == 0 && r.workers == 0 && (r.chunks > 0 || ParallelRunner.WorkerCount == 0),
                (a, b) => Allocations.FewerBytesThenMoreWorkerChunks(a, b, r => r.caller + r.workers, r => r.chunks));
        }, threshold: 1 << 10, chunk: 1 << 12);
        Assert.Equal(0, caller);
        Assert.Equal(0, workers);
        if (ParallelRunner.WorkerCount > 0)
            Assert.True(chunks > 0, "no chunk ran on a worker");
    }

    /// <summary>
    /// <see cref="AssertNone"/> for one optimizer on <paramref name="parameters"/> (gradients set once): two steps to warm
    /// up, then 50 back to back and 10 after pauses.
    /// </summary>
    public static void AssertNoneForSteps(IOptimizer optimizer, Parameter[] parameters) => AssertNone(
        warmUp: () =>
        {
            KernelCheck.SetGradients(parameters, 1);
            optimizer.Step(parameters);
            optimizer.Step(parameters);
        },
        steps: () =>
        {
            for (int i = 0; i < 50; i++)
                optimizer.Step(parameters);
            for (int i = 0; i < 10; i++)
            {
                Pause();
                optimizer.Step(parameters);
            }
        });

    /// <summary>A pause longer than the workers' spin: they block and are woken through their events.</summary>
    public static void Pause() => Thread.Sleep(1);
}

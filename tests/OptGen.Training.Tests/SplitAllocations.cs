using OptGen.Internal;

namespace OptGen.Training.Tests;

/// <summary>
/// What split work allocates on every thread: on the calling thread (<see cref="GC.GetAllocatedBytesForCurrentThread"/>
/// around the work) and inside every chunk of the network's passes, on whichever thread ran it
/// (<see cref="ChunkAllocationProbe"/>). The cleanest of <see cref="Allocations.Attempts"/> runs counts (see
/// <see cref="Allocations.Cleanest{T}"/>).
/// </summary>
internal static class SplitAllocations
{
    public readonly record struct Measured(long Caller, long ChunkBytes, long Chunks, long WorkerChunks);

    public static Measured Of(Action work) => Allocations.Cleanest(() =>
    {
        ChunkAllocationProbe.Reset();
        ChunkAllocationProbe.Enabled = true;
        try
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            work();
            return new Measured(GC.GetAllocatedBytesForCurrentThread() - before, ChunkAllocationProbe.Bytes, ChunkAllocationProbe.Chunks, ChunkAllocationProbe.WorkerChunks);
        }
        finally
        {
            ChunkAllocationProbe.Enabled = false;
        }
    }, r => r.Caller == 0 && r.ChunkBytes == 0 && (r.WorkerChunks > 0 || ParallelRunner.WorkerCount == 0), Better);

    // Fewer bytes first; then an attempt in which a worker ran a chunk: a test in another collection running a job of its
    // own at that moment leaves this run's chunks all to its caller (ParallelRunner), so an attempt may see no worker at
    // all, and the callers' assertion that one ran is about the work, not about such a moment.
    private static Measured Better(Measured a, Measured b) =>
        b.Caller + b.ChunkBytes != a.Caller + a.ChunkBytes ? (b.Caller + b.ChunkBytes < a.Caller + a.ChunkBytes ? b : a)
        : b.WorkerChunks > a.WorkerChunks ? b : a;
}

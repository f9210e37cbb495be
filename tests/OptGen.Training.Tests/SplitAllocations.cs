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
    }, r => r.Caller == 0 && r.ChunkBytes == 0 && (r.WorkerChunks > 0 || ParallelRunner.WorkerCount == 0),
        (a, b) => Allocations.FewerBytesThenMoreWorkerChunks(a, b, r => r.Caller + r.ChunkBytes, r => r.WorkerChunks));
}

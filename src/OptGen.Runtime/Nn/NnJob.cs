using System;
using System.Threading;
using OptGen.Internal;

namespace OptGen.Nn;

/// <summary>
/// A pass of the network split into chunks that <see cref="ParallelRunner"/> runs on the calling thread and its
/// workers. Every call site keeps one preallocated instance, so splitting allocates nothing. A chunk must depend only
/// on its index, never on which thread runs it or how many chunks there are beside it, so that results are
/// bit-identical for any number of cores.
/// </summary>
internal abstract class NnJob : IChunkJob
{
    private int _callerThread;

    /// <summary>Runs chunks 0..<paramref name="chunks"/>−1: on this thread alone when there is one.</summary>
    protected void Execute(int chunks)
    {
        if (chunks <= 1)
        {
            RunChunk(0);
            return;
        }
        _callerThread = Environment.CurrentManagedThreadId;
        ParallelRunner.Run(this, chunks);
    }

    /// <summary>Runs one chunk.</summary>
    protected abstract void RunChunk(int chunk);

    void IChunkJob.RunChunk(int chunk)
    {
        if (!ChunkAllocationProbe.Enabled)
        {
            RunChunk(chunk);
            return;
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        RunChunk(chunk);
        ChunkAllocationProbe.Record(GC.GetAllocatedBytesForCurrentThread() - before, Environment.CurrentManagedThreadId != _callerThread);
    }
}

/// <summary>
/// Test hook: while <see cref="Enabled"/>, every split chunk of the network's passes counts the bytes its own thread
/// allocated while it ran (<see cref="GC.GetAllocatedBytesForCurrentThread"/>), so a test can assert that a training
/// step allocates nothing on the worker threads too.
/// </summary>
internal static class ChunkAllocationProbe
{
    private static long s_bytes, s_chunks, s_workerChunks;

    public static volatile bool Enabled;

    /// <summary>Bytes allocated inside chunks since the last <see cref="Reset"/>.</summary>
    public static long Bytes => Interlocked.Read(ref s_bytes);

    /// <summary>Chunks measured since the last <see cref="Reset"/>.</summary>
    public static long Chunks => Interlocked.Read(ref s_chunks);

    /// <summary>Of those, chunks that ran on a worker rather than the caller.</summary>
    public static long WorkerChunks => Interlocked.Read(ref s_workerChunks);

    public static void Reset()
    {
        Interlocked.Exchange(ref s_bytes, 0);
        Interlocked.Exchange(ref s_chunks, 0);
        Interlocked.Exchange(ref s_workerChunks, 0);
    }

    public static void Record(long bytes, bool onWorker)
    {
        Interlocked.Add(ref s_bytes, bytes);
        Interlocked.Increment(ref s_chunks);
        if (onWorker)
            Interlocked.Increment(ref s_workerChunks);
    }
}

/// <summary>How many threads and chunks the network's passes use.</summary>
internal static class NnParallel
{
    /// <summary>Threads a pass may use: the caller and the runner's workers, at most <see cref="SimdPolicy.MaxThreads"/>.</summary>
    public static int Threads => ParallelRunner.AllowedThreads;

    /// <summary>
    /// Threads for a product of <paramref name="work"/> multiply-adds: one below <see cref="SimdPolicy.ParallelThreshold"/>,
    /// else one per half of it, at most <see cref="Threads"/>. So on 2 cores every product from the threshold on takes
    /// both, and on 16 a small one (an optdigits layer, 32 × 64 × 256 = 512 Ki) takes 4 rather than being cut into 16
    /// slivers of well under a microsecond each, less work than the run's own hand-offs.
    /// </summary>
    public static int ThreadsForWork(long work) => ThreadsForWork(work, Threads);

    /// <summary>As <see cref="ThreadsForWork(long)"/>, with at most <paramref name="threads"/> threads (for tests).</summary>
    public static int ThreadsForWork(long work, int threads)
    {
        long threshold = Math.Max(1, SimdPolicy.ParallelThreshold);
        if (work < threshold || threads <= 1)
            return 1;
        return (int)Math.Clamp(work / Math.Max(1, threshold / 2), 1, threads);
    }

    /// <summary>
    /// Chunks for a pass of <paramref name="work"/> units (elements times a per-element cost): one below
    /// <see cref="SimdPolicy.ParallelThreshold"/>, else two per thread (so that a worker that starts late, or a core
    /// busy with other work, only takes fewer), but never more than <paramref name="items"/> / <paramref name="minItems"/>.
    /// </summary>
    public static int ChunksFor(long work, int items, int minItems)
    {
        int threads = Threads;
        if (threads <= 1 || work < SimdPolicy.ParallelThreshold)
            return 1;
        return Math.Clamp(items / Math.Max(1, minItems), 1, 2 * threads);
    }
}

using System;
using System.ComponentModel;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace OptGen.Internal;

/// <summary>A piece of work split into chunks that may run on different cores.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IChunkJob
{
    /// <summary>Runs chunk <paramref name="chunk"/>; chunks are independent of each other.</summary>
    void RunChunk(int chunk);
}

/// <summary>
/// Runs the chunks of a job on the calling thread and a few persistent worker threads. Nothing is allocated per
/// call (the job is a preallocated object and the workers wait on events), so an optimizer step that splits a
/// large tensor across cores stays allocation-free. If another job is already running, the caller simply runs
/// all chunks itself.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ParallelRunner
{
    private static readonly object s_gate = new();
    private static Worker[]? s_workers;
    private static IChunkJob? s_job;
    private static int s_next;
    private static int s_count;
    private static int s_pending;
    private static Exception? s_error;

    /// <summary>Jobs that actually ran split across threads (for tests and diagnostics).</summary>
    public static long SplitRuns { get; private set; }

    /// <summary>Worker threads available besides the caller (processor count − 1, at most 7).</summary>
    public static int WorkerCount { get; } = Math.Clamp(Environment.ProcessorCount - 1, 0, 7);

    /// <summary>How many chunks to split a pass over <paramref name="length"/> elements into (1 = run it inline).</summary>
    public static int ChunksFor(int length)
    {
        int threads = Math.Min(OptGen.SimdPolicy.MaxThreads, WorkerCount + 1);
        return threads <= 1 || length < OptGen.SimdPolicy.ParallelThreshold ? 1 : threads;
    }

    /// <summary>
    /// The length of each chunk when <paramref name="length"/> elements go into <paramref name="chunks"/> chunks: a
    /// multiple of 64 floats, so chunks start on cache-line boundaries and only the last one has a ragged tail.
    /// </summary>
    public static int ChunkLength(int length, int chunks) => (int)Math.Min(int.MaxValue & ~63L, ((length + (long)chunks - 1) / chunks + 63) & ~63L);

    /// <summary>Sum of the partial results <c>partials[c * stride + index]</c> of the first <paramref name="chunks"/> chunks.</summary>
    public static double SumPartials(double[] partials, int index, int stride, int chunks)
    {
        double sum = 0;
        for (int c = 0; c < chunks; c++)
            sum += partials[c * stride + index];
        return sum;
    }

    /// <summary>Largest of the partial results <c>partials[c * stride + index]</c> of the first <paramref name="chunks"/> chunks.</summary>
    public static double MaxPartials(double[] partials, int index, int stride, int chunks)
    {
        double max = 0;
        for (int c = 0; c < chunks; c++)
            max = Math.Max(max, partials[c * stride + index]);
        return max;
    }

    /// <summary>Runs chunks 0..<paramref name="chunks"/>−1 of <paramref name="job"/> and returns when all are done.</summary>
    public static void Run(IChunkJob job, int chunks)
    {
        if (chunks <= 1 || WorkerCount == 0 || !Monitor.TryEnter(s_gate))
        {
            for (int c = 0; c < chunks; c++)
                job.RunChunk(c);
            return;
        }
        try
        {
            Worker[] workers = s_workers ??= StartWorkers();
            SplitRuns++;
            s_job = job;
            s_error = null;
            s_count = chunks;
            Volatile.Write(ref s_next, 0);
            Volatile.Write(ref s_pending, chunks);
            int helpers = Math.Min(workers.Length, chunks - 1);
            for (int i = 0; i < helpers; i++)
                workers[i].Wake();
            Drain();
            var spin = new SpinWait();
            while (Volatile.Read(ref s_pending) > 0)
                spin.SpinOnce(sleep1Threshold: -1);
            s_job = null;
            if (s_error is { } error)
                ExceptionDispatchInfo.Capture(error).Throw();
        }
        finally
        {
            Monitor.Exit(s_gate);
        }
    }

    // Takes chunks until none is left; used by the caller and the workers alike.
    private static void Drain()
    {
        IChunkJob? job = Volatile.Read(ref s_job);
        int chunk;
        while (job is not null && (chunk = Interlocked.Increment(ref s_next) - 1) < s_count)
        {
            try
            {
                job.RunChunk(chunk);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref s_error, e, null);
            }
            finally
            {
                Interlocked.Decrement(ref s_pending);
            }
        }
    }

    private static Worker[] StartWorkers()
    {
        var workers = new Worker[WorkerCount];
        for (int i = 0; i < workers.Length; i++)
            workers[i] = new Worker(i);
        return workers;
    }

    private sealed class Worker
    {
        private readonly ManualResetEventSlim _wake = new(false, spinCount: 200);

        public Worker(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = "OptGen worker " + index };
            thread.Start();
        }

        public void Wake() => _wake.Set();

        private void Loop()
        {
            while (true)
            {
                _wake.Wait();
                _wake.Reset();
                Drain();
            }
        }
    }
}

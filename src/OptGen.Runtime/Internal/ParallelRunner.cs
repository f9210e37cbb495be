using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
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
/// call (the job is a preallocated object and the workers spin briefly, then wait on events), so an optimizer step
/// that splits a large tensor across cores stays allocation-free. If another job is already running, the caller
/// simply runs all chunks itself.
/// </summary>
/// <remarks>
/// A pass is cut into more chunks than there are threads (by its length, see <see cref="SimdPolicy.ChunkLength"/>), and
/// every thread takes the next unclaimed chunk until none is left. So a worker that wakes late, or is descheduled by
/// other load on the machine, only does fewer chunks: the caller never waits for a whole share of the work to start. A
/// worker that has just finished a pass spins for a short while (<see cref="SpinMicroseconds"/>) on the run counter
/// before it blocks, so the passes of a step and back-to-back steps do not pay the kernel's wake-up latency each time.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ParallelRunner
{
    /// <summary>How long an idle worker polls for the next run before it blocks on its event.</summary>
    public const int SpinMicroseconds = 50;

    private static readonly object s_gate = new();
    private static Worker[]? s_workers;
    private static IChunkJob? s_job;
    private static int s_count;
    private static Exception? s_error;
    // The claim counter and the count of unfinished chunks are written by every thread during a run; each has a
    // cache line of its own, away from the fields that are only read during a run.
    private static readonly Counters s_counters = new();

    /// <summary>Jobs that actually ran split across threads (for tests and diagnostics).</summary>
    public static long SplitRuns { get; private set; }

    /// <summary>Chunks run by worker threads rather than the caller (for tests and diagnostics).</summary>
    public static long WorkerChunks => Volatile.Read(ref s_counters.WorkerChunks);

    /// <summary>Bytes allocated by worker threads while running chunks (for tests: a step must allocate nothing on any thread).</summary>
    public static long WorkerAllocatedBytes => Volatile.Read(ref s_counters.WorkerAllocatedBytes);

    [ThreadStatic] private static int t_slot;

    /// <summary>
    /// This thread's slot among those a run can use: 1 to <see cref="WorkerCount"/> on a worker, 0 elsewhere (the
    /// caller). A job that keeps buffers per thread keeps <see cref="WorkerCount"/> + 1, one per slot, so that the caller
    /// can size every thread's before the run: only one caller runs a job on the workers at a time, and a run inside a
    /// run stays on its thread.
    /// </summary>
    internal static int CurrentSlot => t_slot;

    /// <summary>Worker threads available besides the caller: one per other core.</summary>
    public static int WorkerCount { get; } = Math.Max(0, Environment.ProcessorCount - 1);

    /// <summary>Runs chunks 0..<paramref name="chunks"/>−1 of <paramref name="job"/> on up to <see cref="SimdPolicy.MaxThreads"/> threads.</summary>
    public static void Run(IChunkJob job, int chunks) => Run(job, chunks, AllowedThreads);

    /// <summary>Threads a run may use now: the caller and the workers, at most <see cref="SimdPolicy.MaxThreads"/>.</summary>
    internal static int AllowedThreads => Math.Max(1, Math.Min(SimdPolicy.MaxThreads, WorkerCount + 1));

    /// <summary>
    /// Runs chunks 0..<paramref name="chunks"/>−1 of <paramref name="job"/> on the caller and up to
    /// <paramref name="threads"/> − 1 workers, and returns when all are done. If another job is running (also when this
    /// is called from a chunk of it), the caller runs every chunk itself.
    /// </summary>
    public static void Run(IChunkJob job, int chunks, int threads)
    {
        ArgumentNullException.ThrowIfNull(job);
        // A monitor is re-entrant: a chunk on the calling thread that starts a run of its own would get the gate again
        // and publish over the run in progress (its job, count and generation), leaving chunks of that run unrun. So a
        // run inside a run stays on its thread, as one started on a worker does.
        if (chunks <= 1 || threads <= 1 || WorkerCount == 0 || Monitor.IsEntered(s_gate) || !Monitor.TryEnter(s_gate))
        {
            for (int c = 0; c < chunks; c++)
                job.RunChunk(c);
            return;
        }
        try
        {
            Worker[] workers = s_workers ??= StartWorkers();
            SplitRuns++;
            Counters k = s_counters;
            // Publish the run: the job first, then a new generation in the claim word (generation in the high 32
            // bits, next chunk in the low 32). The claim word only ever grows, so a worker whose compare-exchange
            // succeeds knows that the job and count it read belong to the generation it claims from.
            s_job = job;
            s_count = chunks;
            s_error = null;
            Volatile.Write(ref k.Pending, chunks);
            Volatile.Write(ref k.Seats, threads - 1); // workers beyond this (spinning from an earlier run) stay out
            long generation = (Volatile.Read(ref k.Claim) >> 32) + 1;
            Interlocked.Exchange(ref k.Claim, generation << 32);
            int helpers = Math.Min(Math.Min(workers.Length, threads - 1), chunks - 1);
            for (int i = 0; i < helpers; i++)
                workers[i].WakeIfSleeping();

            Drain(generation, worker: false);
            if (Volatile.Read(ref k.Pending) > 0)
            {
                var spin = new SpinWait();
                while (Volatile.Read(ref k.Pending) > 0)
                    spin.SpinOnce(sleep1Threshold: -1);
            }
            // Close the generation (next chunk = int.MaxValue) before the job may be replaced, so that a worker that
            // read this generation late cannot claim a chunk of the next job with it.
            Interlocked.Exchange(ref k.Claim, (generation << 32) | int.MaxValue);
            s_job = null;
            if (s_error is { } error)
            {
                s_error = null;
                ExceptionDispatchInfo.Capture(error).Throw();
            }
        }
        finally
        {
            Monitor.Exit(s_gate);
        }
    }

    // Claims and runs chunks of the run of the given generation until none is left; the caller and the workers alike.
    private static void Drain(long generation, bool worker)
    {
        Counters k = s_counters;
        while (true)
        {
            long claim = Volatile.Read(ref k.Claim);
            if (claim >> 32 != generation)
                return;
            IChunkJob? job = Volatile.Read(ref s_job);
            int count = Volatile.Read(ref s_count);
            int chunk = (int)(claim & 0xFFFF_FFFF);
            if (job is null || chunk >= count)
                return;
            if (Interlocked.CompareExchange(ref k.Claim, claim + 1, claim) != claim)
                continue;
            long allocated = worker ? GC.GetAllocatedBytesForCurrentThread() : 0;
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
                if (worker)
                {
                    Interlocked.Increment(ref k.WorkerChunks);
                    allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
                    if (allocated != 0)
                        Interlocked.Add(ref k.WorkerAllocatedBytes, allocated);
                }
                Interlocked.Decrement(ref k.Pending);
            }
        }
    }

    /// <summary>
    /// Whether the first <paramref name="count"/> workers are awake (running chunks or polling for the next run), so
    /// that a run started now wakes none of them. A worker may still fall asleep just after: then the run wakes it.
    /// </summary>
    internal static bool WorkersAwake(int count)
    {
        Worker[]? workers = Volatile.Read(ref s_workers);
        if (workers is null || count > workers.Length)
            return false;
        for (int i = 0; i < count; i++)
        {
            if (workers[i].Sleeping)
                return false;
        }
        return true;
    }

    private static Worker[] StartWorkers()
    {
        var workers = new Worker[WorkerCount];
        for (int i = 0; i < workers.Length; i++)
            workers[i] = new Worker(i);
        return workers;
    }

    // 128 bytes apart: adjacent-line prefetch pairs 64-byte lines, so one line of space is not always enough.
    [StructLayout(LayoutKind.Explicit, Size = 640)]
    private sealed class Counters
    {
        [FieldOffset(128)] public long Claim;
        [FieldOffset(256)] public int Pending;
        [FieldOffset(384)] public long WorkerChunks;
        [FieldOffset(512)] public int Seats;
        [FieldOffset(520)] public long WorkerAllocatedBytes;
    }

    private sealed class Worker
    {
        private static readonly long s_spinTicks = Math.Max(1, Stopwatch.Frequency * SpinMicroseconds / 1_000_000);
        private readonly ManualResetEventSlim _wake = new(false, spinCount: 0);
        private int _sleeping;

        private readonly int _slot;

        public Worker(int index)
        {
            _slot = index + 1;
            var thread = new Thread(Loop) { IsBackground = true, Name = "OptGen worker " + index };
            thread.Start();
        }

        public bool Sleeping => Volatile.Read(ref _sleeping) != 0;

        // Called after a new generation is published with a full fence; pairs with the fence in Loop, so either the
        // worker sees the new generation before it blocks or this sees it asleep and sets its event.
        public void WakeIfSleeping()
        {
            if (Volatile.Read(ref _sleeping) != 0)
                _wake.Set();
        }

        private void Loop()
        {
            t_slot = _slot;
            Counters k = s_counters;
            long seen = Volatile.Read(ref k.Claim) >> 32;
            while (true)
            {
                long generation = Volatile.Read(ref k.Claim) >> 32;
                if (generation == seen)
                {
                    // Poll for a while: the next pass or step usually comes within microseconds.
                    long start = Stopwatch.GetTimestamp();
                    while ((generation = Volatile.Read(ref k.Claim) >> 32) == seen
                        && Stopwatch.GetTimestamp() - start < s_spinTicks)
                        Thread.SpinWait(20);
                }
                if (generation == seen)
                {
                    _wake.Reset();
                    Interlocked.Exchange(ref _sleeping, 1);
                    if (Volatile.Read(ref k.Claim) >> 32 == seen)
                        _wake.Wait();
                    Volatile.Write(ref _sleeping, 0);
                    continue;
                }
                seen = generation;
                if (Interlocked.Decrement(ref k.Seats) >= 0)
                    Drain(generation, worker: true);
            }
        }
    }
}

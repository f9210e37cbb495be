using System;
using System.Threading;

namespace OptGen.TestSupport;

/// <summary>
/// What hot paths allocate (<see cref="GC.GetAllocatedBytesForCurrentThread"/>), measured so that the runtime's own
/// one-time allocations do not count and the work's do.
/// </summary>
/// <remarks>
/// Tiered compilation may allocate on the calling thread once, at a moment nobody controls: the call that reaches a
/// method's call count asks for faster code there, and under load the background compiler can lag behind any warm-up.
/// So a measurement is repeated (<see cref="Attempts"/> times at most, with a pause for that compiler between) and the
/// cleanest attempt counts: an allocation of the work itself shows up in every attempt.
/// </remarks>
public static class Allocations
{
    /// <summary>How many times a measurement is tried before its allocations count.</summary>
    public const int Attempts = 4;

    /// <summary>
    /// Steps until the runtime's tiered compilation has settled: it starts counting calls only after ~100 ms without
    /// new tier-0 code. Steps, a pause, steps past the count, a pause.
    /// </summary>
    public static void WarmUp(IOptimizer optimizer, Parameter[] parameters)
    {
        for (int round = 0; round < 2; round++)
        {
            for (int i = 0; i < 40; i++)
                optimizer.Step(parameters);
            Thread.Sleep(250);
        }
    }

    /// <summary>The fewest bytes <paramref name="work"/> allocates on this thread in any of <see cref="Attempts"/> runs.</summary>
    public static long Least(Action work) => Cleanest(() =>
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        work();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }, bytes => bytes == 0, Math.Min);

    /// <summary>
    /// The bytes <paramref name="steps"/> calls of <see cref="IOptimizer.Step"/> allocate on this thread (the least of
    /// <see cref="Attempts"/> runs, so the optimizer may take up to <see cref="Attempts"/> × <paramref name="steps"/> steps).
    /// </summary>
    public static long OfSteps(IOptimizer optimizer, Parameter[] parameters, int steps) => Least(() =>
    {
        for (int i = 0; i < steps; i++)
        {
            if (optimizer is ILossAware lossAware)
                lossAware.Loss = 1.0 + i; // an update that reads the loss needs one each step (any value will do here)
            optimizer.Step(parameters);
        }
    });

    /// <summary>
    /// For <see cref="Cleanest{T}"/> over split work: the attempt that allocated fewer bytes (<paramref name="bytes"/>);
    /// of two that allocated as many, the one in which more chunks ran on workers (<paramref name="workerChunks"/>). A
    /// test in another collection running a job of its own at that moment leaves an attempt's chunks all to its caller,
    /// so an attempt may see no worker at all, and the callers' assertion that one ran is about the work, not that moment.
    /// </summary>
    public static T FewerBytesThenMoreWorkerChunks<T>(T a, T b, Func<T, long> bytes, Func<T, long> workerChunks) =>
        bytes(b) != bytes(a) ? (bytes(b) < bytes(a) ? b : a) : workerChunks(b) > workerChunks(a) ? b : a;

    /// <summary>
    /// Runs <paramref name="measure"/> until a result is <paramref name="clean"/> (at most <see cref="Attempts"/> times)
    /// and returns that result, or the <paramref name="better"/> of all when none was: for measurements of several
    /// counts at once (the caller's bytes and the workers').
    /// </summary>
    public static T Cleanest<T>(Func<T> measure, Func<T, bool> clean, Func<T, T, T> better)
    {
        T best = measure();
        for (int attempt = 1; attempt < Attempts && !clean(best); attempt++)
        {
            Thread.Sleep(100); // time for the background compiler
            best = better(best, measure());
        }
        return best;
    }
}

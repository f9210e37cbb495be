using System;
using System.Threading;

namespace OptGen.TestSupport;

/// <summary>What steps allocate on the calling thread (GC.GetAllocatedBytesForCurrentThread), for the allocation-free hot paths.</summary>
public static class Allocations
{
    /// <summary>
    /// Steps until the runtime's tiered compilation has settled: it starts counting calls only after ~100 ms without
    /// new tier-0 code, and the call that reaches the count asks for the faster code on the calling thread, which can
    /// allocate there. Steps, a pause, steps past the count, a pause: after that a step allocates only what it does itself.
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

    /// <summary>The bytes <paramref name="steps"/> calls of <see cref="IOptimizer.Step"/> allocate on this thread.</summary>
    public static long OfSteps(IOptimizer optimizer, Parameter[] parameters, int steps)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < steps; i++)
            optimizer.Step(parameters);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}

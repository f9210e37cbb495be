using System;

namespace OptGen.TestSupport;

/// <summary>What steps allocate on the calling thread (GC.GetAllocatedBytesForCurrentThread), for the allocation-free hot paths.</summary>
public static class Allocations
{
    /// <summary>The bytes <paramref name="steps"/> calls of <see cref="IOptimizer.Step"/> allocate on this thread.</summary>
    public static long OfSteps(IOptimizer optimizer, Parameter[] parameters, int steps)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < steps; i++)
            optimizer.Step(parameters);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}

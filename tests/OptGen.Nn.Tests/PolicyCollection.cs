using System;
using Xunit;

namespace OptGen.Nn.Tests;

/// <summary>
/// Tests that change the process-wide <see cref="SimdPolicy"/> (or count allocations on every thread, which another
/// test would disturb) run in this collection: never in parallel with any other test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PolicyCollection
{
    public const string Name = "SimdPolicy (not parallel)";

    /// <summary>
    /// Runs <paramref name="body"/> with passes of at least <paramref name="threshold"/> units split across at most
    /// <paramref name="maxThreads"/> threads, then puts the policy back.
    /// </summary>
    public static T WithPolicy<T>(int threshold, int maxThreads, Func<T> body)
    {
        using var scope = new PolicyScope(threshold, maxThreads);
        return body();
    }

    /// <summary>Sets <see cref="SimdPolicy.ParallelThreshold"/> and <see cref="SimdPolicy.MaxThreads"/> until disposed.</summary>
    private readonly struct PolicyScope : IDisposable
    {
        private readonly int _threshold = SimdPolicy.ParallelThreshold, _maxThreads = SimdPolicy.MaxThreads;

        public PolicyScope(int threshold, int maxThreads) => (SimdPolicy.ParallelThreshold, SimdPolicy.MaxThreads) = (threshold, maxThreads);

        public void Dispose() => (SimdPolicy.ParallelThreshold, SimdPolicy.MaxThreads) = (_threshold, _maxThreads);
    }
}

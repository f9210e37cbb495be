using System;

namespace OptGen.TestSupport;

/// <summary>
/// Sets the process-wide <see cref="SimdPolicy"/> for a block and puts every setting back on dispose; a setting left
/// <see langword="null"/> keeps its value. A test that uses it changes state every other test sees: it must run in its
/// assembly's one non-parallel collection (<c>SimdPolicyCollection</c>, see tests/README.md).
/// </summary>
public sealed class SimdPolicyScope : IDisposable
{
    private readonly int _bits = SimdPolicy.MaxVectorBits, _threads = SimdPolicy.MaxThreads;
    private readonly int _threshold = SimdPolicy.ParallelThreshold, _chunk = SimdPolicy.ChunkLength;
    private readonly bool? _prefetch = SimdPolicy.PrefetchElementPasses; // not set here (null is a setting of its own), only put back

    /// <summary>Sets <see cref="SimdPolicy.MaxVectorBits"/>, <see cref="SimdPolicy.MaxThreads"/>, <see cref="SimdPolicy.ParallelThreshold"/> and <see cref="SimdPolicy.ChunkLength"/> where given.</summary>
    public SimdPolicyScope(int? bits = null, int? threads = null, int? threshold = null, int? chunk = null)
    {
        SimdPolicy.MaxVectorBits = bits ?? _bits;
        SimdPolicy.MaxThreads = threads ?? _threads;
        SimdPolicy.ParallelThreshold = threshold ?? _threshold;
        SimdPolicy.ChunkLength = chunk ?? _chunk;
    }

    /// <summary>Runs <paramref name="body"/> under the given settings, then puts them back.</summary>
    public static T With<T>(Func<T> body, int? bits = null, int? threads = null, int? threshold = null, int? chunk = null)
    {
        using var scope = new SimdPolicyScope(bits, threads, threshold, chunk);
        return body();
    }

    public void Dispose()
    {
        SimdPolicy.MaxVectorBits = _bits;
        SimdPolicy.MaxThreads = _threads;
        SimdPolicy.ParallelThreshold = _threshold;
        SimdPolicy.ChunkLength = _chunk;
        SimdPolicy.PrefetchElementPasses = _prefetch;
    }
}

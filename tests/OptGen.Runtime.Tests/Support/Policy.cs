using System;

namespace OptGen.Runtime.Tests.Support;

/// <summary>
/// Sets the process-wide <see cref="SimdPolicy"/> for a block and restores it afterwards. Widths the hardware does not
/// accelerate are run anyway (the JIT emulates them), so every width's code is checked on any machine.
/// </summary>
internal sealed class Policy : IDisposable
{
    private readonly int _bits = SimdPolicy.MaxVectorBits, _threads = SimdPolicy.MaxThreads;
    private readonly int _threshold = SimdPolicy.ParallelThreshold, _chunk = SimdPolicy.ChunkLength;
    private readonly bool _emulate = SimdPolicy.UseUnacceleratedWidths;

    public Policy(int bits = 512, int threads = int.MaxValue, int threshold = 1 << 18, int chunk = 1 << 16)
    {
        SimdPolicy.MaxVectorBits = bits;
        SimdPolicy.MaxThreads = threads;
        SimdPolicy.ParallelThreshold = threshold;
        SimdPolicy.ChunkLength = chunk;
        SimdPolicy.UseUnacceleratedWidths = true;
    }

    public static T With<T>(Func<T> body, int bits = 512, int threads = int.MaxValue, int threshold = 1 << 18, int chunk = 1 << 16)
    {
        using var policy = new Policy(bits, threads, threshold, chunk);
        return body();
    }

    public void Dispose()
    {
        SimdPolicy.MaxVectorBits = _bits;
        SimdPolicy.MaxThreads = _threads;
        SimdPolicy.ParallelThreshold = _threshold;
        SimdPolicy.ChunkLength = _chunk;
        SimdPolicy.UseUnacceleratedWidths = _emulate;
    }
}

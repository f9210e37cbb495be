using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using OptGen.Optimizers;

namespace OptGen.Benchmarks;

/// <summary>
/// The generated Adam step split over every core against the memory roofline split the same way (chunks of
/// <see cref="SimdPolicy.ChunkLength"/> elements, one task per core), and both on one core.
/// </summary>
[MemoryDiagnoser]
public class ParallelStepBenchmarks
{
    private Parameter _p = null!, _pBf16 = null!;
    private Adam _adam = null!;
    private AdamBf16 _adamBf16 = null!;
    private Memory<float> _w, _g, _m, _v;

    [Params(1024 * 1024, 16 * 1024 * 1024, 64 * 1024 * 1024)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _p = Inputs.Parameter(N);
        _adam = new Adam { LearningRate = 1e-6f };
        _adam.Step(_p);
        _pBf16 = Inputs.Parameter(N); // buffers of its own: no kernel runs on another's warm cache lines
        _adamBf16 = new AdamBf16 { LearningRate = 1e-6f };
        _adamBf16.Step(_pBf16);
        (_w, _g) = Inputs.Filled(N);
        _m = AlignedMemory.Allocate(N);
        _v = AlignedMemory.Allocate(N);
    }

    [Benchmark(Baseline = true)]
    public void MemoryOnlyAllCores()
    {
        int chunk = SimdPolicy.ChunkLength, chunks = (N + chunk - 1) / chunk;
        int threads = Math.Min(Environment.ProcessorCount, chunks);
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, part =>
        {
            // Thread part takes every threads-th chunk (the runtime's threads claim chunks in turn: the same work).
            for (int c = part; c < chunks; c += threads)
            {
                int start = c * chunk, length = Math.Min(chunk, N - start);
                AdamKernels.MemoryOnly(_w.Span.Slice(start, length), _g.Span.Slice(start, length), _m.Span.Slice(start, length), _v.Span.Slice(start, length));
            }
        });
    }

    [Benchmark]
    public void GeneratedAllCores() => _adam.Step(_p);

    [Benchmark]
    public void MemoryOnlyOneCore() => AdamKernels.MemoryOnly(_w.Span, _g.Span, _m.Span, _v.Span);

    [Benchmark]
    public void GeneratedOneCore()
    {
        SimdPolicy.MaxThreads = 1;
        _adam.Step(_p);
        SimdPolicy.MaxThreads = int.MaxValue;
    }

    /// <summary>Adam with bfloat16 moments (20 bytes per parameter instead of 28) on every core.</summary>
    [Benchmark]
    public void GeneratedBf16AllCores() => _adamBf16.Step(_pBf16);

    [Benchmark]
    public void GeneratedBf16OneCore()
    {
        SimdPolicy.MaxThreads = 1;
        _adamBf16.Step(_pBf16);
        SimdPolicy.MaxThreads = int.MaxValue;
    }
}

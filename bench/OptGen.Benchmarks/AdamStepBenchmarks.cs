using System;
using BenchmarkDotNet.Attributes;
using OptGen.Optimizers;

namespace OptGen.Benchmarks;

/// <summary>
/// One Adam step over N float32 parameters on one core: the generated kernel (driven by the runtime's kernel driver)
/// against the memory roofline and the hand-written baselines, in one run. Every array is 64-byte aligned, as the
/// runtime allocates parameters and state, so the baselines and the generated step stream the same way.
/// </summary>
[MemoryDiagnoser]
public class AdamStepBenchmarks
{
    private Parameter _p = null!, _pBf16 = null!;
    private Memory<float> _w, _g, _m, _v, _tmp;
    private Adam _adam = null!;
    private AdamBf16 _adamBf16 = null!;

    [Params(4 * 1024, 64 * 1024, 1024 * 1024, 16 * 1024 * 1024, 64 * 1024 * 1024)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        SimdPolicy.MaxThreads = 1; // the targets compare kernels on one core; ParallelStepBenchmarks measures the split
        (_w, _g) = Inputs.Filled(N);
        _m = AlignedMemory.Allocate(N);
        _v = AlignedMemory.Allocate(N);
        _tmp = AlignedMemory.Allocate(N);
        _p = Inputs.Parameter(N);
        _adam = new Adam { LearningRate = 1e-6f };
        _adam.Step(_p); // allocate state outside the measurement
        _pBf16 = Inputs.Parameter(N);
        _adamBf16 = new AdamBf16 { LearningRate = 1e-6f };
        _adamBf16.Step(_pBf16);
    }

    [Benchmark(Baseline = true)]
    public void MemoryOnly() => AdamKernels.MemoryOnly(_w.Span, _g.Span, _m.Span, _v.Span);

    [Benchmark]
    public void Generated() => _adam.Step(_p);

    [Benchmark]
    public void GeneratedBf16State() => _adamBf16.Step(_pBf16);

    [Benchmark]
    public void HandFusedAvx2() => AdamKernels.HandFused(_w.Span, _g.Span, _m.Span, _v.Span, 1e-6f, 0.9f, 0.999f, 1e-8f, 10);

    [Benchmark]
    public void TensorPrimitivesComposed() => AdamKernels.TensorPrimitivesComposed(_w.Span, _g.Span, _m.Span, _v.Span, _tmp.Span, 1e-6f, 0.9f, 0.999f, 1e-8f, 10);

    [Benchmark]
    public void NaiveScalar() => AdamKernels.NaiveScalar(_w.Span, _g.Span, _m.Span, _v.Span, 1e-6f, 0.9f, 0.999f, 1e-8f, 10);

    [GlobalCleanup]
    public void Cleanup() => SimdPolicy.MaxThreads = int.MaxValue;
}

using System;
using BenchmarkDotNet.Attributes;
using OptGen.Optimizers;

namespace OptGen.Benchmarks;

/// <summary>One Adam step over N float32 parameters: the generated kernel against every baseline, in one run.</summary>
[MemoryDiagnoser]
public class AdamStepBenchmarks
{
    private Parameter _p = null!;
    private float[] _w = null!, _g = null!, _m = null!, _v = null!, _tmp = null!;
    private Adam _adam = null!;
    private Parameter _pBf16 = null!;
    private AdamBf16 _adamBf16 = null!;

    [Params(4 * 1024, 64 * 1024, 1024 * 1024, 16 * 1024 * 1024)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        SimdPolicy.MaxThreads = 1; // the targets compare kernels on one core; ParallelStepBenchmarks measures the split

        var rng = new Random(1);
        _w = new float[N];
        _g = new float[N];
        for (int i = 0; i < N; i++)
        {
            _w[i] = (float)rng.NextDouble();
            _g[i] = (float)(rng.NextDouble() - 0.5);
        }
        _m = new float[N];
        _v = new float[N];
        _tmp = new float[N];
        _p = new Parameter(_w, _g);
        _adam = new Adam { LearningRate = 1e-6f };
        _adam.Step(_p); // allocate state outside the measurement
        _pBf16 = new Parameter((float[])_w.Clone(), (float[])_g.Clone());
        _adamBf16 = new AdamBf16 { LearningRate = 1e-6f };
        _adamBf16.Step(_pBf16);
    }

    [Benchmark(Baseline = true)]
    public void HandFusedAvx2() => AdamKernels.HandFused(_w, _g, _m, _v, 1e-6f, 0.9f, 0.999f, 1e-8f, 10);

    [Benchmark]
    public void Generated() => _adam.Step(_p);

    [Benchmark]
    public void GeneratedBf16State() => _adamBf16.Step(_pBf16);

    [Benchmark]
    public void MemoryOnly() => AdamKernels.MemoryOnly(_w, _g, _m, _v);

    [Benchmark]
    public void TensorPrimitivesComposed() => AdamKernels.TensorPrimitivesComposed(_w, _g, _m, _v, _tmp, 1e-6f, 0.9f, 0.999f, 1e-8f, 10);

    [Benchmark]
    public void NaiveScalar() => AdamKernels.NaiveScalar(_w, _g, _m, _v, 1e-6f, 0.9f, 0.999f, 1e-8f, 10);

    [GlobalCleanup]
    public void Cleanup() => SimdPolicy.MaxThreads = int.MaxValue;
}

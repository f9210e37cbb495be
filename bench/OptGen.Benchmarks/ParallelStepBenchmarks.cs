using BenchmarkDotNet.Attributes;
using OptGen.Optimizers;

namespace OptGen.Benchmarks;

/// <summary>The generated Adam step on one core against the same step split over all cores (chosen by size).</summary>
[MemoryDiagnoser]
public class ParallelStepBenchmarks
{
    private Parameter _p = null!;
    private Adam _adam = null!;

    [Params(1024 * 1024, 4 * 1024 * 1024, 16 * 1024 * 1024)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _p = new Parameter(new float[N]);
        _adam = new Adam { LearningRate = 1e-6f };
        _adam.Step(_p);
    }

    [Benchmark(Baseline = true)]
    public void OneCore()
    {
        SimdPolicy.MaxThreads = 1;
        _adam.Step(_p);
        SimdPolicy.MaxThreads = int.MaxValue;
    }

    [Benchmark]
    public void AllCores() => _adam.Step(_p);
}

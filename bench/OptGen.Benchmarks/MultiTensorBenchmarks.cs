using BenchmarkDotNet.Attributes;
using OptGen.Optimizers;

namespace OptGen.Benchmarks;

/// <summary>Per-tensor overhead: one step over 1,000 tensors of 1K against one tensor of 1M (same bytes).</summary>
[MemoryDiagnoser]
public class MultiTensorBenchmarks
{
    private Parameter[] _many = null!;
    private Parameter _one = null!;
    private Adam _adamMany = null!, _adamOne = null!;

    [GlobalSetup]
    public void Setup()
    {
        SimdPolicy.MaxThreads = 1; // the targets compare kernels on one core; ParallelStepBenchmarks measures the split

        _many = new Parameter[1000];
        for (int i = 0; i < _many.Length; i++)
            _many[i] = new Parameter(1024);
        _one = new Parameter(1024 * 1000);
        _adamMany = new Adam();
        _adamOne = new Adam();
        _adamMany.Step(_many);
        _adamOne.Step(_one);
    }

    [Benchmark(Baseline = true)]
    public void OneTensorOf1M() => _adamOne.Step(_one);

    [Benchmark]
    public void ThousandTensorsOf1K() => _adamMany.Step(_many);

    [GlobalCleanup]
    public void Cleanup() => SimdPolicy.MaxThreads = int.MaxValue;
}

using BenchmarkDotNet.Attributes;
using OptGen.Optimizers;

namespace OptGen.Benchmarks;

/// <summary>
/// Per-tensor overhead: one Adam step over 1,000 tensors of 1K against one tensor of 1M (same bytes) on one core; and
/// both on every core, where the short tensors run side by side in groups (<c>Kernels.RunTensors</c>); the same for
/// LAMB, whose two passes around its per-tensor norms run as a program per tensor (<c>Kernels.RunTensorPrograms</c>).
/// <c>parallel-ratios</c> also times other counts and lengths (<see cref="Count"/>, <see cref="Length"/>).
/// </summary>
[MemoryDiagnoser]
public class MultiTensorBenchmarks
{
    private Parameter[] _many = null!;
    private Parameter _one = null!;
    private IOptimizer _adamMany = null!, _adamOne = null!;

    /// <summary>The optimizer stepped: Adam (one pass) or LAMB (two passes per tensor).</summary>
    [Params("Adam", "Lamb")]
    public string Optimizer { get; set; } = "Adam";

    /// <summary>How many tensors the many-tensor step takes.</summary>
    public int Count { get; set; } = 1000;

    /// <summary>Elements of each of them (the one tensor has <see cref="Count"/> × <see cref="Length"/>).</summary>
    public int Length { get; set; } = 1024;

    [GlobalSetup]
    public void Setup()
    {
        _many = new Parameter[Count];
        for (int i = 0; i < _many.Length; i++)
            _many[i] = new Parameter(Length);
        _one = new Parameter(Length * Count);
        _adamMany = Create();
        _adamOne = Create();
        _adamMany.Step(_many);
        _adamOne.Step(_one);
    }

    private IOptimizer Create() => Optimizer == "Lamb" ? new Lamb() : new Adam();

    // The targets compare kernels on one core; the all-core rows measure the split. (No lambdas: they would allocate.)
    [Benchmark(Baseline = true)]
    public void OneTensorOf1M()
    {
        SimdPolicy.MaxThreads = 1;
        _adamOne.Step(_one);
        SimdPolicy.MaxThreads = int.MaxValue;
    }

    [Benchmark]
    public void ThousandTensorsOf1K()
    {
        SimdPolicy.MaxThreads = 1;
        _adamMany.Step(_many);
        SimdPolicy.MaxThreads = int.MaxValue;
    }

    [Benchmark]
    public void OneTensorOf1MAllCores() => _adamOne.Step(_one);

    [Benchmark]
    public void ThousandTensorsOf1KAllCores() => _adamMany.Step(_many);
}

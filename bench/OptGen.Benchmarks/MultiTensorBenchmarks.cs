using BenchmarkDotNet.Attributes;
using OptGen.Optimizers;

namespace OptGen.Benchmarks;

/// <summary>
/// Per-tensor overhead: one Adam step over 1,000 tensors of 1K against one tensor of 1M (same bytes) on one core; and
/// both on every core, where the short tensors run side by side in groups (<c>Kernels.RunTensors</c>); the same for
/// LAMB, whose two passes around its per-tensor norms run as a program per tensor (<c>Kernels.RunTensorPrograms</c>),
/// and for Adafactor on matrices (<see cref="Rows"/>), whose programs run axis passes (per-row and per-column sums).
/// <c>parallel-ratios</c> also times other counts and lengths (<see cref="Count"/>, <see cref="Length"/>).
/// </summary>
[MemoryDiagnoser]
public class MultiTensorBenchmarks
{
    private Parameter[] _many = null!;
    private Parameter _one = null!;
    private IOptimizer _adamMany = null!, _adamOne = null!;

    /// <summary>The optimizer stepped: Adam (one pass), LAMB (two passes per tensor) or Adafactor (three, on matrices).</summary>
    [Params("Adam", "Lamb", "Adafactor")]
    public string Optimizer { get; set; } = "Adam";

    /// <summary>How many tensors the many-tensor step takes.</summary>
    public int Count { get; set; } = 1000;

    /// <summary>Elements of each of them (the one tensor has <see cref="Count"/> × <see cref="Length"/>).</summary>
    public int Length { get; set; } = 1024;

    /// <summary>
    /// Rows of each tensor as a matrix (<see cref="Length"/> / Rows columns; the one tensor has <see cref="Count"/> ×
    /// Rows rows); Adafactor's tensors are matrices of 32 rows unless set, the others' vectors.
    /// </summary>
    public int Rows { get; set; }

    private int RowsUsed => Rows > 0 ? Rows : Optimizer == "Adafactor" ? 32 : 0;

    [GlobalSetup]
    public void Setup()
    {
        _many = new Parameter[Count];
        int rows = RowsUsed;
        for (int i = 0; i < _many.Length; i++)
            _many[i] = rows > 0 ? new Parameter([rows, Length / rows]) : new Parameter(Length);
        _one = rows > 0 ? new Parameter([rows * Count, Length / rows]) : new Parameter(Length * Count);
        _adamMany = Create();
        _adamOne = Create();
        _adamMany.Step(_many);
        _adamOne.Step(_one);
    }

    private IOptimizer Create() => Optimizer switch
    {
        "Lamb" => new Lamb(),
        "Adafactor" => new Adafactor(),
        _ => new Adam(),
    };

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

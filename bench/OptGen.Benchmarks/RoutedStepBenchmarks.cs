using BenchmarkDotNet.Attributes;
using OptGen.Optimizers;

namespace OptGen.Benchmarks;

/// <summary>
/// What routing costs: one AdamW step over 1,000 tensors of 1 Ki (half weights [32, 32], half biases [1024]) against
/// the same tensors routed to two AdamWs (decay on the weights, none on the biases), and on few large tensors.
/// </summary>
[MemoryDiagnoser]
public class RoutedStepBenchmarks
{
    private Parameter[] _tensors = null!;
    private AdamW _plain = null!;
    private RoutedOptimizer _routed = null!;

    [Params(1000, 4)]
    public int Tensors { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        SimdPolicy.MaxThreads = 1; // the routing overhead, not the split across cores
        int length = 1024 * 1000 / Tensors, side = (int)System.Math.Sqrt(length);
        _tensors = new Parameter[Tensors];
        for (int i = 0; i < Tensors; i++)
        {
            _tensors[i] = i % 2 == 0
                ? new Parameter(new float[side * side], [side, side], $"layer{i}.weight")
                : new Parameter(new float[length], [length], $"layer{i}.bias");
        }
        _plain = new AdamW();
        _routed = Routes.WeightDecayExclusion(() => new AdamW());
        _plain.Step(_tensors);
        _routed.Step(_tensors);
    }

    [Benchmark(Baseline = true)]
    public void OneAdamW() => _plain.Step(_tensors);

    [Benchmark]
    public void RoutedToTwoAdamWs() => _routed.Step(_tensors);

    [GlobalCleanup]
    public void Cleanup() => SimdPolicy.MaxThreads = int.MaxValue;
}

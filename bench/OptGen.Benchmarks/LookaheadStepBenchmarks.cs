using BenchmarkDotNet.Attributes;
using OptGen.Optimizers;

namespace OptGen.Benchmarks;

/// <summary>
/// What Lookahead costs on top of its inner optimizer: one AdamW step over 1 Mi floats (four [512, 512] tensors)
/// against the same step wrapped with timm's SyncPeriod 6 (one synchronisation pass every sixth step) and with
/// SyncPeriod 1 (a synchronisation every step, the worst case).
/// </summary>
[MemoryDiagnoser]
public class LookaheadStepBenchmarks
{
    private Parameter[] _tensors = null!;
    private AdamW _plain = null!;
    private Lookahead _every6 = null!, _every1 = null!;

    [GlobalSetup]
    public void Setup()
    {
        SimdPolicy.MaxThreads = 1; // the wrapper's cost, not the split across cores
        _tensors = new Parameter[4];
        for (int i = 0; i < _tensors.Length; i++)
            _tensors[i] = new Parameter(new float[512 * 512], [512, 512], $"layer{i}.weight");
        _plain = new AdamW();
        _every6 = new Lookahead(new AdamW());
        _every1 = new Lookahead(new AdamW()) { SyncPeriod = 1 };
        _plain.Step(_tensors);
        _every6.Step(_tensors);
        _every1.Step(_tensors);
    }

    [Benchmark(Baseline = true)]
    public void AdamWAlone() => _plain.Step(_tensors);

    [Benchmark]
    public void LookaheadEvery6() => _every6.Step(_tensors);

    [Benchmark]
    public void LookaheadEvery1() => _every1.Step(_tensors);

    [GlobalCleanup]
    public void Cleanup() => SimdPolicy.MaxThreads = int.MaxValue;
}

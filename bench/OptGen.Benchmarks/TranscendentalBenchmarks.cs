using BenchmarkDotNet.Attributes;
using OptGen.Optimizers;

namespace OptGen.Benchmarks;

/// <summary>
/// Element functions in a step, on one core, against Adam at the same size (64 Ki): MADGRAD's cube root
/// (<c>sumSq^(1/3)</c>, a <c>pow</c> computed through double <c>exp</c> and <c>log</c>) and a formula with float
/// <c>exp</c>, <c>log</c> and <c>tanh</c>. Until 2026-12-06 every width computed these on 128-bit parts (four calls a
/// vector at 512 bits); now at the full width (see FloatVector.template). Each is a call into .NET's vector math, which
/// tiers on its own: the step's time varies from run to run (docs/performance-log.md, 2026-12-06).
/// </summary>
[MemoryDiagnoser]
public class TranscendentalBenchmarks
{
    private const int N = 1 << 16;
    private Parameter _adamParameter = null!, _madgradParameter = null!, _functionsParameter = null!;
    private Adam _adam = null!;
    private Madgrad _madgrad = null!;
    private ElementFunctions _functions = null!;

    [GlobalSetup]
    public void Setup()
    {
        SimdPolicy.MaxThreads = 1;
        _adamParameter = Inputs.Parameter(N);
        _madgradParameter = Inputs.Parameter(N);
        _functionsParameter = Inputs.Parameter(N);
        _adam = new Adam { LearningRate = 1e-6f };
        _madgrad = new Madgrad { LearningRate = 1e-6f };
        _functions = new ElementFunctions { LearningRate = 1e-6f };
        _adam.Step(_adamParameter);
        _madgrad.Step(_madgradParameter);
        _functions.Step(_functionsParameter);
    }

    [Benchmark(Baseline = true)]
    public void Adam() => _adam.Step(_adamParameter);

    [Benchmark]
    public void Madgrad() => _madgrad.Step(_madgradParameter);

    [Benchmark]
    public void ExpLogTanh() => _functions.Step(_functionsParameter);

    [GlobalCleanup]
    public void Cleanup() => SimdPolicy.MaxThreads = int.MaxValue;
}

/// <summary>A step made of element functions: a smooth sign, scaled by the log of a running magnitude.</summary>
[Optimizer(LearningRate = 1e-3)]
[State("m")]
[Update("""
    m = m + 0.1 * (abs(g) - m)
    w -= lr * tanh(g / (m + 1e-8)) * log(1 + exp(-abs(w)))
    """)]
public partial class ElementFunctions;

using System;
using OptGen.Optimizers;

namespace OptGen.Benchmarks;

/// <summary>
/// The driver's one-core ratios (Adam, bfloat16 Adam, the hand-fused kernel, each against the memory-only kernel) from
/// one run in which the four are timed in turn, trial after trial, and each is summarised by a low percentile of its
/// trials. On a machine shared with other jobs, BenchmarkDotNet's few long iterations each catch a different share of
/// the interference (a 3-iteration run gave the memory-only kernel 54 µs at 4 Ki, 70× its quiet time); interleaved short
/// trials see the same interference and their low percentiles the same quiet moments, so the ratios hold still.
/// Run with <c>driver-ratios</c>.
/// </summary>
internal static class DriverRatios
{
    public static void Run()
    {
        SimdPolicy.MaxThreads = 1;
        Console.WriteLine($"one core, {Interleaved.Percentile:P0} percentile of interleaved trials; {Environment.ProcessorCount} cores");
        Console.WriteLine("N | memory-only ns/param | generated ÷ memory-only | bf16 ÷ memory-only | hand-fused ÷ memory-only | bf16 speed-up over fp32");
        foreach (int n in new[] { 4 << 10, 64 << 10, 1 << 20, 16 << 20, 64 << 20 })
            Measure(n);
        SimdPolicy.MaxThreads = int.MaxValue;
    }

    private static void Measure(int n)
    {
        // Every kernel has buffers of its own. (The hand-fused kernel once shared the memory-only kernel's, and ran just
        // before it in each round of trials: at 16 Mi the tail it left in the last-level cache made the baseline a few
        // percent faster than it is cold, and every ratio to it that much worse.)
        (Memory<float> w, Memory<float> g) = Inputs.Filled(n);
        Memory<float> m = AlignedMemory.Allocate(n), v = AlignedMemory.Allocate(n);
        (Memory<float> hw, Memory<float> hg) = Inputs.Filled(n);
        Memory<float> hm = AlignedMemory.Allocate(n), hv = AlignedMemory.Allocate(n);
        Parameter p = Inputs.Parameter(n), pBf16 = Inputs.Parameter(n);
        var adam = new Adam { LearningRate = 1e-6f };
        var adamBf16 = new AdamBf16 { LearningRate = 1e-6f };
        Action[] runs =
        [
            () => AdamKernels.MemoryOnly(w.Span, g.Span, m.Span, v.Span),
            () => adam.Step(p),
            () => adamBf16.Step(pBf16),
            () => AdamKernels.HandFused(hw.Span, hg.Span, hm.Span, hv.Span, 1e-6f, 0.9f, 0.999f, 1e-8f, 10),
        ];
        // The setup leaves large pinned garbage (Inputs.Parameter copies from arrays it drops): until a full collection
        // had run, the generated step measured 2.2-2.4 x the memory-only kernel at 16 Mi, 1.1-1.2 x after one.
        int calls = Math.Max(1, (64 << 10) / n); // a trial of at least ~64 Ki parameters
        int trials = n >= 16 << 20 ? 25 : n >= 1 << 20 ? 200 : 2000;
        double[] at = Interleaved.Time(runs, trials, calls);
        Console.WriteLine($"{n} | {at[0] / n:F3} | {at[1] / at[0]:F2} | {at[2] / at[0]:F2} | {at[3] / at[0]:F2} | {at[1] / at[2]:F2}");
    }
}

using System;

namespace OptGen.Benchmarks;

/// <summary>
/// The shaped targets from interleaved trials (see <see cref="Interleaved"/>): Adafactor on [4096, 4096] against the
/// memory-only kernel with the same passes, on one core and on every core; SM3 on [2048, 2048] against its memory-only
/// kernel on one core; one Newton–Schulz iteration on [1024, 1024]
/// and [4096, 1024], on one core and on every core, as a fraction of the FMA peak. Run with <c>shaped-ratios</c>.
/// </summary>
internal static class ShapedRatios
{
    public static void Run()
    {
        Console.WriteLine($"{Interleaved.Percentile:P0} percentile of interleaved trials; {Environment.ProcessorCount} cores");
        var adafactor = new AdafactorBenchmarks();
        adafactor.Setup();
        double[] at = Interleaved.Time(
        [
            () => adafactor.MemoryOnlySamePasses(),
            adafactor.Generated,
            () => adafactor.MemoryOnlySamePassesAllCores(),
            adafactor.GeneratedAllCores,
            () => adafactor.MemoryOnlyUInMemory(),
            () => adafactor.MemoryOnlySamePassesWithColumns(),
        ], trials: 15, calls: 1);
        adafactor.Cleanup();
        Console.WriteLine($"Adafactor [4096, 4096]: one core {at[1] / at[0]:F2} x memory-only (fraction {at[0] / at[1]:F2}); "
            + $"all cores {at[3] / at[2]:F2} x all-core memory-only (fraction {at[2] / at[3]:F2}); memory-only all ÷ one core {at[2] / at[0]:F2}");
        Console.WriteLine($"  one core, ms: step {at[1] / 1e6:F1}, memory-only {at[0] / 1e6:F1} (20 B/param), with u in memory {at[4] / 1e6:F1} (32 B/param: "
            + $"step ÷ that {at[1] / at[4]:F2}), the same passes with their per-row column traffic {at[5] / 1e6:F1} (fraction {at[5] / at[1]:F2})");
        var sm3 = new Sm3Benchmarks();
        sm3.Setup();
        double[] st = Interleaved.Time([() => sm3.MemoryOnlySameTraffic(), sm3.Generated], trials: 15, calls: 1);
        sm3.Cleanup();
        Console.WriteLine($"SM3 [2048, 2048], one core: {st[1] / st[0]:F2} x memory-only (fraction {st[0] / st[1]:F2}); step {st[1] / 1e6:F1} ms, memory-only {st[0] / 1e6:F1} ms (20 B/param)");
        int cores = Math.Max(2, Environment.ProcessorCount);
        foreach (string shape in new[] { "1024x1024", "4096x1024" })
        {
            var one = new NewtonSchulzBenchmarks { Shape = shape, Threads = 1 };
            var all = new NewtonSchulzBenchmarks { Shape = shape, Threads = cores };
            one.Setup();
            one.Cleanup();
            all.Setup();
            all.Cleanup();
            int saved = SimdPolicy.MaxThreads;
            double[] ns = Interleaved.Time(
            [
                () => one.FmaPeak(),
                () => { SimdPolicy.MaxThreads = 1; one.NewtonSchulzIteration(); },
                () => { SimdPolicy.MaxThreads = cores; all.NewtonSchulzIteration(); },
            ], trials: shape == "1024x1024" ? 15 : 7, calls: 1);
            SimdPolicy.MaxThreads = saved;
            double peak = GemmBenchmarks.PeakFlops / ns[0]; // flops per ns on one core
            double threads = Math.Min(cores, Environment.ProcessorCount);
            Console.WriteLine($"Newton–Schulz {shape}: one core {one.Flops / ns[1] / peak:P0} of peak; {threads:F0} cores {one.Flops / ns[2] / (threads * peak):P0} of peak "
                + $"(speed-up {ns[1] / ns[2]:F2}); peak {peak:F1} GFLOP/s a core");
            Parts(shape == "1024x1024" ? [1024, 1024] : [4096, 1024]);
        }
    }

    // Where an iteration's time goes, on one core: X·Xᵀ in full and as computed (half and mirror), B·X, and the rest
    // of a call (copy, norm, scale: newton_schulz with no step).
    private static void Parts(int[] shape)
    {
        int r = Math.Min(shape[0], shape[1]), k = Math.Max(shape[0], shape[1]);
        float[] x = Inputs.Filled(r * k).G.ToArray(), gram = new float[r * r], b = new float[r * r], product = new float[r * k];
        MatrixView view = MatrixView.Of(shape, TensorView.Stack);
        int saved = SimdPolicy.MaxThreads;
        SimdPolicy.MaxThreads = 1;
        double[] at = Interleaved.Time(
        [
            () => Nn.Gemm.Multiply(x, false, x, true, gram, r, r, k, accumulate: false),
            () => Internal.MatrixOps.SymmetricProduct(x, gram, r, k, Internal.MatrixOps.Gram.RowsByRows),
            () => Nn.Gemm.Multiply(b, false, x, false, product, r, k, r, accumulate: false),
            () => Internal.MatrixOps.NewtonSchulz(view, ref x[0], ref product[0], 3.4445, -4.775, 2.0315, 0, 1e-7),
        ], trials: 9, calls: 1);
        SimdPolicy.MaxThreads = saved;
        Console.WriteLine($"  one core: X·Xᵀ {at[0] / 1e6:F1} ms in full, {at[1] / 1e6:F1} ms as half and mirror; B·X {at[2] / 1e6:F1} ms; "
            + $"copy, norm and scale {at[3] / 1e6:F1} ms");
    }
}

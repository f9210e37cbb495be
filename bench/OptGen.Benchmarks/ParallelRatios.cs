using System;

namespace OptGen.Benchmarks;

/// <summary>
/// <see cref="ParallelStepBenchmarks"/> from interleaved trials (see <see cref="Interleaved"/>): the generated Adam on
/// every core against the memory-only kernel split the same way, and both on one core, at 1, 16 and 64 Mi; and the
/// speed-up of bfloat16 moments over float32 ones, on every core and on one; steps over many short tensors on every
/// core against one (<see cref="MultiTensorBenchmarks"/>). Run with <c>parallel-ratios</c>.
/// </summary>
internal static class ParallelRatios
{
    public static void Run()
    {
        Console.WriteLine($"{Interleaved.Percentile:P0} percentile of interleaved trials; {Environment.ProcessorCount} cores");
        Console.WriteLine("N | generated ÷ memory-only, all cores | one core | memory-only speed-up (all ÷ one core) | generated speed-up | bf16 speed-up over fp32, all cores | one core");
        foreach (int n in new[] { 1 << 20, 16 << 20, 64 << 20 })
        {
            var bench = new ParallelStepBenchmarks { N = n };
            bench.Setup();
            double[] at = Interleaved.Time(
            [
                bench.MemoryOnlyAllCores,
                bench.GeneratedAllCores,
                bench.MemoryOnlyOneCore,
                bench.GeneratedOneCore,
                bench.GeneratedBf16AllCores,
                bench.GeneratedBf16OneCore,
            ], trials: n >= 16 << 20 ? 25 : 200, calls: 1);
            Console.WriteLine($"{n} | {at[1] / at[0]:F2} (fraction {at[0] / at[1]:F2}) | {at[3] / at[2]:F2} (fraction {at[2] / at[3]:F2}) | {at[2] / at[0]:F2} | {at[3] / at[1]:F2} | {at[1] / at[4]:F2} | {at[3] / at[5]:F2}");
        }
        ManyTensors();
    }

    // Steps over many short tensors, which run side by side in groups on every core, against one core; and one tensor
    // with as many elements (split by chunks) the same way. Adam's one pass, LAMB's two around per-tensor norms, and
    // Adafactor's axis passes on matrices of 32 and 64 rows.
    private static void ManyTensors()
    {
        Console.WriteLine();
        Console.WriteLine("optimizer: tensors × elements | many: one core ns/param | many: all ÷ one core (speed-up) | one tensor as long: speed-up | many ÷ one tensor, all cores");
        foreach ((string optimizer, int count, int length, int rows) in new[] { ("Adam", 1000, 1024, 0), ("Adam", 10_000, 100, 0), ("Adam", 100, 10_240, 0),
            ("Lamb", 1000, 1024, 0), ("Lamb", 10_000, 100, 0), ("Adafactor", 1000, 1024, 32), ("Adafactor", 300, 4096, 64) })
        {
            var bench = new MultiTensorBenchmarks { Optimizer = optimizer, Count = count, Length = length, Rows = rows };
            bench.Setup();
            Action[] runs = [bench.ThousandTensorsOf1K, bench.ThousandTensorsOf1KAllCores, bench.OneTensorOf1M, bench.OneTensorOf1MAllCores];
            // The per-tensor calls are tiered: a step over 1,000 short tensors takes ~1,000 steps (0.15 s) to reach its
            // final code, which Interleaved's few warm-up calls do not cover.
            foreach (Action run in runs)
            {
                for (var clock = System.Diagnostics.Stopwatch.StartNew(); clock.ElapsedMilliseconds < 500;)
                    run();
            }
            double[] at = Interleaved.Time(runs, trials: 200, calls: 1);
            string shape = rows > 0 ? $"[{rows}, {length / rows}]" : length.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Console.WriteLine($"{optimizer}: {count} × {shape} | {at[0] / ((double)count * length):F3} | {at[0] / at[1]:F2} | {at[2] / at[3]:F2} | {at[1] / at[3]:F2}");
        }
    }
}

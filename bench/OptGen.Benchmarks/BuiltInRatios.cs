using System;
using System.Collections.Generic;
using System.Linq;
using OptGen.Optimizers;

namespace OptGen.Benchmarks;

/// <summary>
/// Every built-in's step on one core, in nanoseconds per parameter and against Adam's, on a [256, 256] tensor (64 Ki, in
/// the caches) and a [2048, 2048] one (4 Mi, from memory), the optimizers timed in turn trial after trial
/// (<see cref="Interleaved"/>). A survey for finding the built-in whose loop runs far slower than its arithmetic and
/// traffic suggest (AdEMAMix was 3.7 x Adam in the caches until its kernel kept its numbers in memory on AVX2). Muon's
/// Newton–Schulz products are timed by <c>shaped-ratios</c>, and left out at 4 Mi (seconds a step). After the catalogue,
/// variants whose plans differ from their defaults' (cautious AdamP). Run with <c>builtin-ratios</c>.
/// </summary>
internal static class BuiltInRatios
{
    // The catalogue, then variants whose plans differ from their default's (cautious AdamP: its mask's passes).
    private static readonly (string Name, Func<IOptimizer> Create)[] Entries =
    [
        .. BuiltInOptimizers.All.Select(o => (o.Name, (Func<IOptimizer>)o.Create)),
        ("adamp, Caution", () => new AdamP { Caution = true }),
    ];

    public static void Run()
    {
        SimdPolicy.MaxThreads = 1;
        Console.WriteLine($"one core, {Interleaved.Percentile:P0} percentile of interleaved trials; {Environment.ProcessorCount} cores");
        double[] small = Measure(256, trials: 40, calls: 8, skip: null);
        double[] large = Measure(2048, trials: 15, calls: 1, skip: "muon");
        Console.WriteLine("optimizer | [256, 256] ns/param | ÷ Adam | [2048, 2048] ns/param | ÷ Adam");
        int adam = Array.FindIndex(Entries, e => e.Name == "adam");
        for (int k = 0; k < Entries.Length; k++)
        {
            string largeText = double.IsNaN(large[k]) ? "— | —" : $"{large[k]:F3} | {large[k] / large[adam]:F2}";
            Console.WriteLine($"{Entries[k].Name} | {small[k]:F3} | {small[k] / small[adam]:F2} | {largeText}");
        }
        SimdPolicy.MaxThreads = int.MaxValue;
    }

    // Nanoseconds per parameter of each built-in on a [side, side] tensor of its own (NaN for the one skipped). A trial of
    // several calls at 64 Ki: the other optimizers' trials in between leave its streams out of the caches, and the first
    // call reads them from memory.
    private static double[] Measure(int side, int trials, int calls, string? skip)
    {
        int n = side * side;
        var runs = new List<Action>();
        var measured = new List<int>();
        for (int k = 0; k < Entries.Length; k++)
        {
            if (Entries[k].Name == skip)
                continue;
            IOptimizer optimizer = Entries[k].Create();
            optimizer.LearningRate = 1e-6f;
            Parameter p = Inputs.Matrix(side, side).P;
            if (optimizer is ILossAware lossAware)
                runs.Add(() => { lossAware.Loss = 1.0; optimizer.Step(p); }); // MoMo, Polyak: a loss each step
            else
                runs.Add(() => optimizer.Step(p));
            measured.Add(k);
        }
        double[] at = Interleaved.Time(runs.ToArray(), trials, calls);
        var perParameter = new double[Entries.Length];
        Array.Fill(perParameter, double.NaN);
        for (int r = 0; r < measured.Count; r++)
            perParameter[measured[r]] = at[r] / n;
        return perParameter;
    }
}

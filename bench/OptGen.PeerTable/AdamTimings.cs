using System;
using System.Globalization;
using System.Linq;
using OptGen.Benchmarks;
using OptGen.Optimizers;

namespace OptGen.PeerTable;

/// <summary>Adam steps on one tensor of each size, and on 1000 tensors of 1 Ki, as the peers' script times PyTorch's.</summary>
internal static class AdamTimings
{
    private static readonly int[] DefaultSizes = [4 << 10, 64 << 10, 1 << 20, 16 << 20, 64 << 20];

    public static int[] Sizes(string? list) =>
        string.IsNullOrWhiteSpace(list)
            ? DefaultSizes
            : [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))];

    /// <summary>
    /// Times Adam at each size and on 1000 tensors of 1 Ki. <paramref name="prefetch"/> (env PREFETCH=on|off) forces
    /// <see cref="SimdPolicy.PrefetchElementPasses"/>, and the lines say so (<c>adam+prefetch</c>, <c>adam-noprefetch</c>):
    /// the policy was measured on AMD cores, and the Xeon's prefetchers may want the other setting.
    /// </summary>
    public static void Run(int threads, int[] sizes, bool? prefetch = null)
    {
        SimdPolicy.PrefetchElementPasses = prefetch;
        string tag = prefetch switch { true => "+prefetch", false => "-noprefetch", null => "" };
        foreach (int n in sizes)
        {
            // The peers' script's counts: at least ~64 M parameters stepped per run, 3 to 2000 steps.
            int steps = Math.Max(3, Math.Min(2000, 64_000_000 / n));
            int reps = n >= 16 << 20 ? 5 : 7;
            Report("adam" + tag, $"n={n}", threads, n, Time(new Adam { LearningRate = 1e-3f }, [Filled(n, 1)], steps, reps));
            Report("adam-bf16" + tag, $"n={n}", threads, n, Time(new AdamBf16 { LearningRate = 1e-3f }, [Filled(n, 1)], steps, reps));
        }
        Parameter[] many = Enumerable.Range(0, 1000).Select(i => Filled(1024, i)).ToArray();
        Report("adam" + tag, "1000x1024", threads, 1000 * 1024, Time(new Adam { LearningRate = 1e-3f }, many, 20, 7));
    }

    private static double Time(IOptimizer optimizer, Parameter[] parameters, int steps, int reps) =>
        Timing.MedianSeconds(() => optimizer.Step(parameters), steps, reps);

    private static void Report(string what, string size, int threads, long parameters, double seconds) =>
        Console.WriteLine(FormattableString.Invariant(
            $"optgen {what} {size} threads={threads} ns_per_param={seconds * 1e9 / parameters:F4}"));

    // Values and gradients uniform in [-0.5, 0.5), as the peers' torch.rand(n) - 0.5.
    private static Parameter Filled(int n, int seed)
    {
        var p = new Parameter(n);
        var random = new Random(seed);
        Span<float> value = p.Value, grad = p.Grad;
        for (int i = 0; i < n; i++)
        {
            value[i] = random.NextSingle() - 0.5f;
            grad[i] = random.NextSingle() - 0.5f;
        }
        return p;
    }
}

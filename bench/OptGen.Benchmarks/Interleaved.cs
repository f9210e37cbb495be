using System;
using System.Diagnostics;

namespace OptGen.Benchmarks;

/// <summary>
/// Times several actions in turn, trial after trial, and summarises each by a low percentile of its trials: on a machine
/// shared with other jobs the actions see the same interference and their low percentiles the same quiet moments, so
/// ratios between them hold still where BenchmarkDotNet's few long iterations do not.
/// </summary>
internal static class Interleaved
{
    public const double Percentile = 0.10;

    /// <summary>Nanoseconds per call of each run: <see cref="Percentile"/> of <paramref name="trials"/> trials of <paramref name="calls"/> calls.</summary>
    public static double[] Time(Action[] runs, int trials, int calls)
    {
        // A setup may leave large pinned garbage; BenchmarkDotNet collects before its iterations, so collect here too.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var times = new double[runs.Length][];
        for (int r = 0; r < runs.Length; r++)
        {
            times[r] = new double[trials];
            for (int warm = 0; warm < 3 * calls; warm++)
                runs[r]();
        }
        for (int t = 0; t < trials; t++)
        {
            for (int r = 0; r < runs.Length; r++)
            {
                long start = Stopwatch.GetTimestamp();
                for (int c = 0; c < calls; c++)
                    runs[r]();
                times[r][t] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / calls;
            }
        }
        var at = new double[runs.Length];
        for (int r = 0; r < runs.Length; r++)
        {
            Array.Sort(times[r]);
            at[r] = times[r][(int)(Percentile * (trials - 1))];
        }
        return at;
    }
}

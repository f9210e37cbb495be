using System;
using System.Diagnostics;

namespace OptGen.PeerTable;

/// <summary>The peers' script's timing, so both sides are measured alike: two warm-up calls, then the median of
/// <c>reps</c> runs of <c>steps</c> calls, per call.</summary>
internal static class Timing
{
    public static double MedianSeconds(Action step, int steps, int reps)
    {
        step();
        step();
        var runs = new double[reps];
        for (int r = 0; r < reps; r++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int s = 0; s < steps; s++)
                step();
            runs[r] = Stopwatch.GetElapsedTime(start).TotalSeconds / steps;
        }
        Array.Sort(runs);
        return reps % 2 == 1 ? runs[reps / 2] : (runs[reps / 2 - 1] + runs[reps / 2]) / 2;
    }
}

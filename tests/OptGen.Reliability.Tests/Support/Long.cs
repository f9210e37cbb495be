using System;

namespace OptGen.Reliability.Tests.Support;

/// <summary>OPTGEN_LONG=1 turns on the long runs (≥ 200,000 generator cases, a million soak steps).</summary>
internal static class Long
{
    public static bool Enabled { get; } = Environment.GetEnvironmentVariable("OPTGEN_LONG") is "1" or "true";

    public static int Pick(int normal, int longRun) => Enabled ? longRun : normal;
}

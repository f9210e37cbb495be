using System;

namespace OptGen.TestSupport;

/// <summary>OPTGEN_LONG=1 turns on the long runs (≥ 200,000 generator cases, a million soak steps).</summary>
public static class Long
{
    public static bool Enabled { get; } = Environment.GetEnvironmentVariable("OPTGEN_LONG") is "1" or "true";

    public static int Pick(int normal, int longRun) => Enabled ? longRun : normal;
}

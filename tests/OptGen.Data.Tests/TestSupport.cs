using System;
using System.IO;
using OptGen;

namespace OptGen.Data.Tests;

/// <summary>Adam as in spec §1, for checkpoint tests.</summary>
[Optimizer]
[State("m"), State("v")]
[Update("""
    m = Beta1 * m + (1 - Beta1) * g
    v = Beta2 * v + (1 - Beta2) * g * g
    w -= lr * (m / (1 - Beta1^t)) / (sqrt(v / (1 - Beta2^t)) + Eps)
    """)]
public partial class TestAdam
{
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta1 { get; set; }
    [Hyperparameter(0.999, Min = 0, Max = 1)] public partial float Beta2 { get; set; }
    [Hyperparameter(1e-8, Min = 0)] public partial float Eps { get; set; }
}

/// <summary>A momentum optimizer with a per-tensor scalar state (a running product), to exercise scalar checkpointing.</summary>
[Optimizer(LearningRate = 0.01)]
[State("m"), State("prod", Scalar = true, Init = 1)]
[Update("""
    prod = prod * Beta
    m = Beta * m + (1 - Beta) * g
    w -= lr * m / (1 - prod)
    """)]
public partial class TestScalarMomentum
{
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta { get; set; }
}

/// <summary>Another optimizer with Adam's buffer names but a different type, for mismatch tests.</summary>
[Optimizer]
[State("m"), State("v")]
[Update("""
    m = 0.9 * m + 0.1 * g
    v = 0.99 * v + 0.01 * g * g
    w -= lr * m / (sqrt(v) + 1e-8)
    """)]
public partial class OtherAdam
{
}

/// <summary>Deterministic training for the checkpoint and interop tests.</summary>
internal static class TestTraining
{
    /// <summary>A deterministic "gradient" (from the step and the current values), then a step; repeated.</summary>
    public static void Train(IOptimizer opt, Parameter[] ps, int steps)
    {
        for (int s = 0; s < steps; s++)
        {
            long t = opt.StepCount;
            for (int k = 0; k < ps.Length; k++)
            {
                Span<float> w = ps[k].Value, g = ps[k].Grad;
                for (int i = 0; i < w.Length; i++)
                    g[i] = (float)(Math.Sin(0.37 * t + 1.3 * i + k) * 0.5 + 0.1 * w[i]);
            }
            opt.Step(ps);
        }
    }

    /// <summary>The bit patterns, so that comparisons are exact (NaN and -0 included).</summary>
    public static int[] Bits(ReadOnlySpan<float> values)
    {
        var b = new int[values.Length];
        for (int i = 0; i < b.Length; i++)
            b[i] = BitConverter.SingleToInt32Bits(values[i]);
        return b;
    }
}

internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OptGen.sln")) && Directory.Exists(Path.Combine(dir.FullName, "data")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException($"Could not find the repository root (OptGen.sln + data/) above {AppContext.BaseDirectory}.");
    });

    public static string Data(params string[] parts) => Path.Combine(Root.Value, "data", Path.Combine(parts));
}

/// <summary>A fresh temporary folder, deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "optgen-data-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        string path = File(name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

namespace OptGen.Runtime.Tests;

/// <summary>
/// <c>uniform()</c> and <c>normal()</c> in updates: one draw per element, a pure function of (Seed, step, tensor,
/// element, call site). So the bits are the same at every width and thread count, a restored run continues exactly,
/// seeds, steps, tensors and sites differ, and the draws have the right distribution.
/// </summary>
[Collection(SimdPolicyCollection.Name)]
public class RandomDrawTests
{
    private static readonly int[] Lengths = [1000, 77, 130, 1, 4099, 17];

    internal static Parameter[] Make(int[] lengths)
    {
        var parameters = new Parameter[lengths.Length];
        for (int k = 0; k < lengths.Length; k++)
        {
            var p = new Parameter(new float[lengths[k]]);
            for (int i = 0; i < lengths[k]; i++)
            {
                p.Value[i] = MathF.Sin(0.37f * i + k);
                p.Grad[i] = MathF.Cos(0.11f * i - k) * 0.5f;
            }
            parameters[k] = p;
        }
        return parameters;
    }

    private static float[][] Train(Func<IOptimizer> make, int[] lengths, int steps = 3, Func<int[], Parameter[]>? parameters = null)
    {
        Parameter[] ps = (parameters ?? Make)(lengths);
        IOptimizer optimizer = make();
        for (int s = 0; s < steps; s++)
            optimizer.Step(ps);
        return ps.Select(p => p.Value.ToArray()).ToArray();
    }

    public static TheoryData<string> Optimizers() => new() { "noisy", "draws", "rows" };

    private static IOptimizer Named(string name) => name switch
    {
        "noisy" => new TestNoisySgd { Seed = 7 },
        "draws" => new TestDraws { Seed = 7 },
        _ => new TestRowNoise { Seed = 7 },
    };

    // Shaped tensors for the per-row optimizer (its draws run in the axis driver, row by row).
    private static Parameter[] Shaped(int[] lengths) =>
        Make(lengths).Select((p, k) => new Parameter(p.Value.ToArray(), p.Grad.ToArray(), lengths[k] % 2 == 0 ? [2, lengths[k] / 2] : [lengths[k]])).ToArray();

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void EveryWidthDrawsTheSameBits(string name)
    {
        Func<int[], Parameter[]>? make = name == "rows" ? Shaped : null;
        float[][] widest = Policy.With(() => Train(() => Named(name), Lengths, parameters: make), bits: 512, chunk: 256);
        foreach (int bits in new[] { 256, 128, 0 })
        {
            float[][] other = Policy.With(() => Train(() => Named(name), Lengths, parameters: make), bits: bits, chunk: 256);
            for (int k = 0; k < Lengths.Length; k++)
                Assert.True(widest[k].AsSpan().SequenceEqual(other[k]), $"{name}: tensor {k} differs between 512 and {bits} bits");
        }
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void OneThreadAndManyDrawTheSameBits(string name)
    {
        Func<int[], Parameter[]>? make = name == "rows" ? Shaped : null;
        int[] lengths = [100_003, 70, 1];
        float[][] one = Policy.With(() => Train(() => Named(name), lengths, parameters: make), threads: 1, threshold: 1024, chunk: 1024);
        float[][] many = Policy.With(() => Train(() => Named(name), lengths, parameters: make), threads: 4, threshold: 1024, chunk: 1024);
        for (int k = 0; k < lengths.Length; k++)
            Assert.True(one[k].AsSpan().SequenceEqual(many[k]), $"{name}: tensor {k} differs between 1 and 4 threads");
    }

    [Fact]
    public void ARestoredRunContinuesWithTheDrawsOfTheUninterruptedOne()
    {
        float[][] straight = Train(() => new TestDraws { Seed = 3 }, Lengths, steps: 5);

        Parameter[] ps = Make(Lengths);
        var first = new TestDraws { Seed = 3 };
        for (int s = 0; s < 3; s++)
            first.Step(ps);
        float[][][] buffers = Enumerable.Range(0, ps.Length).Select(k => new[] { first.State.Tensors[k].Buffer(0).ToArray() }).ToArray();
        double[][] scalars = Enumerable.Range(0, ps.Length).Select(_ => Array.Empty<double>()).ToArray();
        var resumed = new TestDraws { Seed = 3 };
        resumed.State.Restore(ps, first.StepCount, buffers, scalars);
        resumed.Step(ps);
        resumed.Step(ps);
        for (int k = 0; k < ps.Length; k++)
            Assert.True(straight[k].AsSpan().SequenceEqual(ps[k].Value), $"tensor {k} differs after resuming at step 3");
    }

    [Fact]
    public void SeedsStepsTensorsAndSitesDrawDifferentlyAndASeedRepeats()
    {
        int[] lengths = [64, 64];
        float[][] a = Train(() => new TestDraws { Seed = 1 }, lengths, steps: 1);
        float[][] again = Train(() => new TestDraws { Seed = 1 }, lengths, steps: 1);
        float[][] b = Train(() => new TestDraws { Seed = 2 }, lengths, steps: 1);
        Assert.True(a[0].AsSpan().SequenceEqual(again[0]));
        Assert.False(a[0].AsSpan().SequenceEqual(b[0]), "two seeds drew the same numbers");

        // Equal starting tensors: the draws alone make them differ, and differ again at the next step.
        var p0 = new Parameter(new float[64]);
        var p1 = new Parameter(new float[64]);
        var opt = new TestDraws { Seed = 1 };
        opt.Step(p0, p1);
        float[] first = p0.Value.ToArray();
        Assert.False(first.AsSpan().SequenceEqual(p1.Value), "two tensors drew the same numbers");
        opt.Step(p0, p1);
        float[] second = p0.Value.ToArray().Select((v, i) => v - first[i]).ToArray();
        Assert.False(first.AsSpan().SequenceEqual(second), "two steps drew the same numbers");
        // The normal site (z) is not the uniform one (added to w): z holds normals, some negative.
        Assert.Contains(opt.State.Tensors[0].Buffer(0).ToArray(), z => z < 0);
        Assert.DoesNotContain(first, u => u < 0 || u >= 1);
    }

    [Fact]
    public void UniformAndNormalDrawsHaveTheirMeanAndVariance()
    {
        const int n = 2_000_000;
        var p = new Parameter(new float[n]);
        var opt = new TestDraws { Seed = 11 };
        opt.Step(p); // w = uniform(), z = normal()
        (double mean, double variance) Moments(ReadOnlySpan<float> x)
        {
            double sum = 0, squares = 0;
            foreach (float v in x)
            {
                sum += v;
                squares += (double)v * v;
            }
            double m = sum / x.Length;
            return (m, squares / x.Length - m * m);
        }
        (double um, double uv) = Moments(p.Value);
        Assert.InRange(um, 0.5 - 0.002, 0.5 + 0.002);        // standard error 0.0002
        Assert.InRange(uv, 1.0 / 12 - 0.001, 1.0 / 12 + 0.001);
        (double nm, double nv) = Moments(opt.State.Tensors[0].Buffer(0));
        Assert.InRange(nm, -0.005, 0.005);                   // standard error 0.0007
        Assert.InRange(nv, 1 - 0.01, 1 + 0.01);
        // Tails: about 4.55% of standard normals lie beyond ±2.
        double beyond = opt.State.Tensors[0].Buffer(0).ToArray().Count(z => Math.Abs(z) > 2) / (double)n;
        Assert.InRange(beyond, 0.0455 - 0.002, 0.0455 + 0.002);
    }

    [Fact]
    public void NoisySgdWithNoNoiseIsPlainSgd()
    {
        float[][] noisy = Train(() => new TestNoisySgd { Sigma = 0, Seed = 5 }, Lengths, steps: 1);
        Parameter[] plain = Make(Lengths);
        for (int k = 0; k < plain.Length; k++)
        {
            for (int i = 0; i < plain[k].Length; i++)
                Assert.Equal(plain[k].Value[i] - 0.1f * plain[k].Grad[i], noisy[k][i], 6);
        }
    }

    [Fact]
    public void AStepThatDrawsAllocatesNothing()
    {
        Parameter[] ps = Make([4099, 130]);
        var opt = new TestNoisySgd { Seed = 1 };
        opt.Step(ps);
        Assert.Equal(0, Allocations.OfSteps(opt, ps, 1));
    }
}

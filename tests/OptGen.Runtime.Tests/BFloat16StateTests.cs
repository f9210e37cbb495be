using OptGen.Internal;
using OptGen.Runtime.Tests.Kernel;

namespace OptGen.Runtime.Tests;

/// <summary>
/// State stored as bfloat16: the moments are rounded to bfloat16 after every update while the arithmetic stays
/// float32. Checked against a float64 Adam whose moments are rounded the same way, at every width, every length
/// 1..70, and split across cores.
/// </summary>
[Collection(SimdPolicyCollection.Name)]
public class BFloat16StateTests
{
    private static double RoundToBf16(double x) => BFloat16.ToFloat(BFloat16.FromFloat((float)x));

    [Fact]
    public void ConversionRoundsToNearestEvenAndKeepsSpecials()
    {
        Assert.Equal(1f, BFloat16.ToFloat(BFloat16.FromFloat(1f)));
        Assert.Equal(1.0078125f, BFloat16.ToFloat(BFloat16.FromFloat(1.01f)));          // nearest bfloat16 above 1
        Assert.Equal(1f, BFloat16.ToFloat(BFloat16.FromFloat(1.00390625f)));            // a tie rounds to even
        Assert.True(float.IsNaN(BFloat16.ToFloat(BFloat16.FromFloat(BitConverter.UInt32BitsToSingle(0x7F800001)))));
        Assert.Equal(float.PositiveInfinity, BFloat16.ToFloat(BFloat16.FromFloat(float.PositiveInfinity)));
    }

    [Theory]
    [InlineData(512, 1 << 30)]
    [InlineData(256, 1 << 30)]
    [InlineData(128, 1 << 30)]
    [InlineData(0, 1 << 30)]
    [InlineData(256, 16)]
    public void AdamWithBf16MomentsMatchesARoundedReference(int maxVectorBits, int parallelThreshold)
    {
        int savedBits = SimdPolicy.MaxVectorBits, savedThreshold = SimdPolicy.ParallelThreshold;
        try
        {
            SimdPolicy.MaxVectorBits = maxVectorBits;
            SimdPolicy.ParallelThreshold = parallelThreshold;
            for (int n = 1; n <= 70; n++)
                CheckLength(n);
        }
        finally
        {
            SimdPolicy.MaxVectorBits = savedBits;
            SimdPolicy.ParallelThreshold = savedThreshold;
        }
    }

    private static void CheckLength(int n)
    {
        Parameter[] ps = KernelCheck.MakeParameters([n]);
        var opt = new TestAdamBf16 { LearningRate = 0.01f };
        double b1 = opt.Beta1, b2 = opt.Beta2, eps = opt.Eps, lr = opt.LearningRate;
        double[] w = ps[0].Value.ToArray().Select(x => (double)x).ToArray(), m = new double[n], v = new double[n];
        for (int t = 1; t <= 5; t++)
        {
            double[] g = KernelCheck.SetGradients(ps, t)[0];
            opt.Step(ps);
            for (int i = 0; i < n; i++)
            {
                m[i] = RoundToBf16(b1 * m[i] + (1 - b1) * g[i]);
                v[i] = RoundToBf16(b2 * v[i] + (1 - b2) * g[i] * g[i]);
                w[i] -= lr * (m[i] / (1 - Math.Pow(b1, t))) / (Math.Sqrt(v[i] / (1 - Math.Pow(b2, t))) + eps);
            }
            float[] packedM = opt.State.Tensors[0].Buffer(0).ToArray();
            Assert.Equal((n + 1) / 2, packedM.Length);
            for (int i = 0; i < n; i++)
            {
                // One bfloat16 step apart at most (float and double arithmetic may round to neighbours).
                double stored = BFloat16.Get(packedM, i);
                Assert.True(Math.Abs(stored - m[i]) <= Math.Abs(m[i]) * (1.0 / 128) + 1e-30, $"n={n} t={t} m[{i}] = {stored}, reference {m[i]}");
                // A moment one bfloat16 step off moves a step by under 1% of lr; allow 2% per step so far.
                Assert.True(Math.Abs(ps[0].Value[i] - w[i]) <= 0.02 * lr * t + 1e-5 * Math.Abs(w[i]), $"n={n} t={t} w[{i}] = {ps[0].Value[i]}, reference {w[i]}");
            }
        }
    }

    [Fact]
    public void Bf16StateNamesAreMarkedAndCheckpointSized()
    {
        var opt = new TestAdamBf16();
        Parameter[] ps = KernelCheck.MakeParameters([9]);
        opt.Step(ps);
        Assert.Equal(["m" + OptimizerState.BFloat16Suffix, "v" + OptimizerState.BFloat16Suffix], opt.State.BufferNames);
        Assert.Equal(5, OptimizerState.StoredLength(opt.State.BufferNames[0], 9));
        Assert.Equal(9, OptimizerState.StoredLength("m", 9));
    }
}

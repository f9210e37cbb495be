using System.Runtime.Intrinsics;
using OptGen.Internal;
using OptGen.Runtime.Tests.Kernel;
using OptGen.TestSupport;

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

    // Every width's vector conversions (the AVX-512, AVX2, SSE4.1 and portable forms, whichever this machine runs) give
    // the scalar conversion's bits: ties (both ways, with bit 0 clear and set just below and above them), the largest
    // finite values (which round to infinity), subnormals, signed zeros and infinities in a first block of 16 with no
    // NaN (AVX-512 rounds such a block without its NaN path); NaNs with payloads only in the dropped half, or that a
    // carry would turn into infinity or a sign, in the next; then random bit patterns (a few blocks with a NaN).
    [Fact]
    public void VectorConversionsGiveTheScalarConversionsBits()
    {
        List<uint> bits = ConversionCases();
        float[] values = bits.Select(BitConverter.UInt32BitsToSingle).ToArray();
        ushort[] expected = values.Select(BFloat16.FromFloat).ToArray();
        foreach (int width in new[] { 4, 8, 16 })
        {
            var stored = new ushort[values.Length];
            for (int i = 0; i < values.Length; i += width)
            {
                if (width == 4)
                    BFloat16.Store128(Vector128.Create(values, i), ref stored[0], (nuint)i);
                else if (width == 8)
                    BFloat16.Store256(Vector256.Create(values, i), ref stored[0], (nuint)i);
                else
                    BFloat16.Store512(Vector512.Create(values, i), ref stored[0], (nuint)i);
            }
            for (int i = 0; i < values.Length; i++)
                Assert.True(expected[i] == stored[i], $"{width} lanes: 0x{bits[i]:X8} stored as 0x{stored[i]:X4}, scalar 0x{expected[i]:X4}");
            var loaded = new float[values.Length];
            for (int i = 0; i < values.Length; i += width)
            {
                if (width == 4)
                    BFloat16.Load128(ref stored[0], (nuint)i).CopyTo(loaded, i);
                else if (width == 8)
                    BFloat16.Load256(ref stored[0], (nuint)i).CopyTo(loaded, i);
                else
                    BFloat16.Load512(ref stored[0], (nuint)i).CopyTo(loaded, i);
            }
            for (int i = 0; i < values.Length; i++)
                Assert.True(BitConverter.SingleToUInt32Bits(BFloat16.ToFloat(stored[i])) == BitConverter.SingleToUInt32Bits(loaded[i]),
                    $"{width} lanes: 0x{stored[i]:X4} loaded as 0x{BitConverter.SingleToUInt32Bits(loaded[i]):X8}");
        }
    }

    // Paired stores (two states of one kernel, one NaN check for both at 256 and 512 bits) give each value the scalar
    // conversion's bits whichever of the two holds a NaN: every block is paired with the NaN-free first block (as
    // either value) and with the block after it (values 16 to 31 hold NaNs).
    [Fact]
    public void PairedStoresGiveTheScalarConversionsBits()
    {
        List<uint> bits = ConversionCases();
        float[] values = bits.Select(BitConverter.UInt32BitsToSingle).ToArray();
        foreach (int width in new[] { 1, 4, 8, 16 })
        {
            int blocks = values.Length / width;
            for (int k = 0; k < blocks; k++)
            {
                foreach ((int a, int b) in new[] { (k, 0), (0, k), (k, (k + 1) % blocks) })
                {
                    var first = new ushort[width];
                    var second = new ushort[width];
                    StorePair(width, values, a * width, b * width, first, second);
                    for (int i = 0; i < width; i++)
                    {
                        Assert.True(BFloat16.FromFloat(values[a * width + i]) == first[i],
                            $"{width} lanes, first of blocks {a} and {b}: 0x{bits[a * width + i]:X8} stored as 0x{first[i]:X4}");
                        Assert.True(BFloat16.FromFloat(values[b * width + i]) == second[i],
                            $"{width} lanes, second of blocks {a} and {b}: 0x{bits[b * width + i]:X8} stored as 0x{second[i]:X4}");
                    }
                }
            }
        }
    }

    private static void StorePair(int width, float[] values, int a, int b, ushort[] first, ushort[] second)
    {
        if (width == 1)
            StorePair<F32x1>(values, a, b, first, second);
        else if (width == 4)
            StorePair<F32x4>(values, a, b, first, second);
        else if (width == 8)
            StorePair<F32x8>(values, a, b, first, second);
        else
            StorePair<F32x16>(values, a, b, first, second);
    }

    private static void StorePair<V>(float[] values, int a, int b, ushort[] first, ushort[] second) where V : struct, IFloatVector<V> =>
        V.StoreBf16Pair(ref first[0], ref second[0], 0, V.Load(ref values[a], 0), V.Load(ref values[b], 0));

    private static List<uint> ConversionCases()
    {
        var bits = new List<uint>
        {
            0x3F808000, 0x3F818000, 0x3F807FFF, 0x3F808001, 0x7F7FFFFF, 0x7F7F8000, 0x7F7F7FFF, 0x00000001,
            0x00008000, 0x00018000, 0x807FFFFF, 0x00000000, 0x80000000, 0x7F800000, 0xFF800000, 0xBF817FFF,
            0x7F800001, 0xFF80FFFF, 0x7FC00000, 0x7FFFFFFF, 0xFFFFFFFF, 0x7F80FFFF, 0x7FFF8001, 0x3F818001,
            0x3F817FFF, 0xC0008000, 0x40018000, 0x00007FFF, 0x7F7F8001, 0xFF7F8000, 0x3F800001, 0x3F80FFFF,
        };
        var random = new Random(7);
        while (bits.Count < 16 * 64)
            bits.Add((uint)random.NextInt64(0, 1L << 32));
        return bits;
    }

    [Theory]
    [InlineData(512, 1 << 30)]
    [InlineData(256, 1 << 30)]
    [InlineData(128, 1 << 30)]
    [InlineData(0, 1 << 30)]
    [InlineData(256, 16)]
    public void AdamWithBf16MomentsMatchesARoundedReference(int maxVectorBits, int parallelThreshold)
    {
        using var policy = new SimdPolicyScope(bits: maxVectorBits, threshold: parallelThreshold);
        for (int n = 1; n <= 70; n++)
            CheckLength(n);
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

    // Three bfloat16 states, stored as a pair and a single, against a float reference bit for bit at every width and
    // on two threads. The kernel's NaN paths, with a NaN whose low payload a carry would spoil: a NaN gradient at step 3
    // makes the pair's first state and the single NaN (the second follows the weights, NaN from step 4); a NaN weight
    // from the start makes the pair's second state NaN while the first stays a number.
    [Theory]
    [InlineData(512, 1 << 30)]
    [InlineData(256, 1 << 30)]
    [InlineData(128, 1 << 30)]
    [InlineData(0, 1 << 30)]
    [InlineData(512, 16)]
    public void PairedAndSingleBf16StoresMatchAFloatReference(int maxVectorBits, int parallelThreshold)
    {
        using var policy = new SimdPolicyScope(bits: maxVectorBits, threshold: parallelThreshold);
        foreach (int n in new[] { 1, 15, 16, 17, 40, 70 })
            CheckThreeStates(n);
    }

    private static void CheckThreeStates(int n)
    {
        float payloadNaN = BitConverter.UInt32BitsToSingle(0x7FFFFFFF);
        var p = new Parameter(n);
        for (int i = 0; i < n; i++)
            p.Value[i] = i % 19 == 7 ? payloadNaN : MathF.Cos(i * 0.3f);
        var opt = new TestThreeBf16States { LearningRate = 0.01f };
        float[] a = new float[n], b = new float[n], c = new float[n];
        for (int t = 1; t <= 4; t++)
        {
            for (int i = 0; i < n; i++)
                p.Grad[i] = i % 23 == 5 && t == 3 ? payloadNaN : MathF.Sin(i * 0.7f + t) * (i % 5 == 0 ? 1e-3f : 3f);
            float[] w = p.Value.ToArray();
            opt.Step(p);
            for (int i = 0; i < n; i++)
            {
                float g = p.Grad[i];
                a[i] = BFloat16.ToFloat(BFloat16.FromFloat(0.5f * a[i] + g));
                b[i] = BFloat16.ToFloat(BFloat16.FromFloat(0.5f * b[i] + 0.25f * w[i]));
                c[i] = BFloat16.ToFloat(BFloat16.FromFloat(0.5f * c[i] + MathF.Abs(g)));
            }
            for (int k = 0; k < 3; k++)
            {
                float[] expected = k == 0 ? a : k == 1 ? b : c;
                float[] packed = opt.State.Tensors[0].Buffer(k).ToArray();
                for (int i = 0; i < n; i++)
                {
                    uint want = BitConverter.SingleToUInt32Bits(expected[i]), got = BitConverter.SingleToUInt32Bits(BFloat16.Get(packed, i));
                    Assert.True(want == got, $"n={n} t={t} state {"abc"[k]}[{i}]: 0x{got:X8}, reference 0x{want:X8}");
                }
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

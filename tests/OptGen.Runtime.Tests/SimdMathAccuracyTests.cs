using OptGen.Runtime.Tests.Internal;
using OptGen.Internal;

namespace OptGen.Runtime.Tests;

/// <summary>
/// The element functions generated kernels call agree with double-precision Math at every width (one lane, 128, 256,
/// 512 bits) to float accuracy, over a wide range of magnitudes (the kernel tests cannot see a relative error in a value
/// that is tiny next to the weights), and give the same bits at every width.
/// </summary>
public class SimdMathAccuracyTests
{
    public static readonly TheoryData<int> Widths = new() { 0, 128, 256, 512 };

    /// <summary>NaNs of two payloads and both signs, zeros of both signs, infinities, a subnormal and plain numbers.</summary>
    public static readonly float[] SpecialFloats =
    [
        float.NaN, BitConverter.Int32BitsToSingle(0x7FC0_1234), BitConverter.Int32BitsToSingle(unchecked((int)0xFFC0_0001)),
        0f, -0f, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, -float.Epsilon, 1f, -1f, 2.5f, -3.75f, 1e-30f,
    ];

    private static IEnumerable<float> Magnitudes(double maxLog2) =>
        Enumerable.Range(0, (int)(maxLog2 * 8) + 161).Select(i => (float)Math.Pow(2, -20 + i / 8.0 + 0.01)).Concat([0f, 1e-30f, 1e-7f, 0.55f, 1f]);

    private static float[] Signed(IEnumerable<float> xs) => xs.SelectMany(x => new[] { x, -x }).ToArray();

    private static float[] Apply(int bits, float[] xs, float[] ys, string f) => bits switch
    {
        0 => Apply<F32x1>(xs, ys, f),
        128 => Apply<F32x4>(xs, ys, f),
        256 => Apply<F32x8>(xs, ys, f),
        _ => Apply<F32x16>(xs, ys, f), // emulated by the JIT where the hardware lacks AVX-512
    };

    // Each x in every lane of a vector; the last lane's result (the first would hide a lane mix-up).
    private static float[] Apply<V>(float[] xs, float[] ys, string f) where V : struct, IFloatVector<V>
    {
        var result = new float[xs.Length];
        var a = new float[16];
        var b = new float[16];
        var o = new float[16];
        for (int i = 0; i < xs.Length; i++)
        {
            Array.Fill(a, xs[i]);
            Array.Fill(b, ys[i]);
            V x = V.Load(ref a[0], 0), y = V.Load(ref b[0], 0);
            V r = f switch
            {
                "tanh" => V.Tanh(x),
                "exp" => V.Exp(x),
                "log" => V.Log(x),
                "sqrt" => V.Sqrt(x),
                "sin" => V.Sin(x),
                "cos" => V.Cos(x),
                "floor" => V.Floor(x),
                "sign" => V.Sign(x),
                "abs" => V.Abs(x),
                "max" => V.Max(x, y),
                "min" => V.Min(x, y),
                "maxordinary" => V.MaxOrdinary(x, y),
                "minordinary" => V.MinOrdinary(x, y),
                "cbrt" => V.PowOneThird(x),
                _ => V.Pow(x, y),
            };
            V.Store(ref o[0], 0, r);
            result[i] = o[V.Count - 1];
        }
        return result;
    }

    private static void AssertClose(string what, float[] xs, float[] ys, float[] actual, Func<double, double, double> exact, double relative, double absolute)
    {
        for (int i = 0; i < xs.Length; i++)
        {
            double expected = exact(xs[i], ys[i]);
            if (Math.Abs(expected) > float.MaxValue)
                expected = expected > 0 ? double.PositiveInfinity : double.NegativeInfinity; // overflows float
            bool ok = double.IsNaN(expected) ? float.IsNaN(actual[i])
                : double.IsInfinity(expected) ? actual[i] == expected
                : Math.Abs(actual[i] - expected) <= relative * Math.Abs(expected) + absolute;
            string args = ReferenceEquals(xs, ys) ? $"{xs[i]:R}" : $"{xs[i]:R}, {ys[i]:R}";
            Assert.True(ok, $"{what}({args}) = {actual[i]:R}, expected {expected:R}");
        }
    }

    private static void Unary(int bits, string what, float[] xs, Func<double, double> exact, double relative = 1e-6, double absolute = 1e-37)
    {
        float[] actual = Apply(bits, xs, xs, what);
        AssertClose(what, xs, xs, actual, (x, _) => exact(x), relative, absolute);
        // The same bits as the scalar path: a lane's result never depends on the width.
        float[] scalar = Apply(0, xs, xs, what);
        for (int i = 0; i < xs.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(scalar[i]) == BitConverter.SingleToInt32Bits(actual[i]), $"{what}({xs[i]:R}): {actual[i]:R} at {bits} bits, {scalar[i]:R} one lane at a time");
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Tanh(int bits) =>
        Unary(bits, "tanh", Signed(Magnitudes(6)), Math.Tanh);

    [Theory]
    [MemberData(nameof(Widths))]
    public void Exp(int bits) =>
        Unary(bits, "exp", Signed(Magnitudes(6)), Math.Exp);

    [Theory]
    [MemberData(nameof(Widths))]
    public void Log(int bits) =>
        Unary(bits, "log", Magnitudes(20).ToArray(), Math.Log, 1e-6, 1e-7);

    [Theory]
    [MemberData(nameof(Widths))]
    public void Sqrt(int bits) =>
        Unary(bits, "sqrt", Magnitudes(20).ToArray(), Math.Sqrt);

    [Theory]
    [MemberData(nameof(Widths))]
    public void SinAndCos(int bits)
    {
        float[] xs = Signed(Magnitudes(4));
        Unary(bits, "sin", xs, Math.Sin, 1e-6, 1e-7);
        Unary(bits, "cos", xs, Math.Cos, 1e-6, 1e-7);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void FloorSignAbs(int bits)
    {
        float[] xs = Signed(Magnitudes(10).Concat([0.5f, 1.5f, 2f, 3.999f]));
        Unary(bits, "floor", xs, Math.Floor, 0, 0);
        Unary(bits, "sign", xs, x => Math.Sign(x), 0, 0);
        Unary(bits, "abs", xs, Math.Abs, 0, 0);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void PowFollowsMathPowIncludingNegativeBases(int bits)
    {
        float[] bases = Signed(Magnitudes(3)).Concat([1f, -1f]).ToArray();
        float[] exponents = [-2.5f, -2f, -1f, 0f, 0.5f, 1f, 1.5f, 2f, 3f, 4f, 7f];
        float[] xs = bases.SelectMany(b => exponents.Select(_ => b)).ToArray();
        float[] ys = bases.SelectMany(_ => exponents).ToArray();
        float[] actual = Apply(bits, xs, ys, "pow");
        Assert.Equal(Apply(0, xs, ys, "pow").Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));
        AssertClose("pow", xs, ys, actual, Math.Pow, 4e-6, 1e-37);
    }

    // exp is computed in double by our own series: e^0 is 1 (.NET's vector exp gave 1.0000001, so a weight multiplied by
    // exp(-lr * g) grew each step its gradient was 0), and over random arguments the nearest float but for rare halfway
    // cases (none in 2 million on the Zen 3).
    [Theory]
    [MemberData(nameof(Widths))]
    public void ExpIsOneAtZeroAndTheNearestFloatAlmostAlways(int bits)
    {
        var random = new Random(20261207);
        float[] xs =
        [
            0f, -0f, 1e-8f, -1e-8f, float.Epsilon, -float.Epsilon, 88.72f, 88.73f, -87.3f, -103f, -104f,
            .. Enumerable.Range(0, 20_000).Select(_ => (float)(random.NextDouble() * 200 - 104)),
        ];
        float[] actual = Apply(bits, xs, xs, "exp");
        Assert.Equal(1f, actual[0]);
        Assert.Equal(1f, actual[1]);
        int misses = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            float nearest = (float)Math.Exp(xs[i]);
            int ulps = Math.Abs(BitConverter.SingleToInt32Bits(actual[i]) - BitConverter.SingleToInt32Bits(nearest));
            Assert.True(ulps <= 1, $"exp({xs[i]:R}) = {actual[i]:R} at {bits} bits, {ulps} floats from the nearest, {nearest:R}");
            misses += ulps;
        }
        Assert.True(misses <= 2, $"{misses} of {xs.Length} exponentials were not the nearest float");
    }

    // Bases and exponents where exp(y log|x|) alone means nothing (zeros, ±1, infinities, NaNs, subnormals; pow fixes
    // their lanes in float) follow Math.Pow (IEEE 754's pow): a result that is 0, ±1 or infinite to the bit (the sign of a
    // zero included), a NaN where it gives a NaN, anything else within 4e-6.
    [Theory]
    [MemberData(nameof(Widths))]
    public void PowOfSpecialBasesAndExponentsFollowsMathPow(int bits)
    {
        float[] bases = [.. SpecialFloats, 0.5f, -0.5f, 2f, -2f, float.MaxValue, -float.MaxValue];
        float[] exponents = [0f, -0f, 0.5f, -0.5f, 1f, -1f, 2f, -2f, 3f, -3f, 1f / 3f, -2.5f, 1e30f, -1e30f, float.PositiveInfinity, float.NegativeInfinity, float.NaN];
        float[] xs = bases.SelectMany(b => exponents.Select(_ => b)).ToArray();
        float[] ys = bases.SelectMany(_ => exponents).ToArray();
        float[] actual = Apply(bits, xs, ys, "pow");
        for (int i = 0; i < xs.Length; i++)
        {
            double exact = Math.Pow(xs[i], ys[i]);
            float expected = (float)exact;
            string what = $"pow({xs[i]:R}, {ys[i]:R}) = {actual[i]:R} at {bits} bits, Math.Pow {exact:R}";
            if (float.IsNaN(expected))
                Assert.True(float.IsNaN(actual[i]), what);
            else if (expected == 0 || Math.Abs(expected) == 1 || float.IsInfinity(expected))
                Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual[i]), what);
            else
                Assert.True(Math.Abs(actual[i] - exact) <= 4e-6 * Math.Abs(exact), what);
        }
    }

    // pow's double logarithm and exponential are written out (series in double, FloatVector.template): over bases from
    // 2^-126 to 2^127 and exponents from -4 to 4 (the MADGRAD cube root among them), every result is the float nearest
    // the exact power or its neighbour (1 ulp: a double result within ~1e-14 of a point halfway between floats may round
    // either way), and all but a handful are the nearest. A wrong term of either series shows as thousands of misses.
    [Theory]
    [MemberData(nameof(Widths))]
    public void PowIsTheNearestFloatAlmostAlways(int bits)
    {
        var rng = new Random(7);
        float[] ys = [.. Enumerable.Range(0, 4000).Select(_ => (float)(rng.NextDouble() * 8 - 4)), 1f / 3f, 0.5f, -0.5f, 2f / 3f];
        float[] xs = ys.Select(y =>
        {
            // a base whose power stays within the floats' range
            double maxLog2 = Math.Min(126, 120 / Math.Max(Math.Abs(y), 1e-3));
            return (float)Math.Pow(2, (rng.NextDouble() * 2 - 1) * maxLog2);
        }).ToArray();
        xs = [.. xs, .. xs];
        ys = [.. ys, .. ys.Select(_ => 1f / 3f)];
        float[] actual = Apply(bits, xs, ys, "pow");
        int misses = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            float nearest = (float)Math.Pow(xs[i], ys[i]);
            int ulps = Math.Abs(BitConverter.SingleToInt32Bits(actual[i]) - BitConverter.SingleToInt32Bits(nearest));
            Assert.True(ulps <= 1, $"pow({xs[i]:R}, {ys[i]:R}) = {actual[i]:R}, {ulps} floats from the nearest, {nearest:R}");
            misses += ulps;
        }
        Assert.True(misses <= 8, $"{misses} of {xs.Length} powers were not the nearest float");
    }

    // x^(1 / 3), which the generator writes as PowOneThird: the cube root's nearest float for every positive float tried
    // (subnormals and the largest included; a scratch run over every positive float found no other), and pow's meaning
    // for the rest: a zero of either sign gives +0, an infinity of either sign +infinity, a negative finite base NaN, a
    // NaN a NaN. A wrong estimate or one Halley step fewer shows as misses.
    [Theory]
    [MemberData(nameof(Widths))]
    public void PowOneThirdIsTheNearestCubeRootAndPowsCases(int bits)
    {
        var random = new Random(20261207);
        float[] xs =
        [
            .. SpecialFloats, float.MaxValue, -float.MaxValue, 8f, 27f, 0.125f, 1e-38f, BitConverter.Int32BitsToSingle(0x007F_FFFF),
            .. Enumerable.Range(0, 40_000).Select(_ => BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next() << 1))),
        ];
        float[] actual = Apply(bits, xs, xs, "cbrt");
        for (int i = 0; i < xs.Length; i++)
        {
            float x = xs[i];
            float expected = float.IsNaN(x) || (x < 0 && float.IsFinite(x)) ? float.NaN
                : x == 0 ? 0f : float.IsInfinity(x) ? float.PositiveInfinity : (float)Math.Cbrt(x);
            Assert.True(float.IsNaN(expected) ? float.IsNaN(actual[i]) : BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual[i]),
                $"{x:R}^(1/3) = {actual[i]:R} at {bits} bits, expected {expected:R}");
            if (!float.IsNaN(expected) && x != 0 && float.IsFinite(x))
            {
                // pow's value, but for the rounding of its float exponent: x^(1/3f) is x^(1/3) times 1 + 9.9e-9 ln x.
                Assert.Equal(MathF.Pow(x, 1f / 3f), actual[i], (float)((2e-7 + 1e-8 * Math.Abs(Math.Log(x))) * Math.Abs(expected)));
            }
        }
    }

    // Powers whose exact value is halfway between two floats, so that the last bit of the double exp decides the float:
    // .NET's double exp gives a lane other bits when a neighbour lane is infinite or NaN (a zero base makes y log|x|
    // infinite), so these came out one float apart beside a zero and beside a one until pow clamped exp's argument.
    public static readonly TheoryData<float, float> HalfwayPowers = new() { { 4.015625f, 3f }, { 146.5f, 3f }, { 3.2851562f, 2.5f }, { 13456f, 2.5f } };

    [Theory]
    [MemberData(nameof(HalfwayPowers))]
    public void PowOfALaneDoesNotDependOnItsNeighbours(float x, float y)
    {
        foreach (float neighbour in new[] { 1f, 0f, float.PositiveInfinity, float.NaN, -0f })
        {
            foreach (int lane in new[] { 0, 1, 3 })
            {
                float one = PowBeside<F32x1>(x, y, neighbour, 0);
                foreach ((int bits, float wide) in new[] { (128, PowBeside<F32x4>(x, y, neighbour, lane)), (256, PowBeside<F32x8>(x, y, neighbour, lane)), (512, PowBeside<F32x16>(x, y, neighbour, lane)) })
                {
                    Assert.True(BitConverter.SingleToInt32Bits(one) == BitConverter.SingleToInt32Bits(wide),
                        $"pow({x:R}, {y:R}) in lane {lane} beside {neighbour:R}: {wide:R} at {bits} bits, {one:R} in one lane");
                }
            }
        }
    }

    // pow(x, y) in lane 'lane' of a vector whose other lanes hold pow(neighbour, y).
    private static float PowBeside<V>(float x, float y, float neighbour, int lane) where V : struct, IFloatVector<V>
    {
        var xs = new float[16];
        Array.Fill(xs, neighbour);
        xs[lane % V.Count] = x;
        var ys = new float[16];
        Array.Fill(ys, y);
        var result = new float[16];
        V.Store(ref result[0], 0, V.Pow(V.Load(ref xs[0], 0), V.Load(ref ys[0], 0)));
        return result[lane % V.Count];
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void MaxAndMinAreTheIeeeMaximumAndMinimumBitForBit(int bits)
    {
        // Every pair, signalling NaNs (which AVX-512's own maximum would quiet) included.
        float[] specials = [.. SpecialFloats, BitConverter.Int32BitsToSingle(0x7F80_0001), BitConverter.Int32BitsToSingle(unchecked((int)0xFF80_4321))];
        float[] xs = specials.SelectMany(x => specials.Select(_ => x)).ToArray();
        float[] ys = specials.SelectMany(_ => specials).ToArray();
        float[] max = Apply(bits, xs, ys, "max"), min = Apply(bits, xs, ys, "min");
        for (int i = 0; i < xs.Length; i++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(IeeeReference.Max(xs[i], ys[i])) == BitConverter.SingleToInt32Bits(max[i]),
                $"max({xs[i]:R} [{BitConverter.SingleToInt32Bits(xs[i]):X8}], {ys[i]:R} [{BitConverter.SingleToInt32Bits(ys[i]):X8}]) = {BitConverter.SingleToInt32Bits(max[i]):X8} at {bits} bits");
            Assert.True(BitConverter.SingleToInt32Bits(IeeeReference.Min(xs[i], ys[i])) == BitConverter.SingleToInt32Bits(min[i]),
                $"min({xs[i]:R} [{BitConverter.SingleToInt32Bits(xs[i]):X8}], {ys[i]:R} [{BitConverter.SingleToInt32Bits(ys[i]):X8}]) = {BitConverter.SingleToInt32Bits(min[i]):X8} at {bits} bits");
        }
    }

    /// <summary>
    /// Over 16,384 inputs with random bits (every exponent, NaNs and infinities among them), 16,384 of mixed magnitudes
    /// around the bounds where .NET's sin and cos change method (2^-7, pi/4, 5e6) and the special values, each function
    /// gives every lane the bits the one-lane path gives, at 128, 256 and 512 bits. (With .NET's sin and cos called on
    /// whole vectors, or its 512-bit ones, this fails.)
    /// </summary>
    [Theory]
    [InlineData("exp")]
    [InlineData("log")]
    [InlineData("sin")]
    [InlineData("cos")]
    [InlineData("tanh")]
    [InlineData("pow")]
    [InlineData("cbrt")]
    public void FunctionsGiveTheSameBitsAtEveryWidth(string f)
    {
        var random = new Random(20261206);
        float[] xs =
        [
            .. SpecialFloats,
            .. Enumerable.Range(0, 16_384).Select(_ => BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next() << 1))),
            .. Enumerable.Range(0, 16_384).Select(_ => (float)((random.NextDouble() - 0.5) * random.Next(3) switch { 0 => 0.02, 1 => 16, _ => 2e7 })),
        ];
        while (xs.Length % 16 != 0)
            xs = [.. xs, 0.75f];
        float[] ys = xs.Select((_, i) => i % 3 == 0 ? 1f / 3f : i % 3 == 1 ? 2f : -0.5f).ToArray(); // pow's exponents
        float[] one = ApplyEachLane<F32x1>(xs, ys, f);
        foreach ((int bits, float[] wide) in new[] { (128, ApplyEachLane<F32x4>(xs, ys, f)), (256, ApplyEachLane<F32x8>(xs, ys, f)), (512, ApplyEachLane<F32x16>(xs, ys, f)) })
        {
            for (int i = 0; i < xs.Length; i++)
            {
                Assert.True(BitConverter.SingleToInt32Bits(one[i]) == BitConverter.SingleToInt32Bits(wide[i]),
                    $"{f}(0x{BitConverter.SingleToInt32Bits(xs[i]):X8}) = 0x{BitConverter.SingleToInt32Bits(wide[i]):X8} at {bits} bits, 0x{BitConverter.SingleToInt32Bits(one[i]):X8} in one lane");
            }
        }
    }

    // Every element in a lane of its own: V.Count different inputs a vector.
    private static float[] ApplyEachLane<V>(float[] xs, float[] ys, string f) where V : struct, IFloatVector<V>
    {
        var result = new float[xs.Length];
        for (int i = 0; i < xs.Length; i += V.Count)
        {
            V x = V.Load(ref xs[i], 0), y = V.Load(ref ys[i], 0);
            V r = f switch { "exp" => V.Exp(x), "log" => V.Log(x), "sin" => V.Sin(x), "cos" => V.Cos(x), "tanh" => V.Tanh(x), "cbrt" => V.PowOneThird(x), _ => V.Pow(x, y) };
            V.Store(ref result[i], 0, r);
        }
        return result;
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void MaxAndMinWithAnOrdinaryNumberAreTheIeeeMaximumAndMinimumBitForBit(int bits)
    {
        float[] specials = [.. SpecialFloats, BitConverter.Int32BitsToSingle(0x7F80_0001)];
        foreach (bool max in new[] { true, false })
        {
            // Every x against every number c the one-instruction form may take.
            float[] cs = specials.Where(c => max ? Kernels.IsOrdinaryForMax(c) : Kernels.IsOrdinaryForMin(c)).ToArray();
            float[] xs = specials.SelectMany(x => cs.Select(_ => x)).ToArray();
            float[] ys = specials.SelectMany(_ => cs).ToArray();
            float[] actual = Apply(bits, xs, ys, max ? "maxordinary" : "minordinary");
            for (int i = 0; i < xs.Length; i++)
            {
                float expected = max ? IeeeReference.Max(xs[i], ys[i]) : IeeeReference.Min(xs[i], ys[i]);
                Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual[i]),
                    $"{(max ? "max" : "min")}({xs[i]:R} [{BitConverter.SingleToInt32Bits(xs[i]):X8}], {ys[i]:R}) = {BitConverter.SingleToInt32Bits(actual[i]):X8} at {bits} bits");
            }
        }
    }
}

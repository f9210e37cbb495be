using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.Intrinsics;
using OptGen.Internal;
using Xunit;

namespace OptGen.Runtime.Tests;

/// <summary>
/// The element functions generated loops call agree with double-precision Math at every width (float, Vector128,
/// 256, 512) to float accuracy, over a wide range of magnitudes: the kernel tests cannot see a relative error in
/// a value that is tiny next to the weights.
/// </summary>
public class SimdMathAccuracyTests
{
    public static readonly TheoryData<int> Widths = new() { 0, 128, 256, 512 };

    private static IEnumerable<float> Magnitudes(double maxLog2) =>
        Enumerable.Range(0, (int)(maxLog2 * 8) + 161).Select(i => (float)Math.Pow(2, -20 + i / 8.0 + 0.01)).Concat([0f, 1e-30f, 1e-7f, 0.55f, 1f]);

    private static float[] Signed(IEnumerable<float> xs) => xs.SelectMany(x => new[] { x, -x }).ToArray();

    private static float[] Apply(int bits, float[] xs, float[] ys, Func<float, float, float> f0,
        Func<Vector128<float>, Vector128<float>, Vector128<float>> f128,
        Func<Vector256<float>, Vector256<float>, Vector256<float>> f256,
        Func<Vector512<float>, Vector512<float>, Vector512<float>> f512)
    {
        var result = new float[xs.Length];
        for (int i = 0; i < xs.Length; i++)
        {
            Vector512<float> x = Vector512.Create(xs[i]), y = Vector512.Create(ys[i]);
            result[i] = bits switch
            {
                0 => f0(xs[i], ys[i]),
                128 => f128(x.GetLower().GetLower(), y.GetLower().GetLower()).GetElement(3),
                256 => f256(x.GetLower(), y.GetLower()).GetElement(7),
                _ => f512(x, y).GetElement(15),
            };
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

    private static void Unary(int bits, string what, float[] xs, Func<float, float> f0, Func<Vector128<float>, Vector128<float>> f128,
        Func<Vector256<float>, Vector256<float>> f256, Func<Vector512<float>, Vector512<float>> f512, Func<double, double> exact,
        double relative = 1e-6, double absolute = 1e-37)
    {
        float[] actual = Apply(bits, xs, xs, (x, _) => f0(x), (x, _) => f128(x), (x, _) => f256(x), (x, _) => f512(x));
        AssertClose(what, xs, xs, actual, (x, _) => exact(x), relative, absolute);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Tanh(int bits) =>
        Unary(bits, "tanh", Signed(Magnitudes(6)), Simd.Tanh, Simd.Tanh, Simd.Tanh, Simd.Tanh, Math.Tanh);

    [Theory]
    [MemberData(nameof(Widths))]
    public void Exp(int bits) =>
        Unary(bits, "exp", Signed(Magnitudes(6)), Simd.Exp, Simd.Exp, Simd.Exp, Simd.Exp, Math.Exp);

    [Theory]
    [MemberData(nameof(Widths))]
    public void Log(int bits) =>
        Unary(bits, "log", Magnitudes(20).ToArray(), Simd.Log, Simd.Log, Simd.Log, Simd.Log, Math.Log, 1e-6, 1e-7);

    [Theory]
    [MemberData(nameof(Widths))]
    public void Sqrt(int bits) =>
        Unary(bits, "sqrt", Magnitudes(20).ToArray(), Simd.Sqrt, Simd.Sqrt, Simd.Sqrt, Simd.Sqrt, Math.Sqrt);

    [Theory]
    [MemberData(nameof(Widths))]
    public void Sin_and_cos(int bits)
    {
        float[] xs = Signed(Magnitudes(4));
        Unary(bits, "sin", xs, Simd.Sin, Simd.Sin, Simd.Sin, Simd.Sin, Math.Sin, 1e-6, 1e-7);
        Unary(bits, "cos", xs, Simd.Cos, Simd.Cos, Simd.Cos, Simd.Cos, Math.Cos, 1e-6, 1e-7);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Floor_sign_abs(int bits)
    {
        float[] xs = Signed(Magnitudes(10).Concat([0.5f, 1.5f, 2f, 3.999f]));
        Unary(bits, "floor", xs, Simd.Floor, Simd.Floor, Simd.Floor, Simd.Floor, Math.Floor, 0, 0);
        Unary(bits, "sign", xs, Simd.Sign, Simd.Sign, Simd.Sign, Simd.Sign, x => Math.Sign(x), 0, 0);
        Unary(bits, "abs", xs, Simd.Abs, Simd.Abs, Simd.Abs, Simd.Abs, Math.Abs, 0, 0);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Pow_follows_Math_Pow_including_negative_bases(int bits)
    {
        float[] bases = Signed(Magnitudes(3)).Concat([1f, -1f]).ToArray();
        float[] exponents = [-2.5f, -2f, -1f, 0f, 0.5f, 1f, 1.5f, 2f, 3f, 4f, 7f];
        float[] xs = bases.SelectMany(b => exponents.Select(_ => b)).ToArray();
        float[] ys = bases.SelectMany(_ => exponents).ToArray();
        float[] actual = Apply(bits, xs, ys, Simd.Pow, Simd.Pow, Simd.Pow, Simd.Pow);
        AssertClose("pow", xs, ys, actual, Math.Pow, 4e-6, 1e-37);
    }
}

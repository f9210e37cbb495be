using OptGen.Internal;

namespace OptGen.Runtime.Tests.Internal;

/// <summary>
/// The branch-free helpers generated per-row/column loops call give exactly what the plain C# they replace gives:
/// <c>ScalarMath.Min</c>/<c>Max</c> the IEEE minimum and maximum of <see cref="IeeeReference"/> (NaN payloads, signed
/// zeros, infinities, subnormals: <c>Math.Min</c>/<c>Math.Max</c>'s bits without AVX-512), <c>Widen</c>/<c>Narrow</c>
/// the bits of the casts.
/// </summary>
public class ScalarMathTests
{
    private static readonly double[] SpecialDoubles =
    [
        0d, -0d, 1d, -1d, 0.5, -2.5, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue,
        double.PositiveInfinity, double.NegativeInfinity, double.NaN,
        BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0001), // quiet NaN with a payload
        BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8_0000_0000_0002)), // negative quiet NaN
        BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0003), // signalling NaN
        1e-310, -1e-310, 3.4028235677973366E+38, 1.401298464324817E-45, 7.006492321624085E-46,
    ];

    private static IEnumerable<double> Doubles()
    {
        var random = new Random(11);
        return SpecialDoubles.Concat(Enumerable.Range(0, 400).Select(_ => BitConverter.Int64BitsToDouble(random.NextInt64())))
            .Concat(Enumerable.Range(0, 400).Select(_ => (random.NextDouble() - 0.5) * 1e3));
    }

    private static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);

    [Fact]
    public void MinAndMaxAreTheIeeeMinimumAndMaximumBitForBit()
    {
        double[] values = Doubles().ToArray();
        int compared = 0;
        foreach (double a in values)
        {
            foreach (double b in values)
            {
                Assert.True(Bits(IeeeReference.Min(a, b)) == Bits(ScalarMath.Min(a, b)), $"min({Bits(a):X16}, {Bits(b):X16}): {Bits(ScalarMath.Min(a, b)):X16}, IEEE {Bits(IeeeReference.Min(a, b)):X16}");
                Assert.True(Bits(IeeeReference.Max(a, b)) == Bits(ScalarMath.Max(a, b)), $"max({Bits(a):X16}, {Bits(b):X16}): {Bits(ScalarMath.Max(a, b)):X16}, IEEE {Bits(IeeeReference.Max(a, b)):X16}");
                compared++;
            }
        }
        Assert.Equal(values.Length * values.Length, compared);
    }

    [Fact]
    public void ClampIsMinOfMax()
    {
        foreach (double x in Doubles())
            Assert.Equal(Bits(IeeeReference.Min(IeeeReference.Max(x, -1.5), 2.0)), Bits(ScalarMath.Clamp(x, -1.5, 2.0)));
    }

    [Fact]
    public void WidenAndNarrowAreTheCasts()
    {
        var random = new Random(12);
        float[] floats = [.. SimdMathAccuracyTests.SpecialFloats, BitConverter.Int32BitsToSingle(0x7F80_0001), BitConverter.Int32BitsToSingle(unchecked((int)0xFFC0_0123)),
            .. Enumerable.Range(0, 2000).Select(_ => BitConverter.Int32BitsToSingle(random.Next(int.MinValue, int.MaxValue)))];
        foreach (float x in floats)
            Assert.True(Bits(x) == Bits(ScalarMath.Widen(x)), $"widen {BitConverter.SingleToInt32Bits(x):X8}: {Bits(ScalarMath.Widen(x)):X16}, cast {Bits(x):X16}");
        foreach (double d in Doubles())
        {
            int cast = BitConverter.SingleToInt32Bits((float)d), narrowed = BitConverter.SingleToInt32Bits(ScalarMath.Narrow(d));
            Assert.True(cast == narrowed, $"narrow {Bits(d):X16}: {narrowed:X8}, cast {cast:X8}");
        }
    }
}

using OptGen.Internal;

namespace OptGen.Runtime.Tests.Internal;

/// <summary>
/// The running maximum and minimum of a reduction (<see cref="IFloatVector{TSelf}.MaxOfReduction"/>,
/// <see cref="IFloatVector{TSelf}.MinOfReduction"/>): the IEEE bits (<see cref="IeeeReference"/>) wherever neither
/// operand is NaN, and a NaN wherever one is (the all-ones NaN the maximum makes among them, so that a NaN met once
/// stays), at every width.
/// </summary>
public class ExtremesOfReductionTests
{
    private static readonly float[] Values =
        [.. SimdMathAccuracyTests.SpecialFloats, BitConverter.Int32BitsToSingle(-1), BitConverter.Int32BitsToSingle(0x7F80_0001), 0.25f, -0.25f, float.MaxValue, -float.MinValue];

    public static TheoryData<int> Widths => new() { 512, 256, 128, 32 };

    [Theory]
    [MemberData(nameof(Widths))]
    public void MaxOfReductionIsTheIeeeMaximumOrANaN(int bits) =>
        Check(bits, max: true);

    [Theory]
    [MemberData(nameof(Widths))]
    public void MinOfReductionIsTheIeeeMinimumOrANaN(int bits) =>
        Check(bits, max: false);

    private static void Check(int bits, bool max)
    {
        float[] acc = Values.SelectMany(a => Values.Select(_ => a)).ToArray();
        float[] x = Values.SelectMany(_ => Values).ToArray();
        float[] got = bits switch
        {
            32 => Apply<F32x1>(acc, x, max),
            128 => Apply<F32x4>(acc, x, max),
            256 => Apply<F32x8>(acc, x, max),
            _ => Apply<F32x16>(acc, x, max), // emulated by the JIT where the hardware lacks AVX-512
        };
        for (int i = 0; i < acc.Length; i++)
        {
            string what = $"{(max ? "max" : "min")} of {BitConverter.SingleToInt32Bits(acc[i]):X8} and {BitConverter.SingleToInt32Bits(x[i]):X8} at {bits} bits";
            if (float.IsNaN(acc[i]) || float.IsNaN(x[i]))
            {
                Assert.True(float.IsNaN(got[i]), $"{what}: {got[i]:R}, not a NaN");
                continue;
            }
            int want = BitConverter.SingleToInt32Bits(max ? IeeeReference.Max(acc[i], x[i]) : IeeeReference.Min(acc[i], x[i]));
            Assert.True(want == BitConverter.SingleToInt32Bits(got[i]), $"{what}: {BitConverter.SingleToInt32Bits(got[i]):X8}, expected {want:X8}");
        }
    }

    private static float[] Apply<V>(float[] acc, float[] x, bool max) where V : struct, IFloatVector<V>
    {
        int n = (acc.Length + V.Count - 1) / V.Count * V.Count;
        float[] a = new float[n], b = new float[n], result = new float[n];
        acc.CopyTo(a, 0);
        x.CopyTo(b, 0);
        for (int i = 0; i < n; i += V.Count)
        {
            V va = V.Load(ref a[0], i), vb = V.Load(ref b[0], i);
            V.Store(ref result[0], i, max ? V.MaxOfReduction(va, vb) : V.MinOfReduction(va, vb));
        }
        return result[..acc.Length];
    }
}

using OptGen.Internal;
using OptGen.Runtime.Tests.TestOptimizers;

namespace OptGen.Runtime.Tests;

/// <summary>
/// <c>max(g, c)</c> and <c>min(g, c)</c> with a per-step number or a constant c are one <c>maxps</c>/<c>minps</c> where
/// c allows it and the IEEE operation where it does not (a signed zero that decides, a NaN): either way the bits of
/// <c>float.Max</c>/<c>float.Min</c>, at every width, for NaNs, zeros, infinities and numbers.
/// </summary>
[Collection(SimdPolicyCollection.Name)]
public class MaxMinWithNumberTests
{
    // 67 gradients (a peeled head, whole vectors and a ragged tail at every width): the special floats, and the bounds
    // the tests use, so that some elements equal them.
    private static readonly float[] Specials = [.. SimdMathAccuracyTests.SpecialFloats, 0.25f, -0.25f];
    private static readonly float[] Gradients = Enumerable.Range(0, 67).Select(i => Specials[i % Specials.Length]).ToArray();

    public static TheoryData<int> Widths => new() { 512, 256, 128, 0 };

    [Theory]
    [MemberData(nameof(Widths))]
    public void MaxWithAPerStepNumberIsFloatMax(int bits)
    {
        foreach (float floor in new[] { 0f, -0f, 0.25f, -1f, float.PositiveInfinity })
        {
            float[] w = Step(bits, new TestFloor { Floor = floor });
            AssertBits(w, g => float.Max(g, floor), $"max(g, {floor:R}) at {bits} bits");
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void MinWithAPerStepNumberIsFloatMin(int bits)
    {
        foreach (float ceiling in new[] { -0f, 0f, 0.25f, -1f, float.NegativeInfinity })
        {
            float[] w = Step(bits, new TestCeiling { Ceiling = ceiling });
            AssertBits(w, g => float.Min(g, ceiling), $"min(g, {ceiling:R}) at {bits} bits");
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void MaxAndMinWithAConstantAreFloatMaxAndMin(int bits)
    {
        AssertBits(Step(bits, new TestConstantBounds { Low = true }), g => float.Max(g, 0.25f), $"max(g, 0.25) at {bits} bits");
        AssertBits(Step(bits, new TestConstantBounds { Low = false }), g => float.Min(g, -0.25f), $"min(g, -0.25) at {bits} bits");
    }

    [Fact]
    public void OnlyTheZeroThatDecidesAndNaNAreNotOrdinary()
    {
        Assert.False(Kernels.IsOrdinaryForMax(0f));
        Assert.True(Kernels.IsOrdinaryForMax(-0f));
        Assert.False(Kernels.IsOrdinaryForMin(-0f));
        Assert.True(Kernels.IsOrdinaryForMin(0f));
        Assert.False(Kernels.IsOrdinaryForMax(float.NaN));
        Assert.False(Kernels.IsOrdinaryForMin(float.NaN));
        Assert.True(Kernels.IsOrdinaryForMax(float.NegativeInfinity) && Kernels.IsOrdinaryForMin(1e-30f));
    }

    private static float[] Step(int bits, IOptimizer optimizer) => Policy.With(() =>
    {
        var p = new Parameter(Gradients.Length);
        Gradients.CopyTo(p.Grad);
        optimizer.Step(p);
        return p.Value.ToArray();
    }, bits: bits);

    private static void AssertBits(float[] actual, Func<float, float> expected, string what)
    {
        for (int i = 0; i < Gradients.Length; i++)
        {
            int want = BitConverter.SingleToInt32Bits(expected(Gradients[i])), got = BitConverter.SingleToInt32Bits(actual[i]);
            Assert.True(want == got, $"{what}: element {i} (g = {Gradients[i]:R} [{BitConverter.SingleToInt32Bits(Gradients[i]):X8}]) gave {got:X8}, expected {want:X8}");
        }
    }
}

using OptGen.Runtime.Tests.Internal;
using OptGen.Runtime.Tests.TestOptimizers;

namespace OptGen.Runtime.Tests;

/// <summary>
/// <c>min(r, g)</c> and <c>max(g, r)</c> with a per-row value r are one <c>minps</c>/<c>maxps</c> in the rows whose r
/// allows it (checked once per row) and the IEEE operation in the others; and the running extremes of row, column and
/// matrix reductions take the sign of zero the IEEE maximum and minimum give. Either way the bits of
/// the IEEE minimum and maximum (<see cref="IeeeReference"/>), at every width, in rows whose value is a NaN, a zero of either sign, an infinity
/// or a number.
/// </summary>
[Collection(SimdPolicyCollection.Name)]
public class MaxMinWithRowValueTests
{
    // One row per special value (step 1 fills row k with it, so that row_max and row_min give it), and 67 columns: a
    // peeled head, whole vectors and a ragged tail at every width.
    private static readonly float[] Specials = [.. SimdMathAccuracyTests.SpecialFloats, 0.25f, -0.25f];
    private const int Cols = 67;

    public static TheoryData<int> Widths => new() { 512, 256, 128, 0 };

    [Theory]
    [MemberData(nameof(Widths))]
    public void MinWithAPerRowValueIsFloatMin(int bits) =>
        AssertRowBound(bits, new TestRowCeiling(), (r, g) => IeeeReference.Min(r, g), "min(r, g)");

    [Theory]
    [MemberData(nameof(Widths))]
    public void MaxWithAPerRowValueIsFloatMax(int bits) =>
        AssertRowBound(bits, new TestRowFloor(), (r, g) => IeeeReference.Max(g, r), "max(g, r)");

    [Theory]
    [MemberData(nameof(Widths))]
    public void RowColumnAndMatrixExtremesOfSignedZerosAreIeee(int bits)
    {
        // Rows (and columns) of zeros only, their signs in four patterns: the maximum is +0 wherever a +0 is, the
        // minimum -0 wherever a -0 is, whichever comes first in the lane.
        int rows = 8;
        float Zero(int row, int col) => (row % 4) switch
        {
            0 => -0f,
            1 => 0f,
            2 => col % 2 == 0 ? -0f : 0f,
            _ => col == Cols - 1 ? 0f : -0f,
        };
        float[] g = Enumerable.Range(0, rows * Cols).Select(i => Zero(i / Cols, i % Cols)).ToArray();
        AssertEach(bits, new TestRowMaxOf(), g, rows, i => Enumerable.Range(0, Cols).Select(c => g[i / Cols * Cols + c]).Aggregate(float.NegativeInfinity, IeeeReference.Max), "row_max");
        AssertEach(bits, new TestRowMinOf(), g, rows, i => Enumerable.Range(0, Cols).Select(c => g[i / Cols * Cols + c]).Aggregate(float.PositiveInfinity, IeeeReference.Min), "row_min");
        AssertEach(bits, new TestColumnMaxOf(), g, rows, i => Enumerable.Range(0, rows).Select(r => g[r * Cols + i % Cols]).Aggregate(float.NegativeInfinity, IeeeReference.Max), "col_max");
        AssertEach(bits, new TestColumnMinOf(), g, rows, i => Enumerable.Range(0, rows).Select(r => g[r * Cols + i % Cols]).Aggregate(float.PositiveInfinity, IeeeReference.Min), "col_min");
        // The whole matrix has both zeros: max +0, min -0, and +0 + -0 = +0; all -0: -0 + -0 = -0.
        AssertEach(bits, new TestMatrixExtremesOf(), g, rows, _ => 0f, "mat_max + mat_min");
        float[] negative = g.Select(_ => -0f).ToArray();
        AssertEach(bits, new TestMatrixExtremesOf(), negative, rows, _ => -0f, "mat_max + mat_min of -0 only");
    }

    private static void AssertRowBound(int bits, IOptimizer optimizer, Func<float, float, float> expected, string what)
    {
        int rows = Specials.Length;
        float[] w = Policy.With(() =>
        {
            var p = new Parameter([rows, Cols], "p");
            for (int i = 0; i < p.Length; i++)
                p.Grad[i] = Specials[i / Cols];
            optimizer.Step(p); // r = the row's special value (a NaN as the default NaN)
            for (int i = 0; i < p.Length; i++)
                p.Grad[i] = Specials[(i % Cols + i / Cols) % Specials.Length];
            optimizer.Step(p);
            return p.Value.ToArray();
        }, bits: bits);
        for (int i = 0; i < w.Length; i++)
        {
            float r = float.IsNaN(Specials[i / Cols]) ? float.NaN : Specials[i / Cols], g = Specials[(i % Cols + i / Cols) % Specials.Length];
            int want = BitConverter.SingleToInt32Bits(expected(r, g)), got = BitConverter.SingleToInt32Bits(w[i]);
            Assert.True(want == got, $"{what} at {bits} bits: row {i / Cols} (r = {r:R} [{BitConverter.SingleToInt32Bits(r):X8}]), column {i % Cols} "
                + $"(g = {g:R} [{BitConverter.SingleToInt32Bits(g):X8}]) gave {got:X8}, expected {want:X8}");
        }
    }

    private static void AssertEach(int bits, IOptimizer optimizer, float[] g, int rows, Func<int, float> expected, string what)
    {
        float[] w = Policy.With(() =>
        {
            var p = new Parameter([rows, Cols], "p");
            g.CopyTo(p.Grad);
            optimizer.Step(p);
            return p.Value.ToArray();
        }, bits: bits);
        for (int i = 0; i < w.Length; i++)
        {
            int want = BitConverter.SingleToInt32Bits(expected(i)), got = BitConverter.SingleToInt32Bits(w[i]);
            Assert.True(want == got, $"{what} at {bits} bits: element {i} (row {i / Cols}, column {i % Cols}) gave {got:X8}, expected {want:X8}");
        }
    }
}

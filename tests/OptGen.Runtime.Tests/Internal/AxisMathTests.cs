using OptGen.Internal;

namespace OptGen.Runtime.Tests.Internal;

/// <summary>
/// The reductions generated code computes between passes (<see cref="AxisMath.Reduce"/>): over the matrices of the
/// stack (taken position by position, without index arithmetic per value), and over rows and columns, each against the
/// same reduction written plainly here (in double, in index order), bit for bit.
/// </summary>
public class AxisMathTests
{
    private static readonly MatrixView View = new(3, 4, 3, 5);
    private static readonly string[] Kinds = ["sum", "mean", "max", "min", "norm", "maxabs"];

    // Per-matrix (1), per-matrix-and-row (3), per-matrix-and-column (5) and per-element (7) values: every source a
    // reduction over the stack (reduces 1) reads.
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void AReductionOverTheStackIsTheMatricesOfEachPositionInOrder(int sourceAxes)
    {
        int count = View.Count(sourceAxes & ~1);
        float[] source = Values(View.Count(sourceAxes));
        for (int kind = 0; kind < Kinds.Length; kind++)
        {
            float[] target = new float[count];
            AxisMath.Reduce(kind, source, sourceAxes, 1, View, target);
            for (int t = 0; t < count; t++)
            {
                double acc = kind is 2 ? double.NegativeInfinity : kind is 3 ? double.PositiveInfinity : 0;
                for (int m = 0; m < View.Matrices; m++)
                    acc = Add(kind, acc, source[m * count + t]);
                float want = (float)(kind == 1 ? acc / View.Matrices : kind == 4 ? Math.Sqrt(acc) : acc);
                Assert.True(BitConverter.SingleToInt32Bits(want) == BitConverter.SingleToInt32Bits(target[t]),
                    $"{Kinds[kind]} over the stack of axes {sourceAxes}, position {t}: {target[t]:R}, expected {want:R}");
            }
        }
    }

    [Fact]
    public void AReductionOverRowsOfAPerRowValueIsEachMatrixsRowsInOrder()
    {
        float[] source = Values(View.Count(3));
        for (int kind = 0; kind < Kinds.Length; kind++)
        {
            float[] target = new float[View.Matrices];
            AxisMath.Reduce(kind, source, 3, 6, View, target);
            for (int m = 0; m < View.Matrices; m++)
            {
                double acc = kind is 2 ? double.NegativeInfinity : kind is 3 ? double.PositiveInfinity : 0;
                for (int r = 0; r < View.Rows; r++)
                    acc = Add(kind, acc, source[m * View.Rows + r]);
                // A sum over columns the value does not vary along counts it once per column.
                float want = (float)(kind == 0 ? acc * View.Cols : kind == 1 ? acc / View.Rows : kind == 4 ? Math.Sqrt(acc * View.Cols) : acc);
                Assert.True(BitConverter.SingleToInt32Bits(want) == BitConverter.SingleToInt32Bits(target[m]),
                    $"{Kinds[kind]} over the rows of matrix {m}: {target[m]:R}, expected {want:R}");
            }
        }
    }

    // Numbers of both signs and many magnitudes, so that the order of the additions shows in the bits; a -0 among them.
    private static float[] Values(int n) => Enumerable.Range(0, n).Select(i => i == 2 ? -0f : (float)(Math.Sin(i * 1.7) * Math.Pow(10, i % 7 - 3))).ToArray();

    private static double Add(int kind, double acc, double x) => kind switch
    {
        2 => Math.Max(acc, x),
        3 => Math.Min(acc, x),
        4 => acc + x * x,
        5 => Math.Max(acc, Math.Abs(x)),
        _ => acc + x,
    };
}

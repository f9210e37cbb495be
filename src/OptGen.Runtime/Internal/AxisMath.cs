using System;
using System.ComponentModel;

namespace OptGen.Internal;

/// <summary>
/// Reductions of per-row, per-column and per-matrix values (not elements) for generated code, computed between passes
/// in double, in index order. Axes are flags: 1 matrix, 2 row, 4 column; a value is stored with one float per
/// combination of its axes (<see cref="MatrixView.Count(int)"/>). A reduction reads its operand as if broadcast over
/// the whole matrix view (a sum over an axis the operand does not vary along counts it once per position).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class AxisMath
{
    /// <summary>Sum (0), mean (1), max (2), min (3), norm (4) or max-abs (5) of <paramref name="source"/> over the axes in <paramref name="reduces"/>, into <paramref name="target"/>.</summary>
    public static void Reduce(int kind, ReadOnlySpan<float> source, int sourceAxes, int reduces, MatrixView view, Span<float> target)
    {
        int targetAxes = sourceAxes & ~reduces;
        int count = view.Count(targetAxes);
        if (reduces == 1 && (sourceAxes & 1) != 0)
        {
            OverStack(kind, source, view.Matrices, target[..count]);
            return;
        }
        for (int t = 0; t < count; t++)
            target[t] = (float)Over(kind, source, sourceAxes, reduces, view, targetAxes, t);
    }

    // Over the matrices of the stack only, from a value that varies along them (SM3's stack_max(row_max(s))): the value of
    // matrix m at position t is source[m · count + t], for a per-matrix, per-row, per-column or per-element value alike.
    // The same additions in the same order as Over, position after position without its index arithmetic per value
    // (SM3 on 300 × [64, 64], one core: its two such reductions took a quarter of the step).
    private static void OverStack(int kind, ReadOnlySpan<float> source, int matrices, Span<float> target)
    {
        int count = target.Length;
        for (int t = 0; t < count; t++)
        {
            double acc = Start(kind);
            for (int m = 0; m < matrices; m++)
                acc = Add(kind, acc, source[m * count + t]);
            target[t] = (float)Finish(kind, acc, matrices, repeats: 1);
        }
    }

    private static double Start(int kind) => kind is 2 ? double.NegativeInfinity : kind is 3 ? double.PositiveInfinity : 0;

    private static double Add(int kind, double acc, double x) => kind switch
    {
        2 => Math.Max(acc, x),
        3 => Math.Min(acc, x),
        4 => acc + x * x,
        5 => Math.Max(acc, Math.Abs(x)),
        _ => acc + x,
    };

    // A sum counts each position of the axes the operand does not vary along (repeats); a mean divides by the values walked.
    private static double Finish(int kind, double acc, double walked, double repeats) => kind switch
    {
        0 => acc * repeats,
        1 => acc / walked,
        4 => Math.Sqrt(acc * repeats),
        _ => acc,
    };

    /// <summary>
    /// The same over every axis: one value for the tensor. (Generated code now calls the overload with the reduction's
    /// axes; this one stays for code generated before it.)
    /// </summary>
    public static double Total(int kind, ReadOnlySpan<float> source, int sourceAxes, MatrixView view) =>
        Total(kind, source, sourceAxes, 7, view);

    /// <summary>
    /// The same along the axes <paramref name="reduces"/>, of a value that varies along no other: one value for the
    /// tensor, as <see cref="Reduce"/> would give at every position. A matrix's sum of a row-index value (SM3's kind) is
    /// that of one matrix, not of the stack.
    /// </summary>
    public static double Total(int kind, ReadOnlySpan<float> source, int sourceAxes, int reduces, MatrixView view) =>
        Over(kind, source, sourceAxes, reduces, view, 0, 0);

    // The reduction for target position t. Only the reduced axes the source varies along are walked (in order: matrix,
    // row, column); the others would repeat the same values, which a sum counts and a mean, max or min does not.
    private static double Over(int kind, ReadOnlySpan<float> source, int sourceAxes, int reduces, MatrixView view, int targetAxes, int t)
    {
        (int mat, int row, int col) = Split(t, targetAxes, view);
        int walked = reduces & sourceAxes;
        double repeats = view.Count(reduces & ~sourceAxes);
        int mats = (walked & 1) != 0 ? view.Matrices : 1, rows = (walked & 2) != 0 ? view.Rows : 1, cols = (walked & 4) != 0 ? view.Cols : 1;
        double acc = Start(kind);
        for (int m = 0; m < mats; m++)
        {
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < cols; c++)
                    acc = Add(kind, acc, source[Index(sourceAxes, (walked & 1) != 0 ? m : mat, (walked & 2) != 0 ? r : row, (walked & 4) != 0 ? c : col, view)]);
            }
        }
        return Finish(kind, acc, (double)mats * rows * cols, repeats);
    }

    // The (matrix, row, column) of position i among the values of 'axes' (0 where absent).
    private static (int Matrix, int Row, int Col) Split(int i, int axes, MatrixView view) =>
        axes == 1 ? (i, 0, 0)
        : axes == 2 ? (0, i, 0)
        : axes == 4 ? (0, 0, i)
        : axes == 3 ? (i / view.Rows, i % view.Rows, 0)
        : axes == 5 ? (i / view.Cols, 0, i % view.Cols)
        : axes == 6 ? (0, i / view.Cols, i % view.Cols)
        : axes == 7 ? (i / (view.Rows * view.Cols), i / view.Cols % view.Rows, i % view.Cols)
        : (0, 0, 0);

    // Where the value of a position is stored for a value varying along 'axes'.
    private static int Index(int axes, int matrix, int row, int col, MatrixView view) =>
        axes == 1 ? matrix
        : axes == 2 ? row
        : axes == 4 ? col
        : axes == 3 ? matrix * view.Rows + row
        : axes == 5 ? matrix * view.Cols + col
        : axes == 6 ? row * view.Cols + col
        : axes == 7 ? (matrix * view.Rows + row) * view.Cols + col
        : 0;

    /// <summary>Multiplies every value by <paramref name="factor"/> (a mean from a sum).</summary>
    public static void Scale(Span<float> values, double factor)
    {
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)(values[i] * factor);
    }

    /// <summary>The square root of every value (a norm from a sum of squares).</summary>
    public static void Sqrt(Span<float> values)
    {
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)Math.Sqrt(values[i]);
    }
}

using System;

namespace OptGen;

/// <summary>
/// How an optimizer's formulas see a tensor: a stack of <see cref="Matrices"/> matrices of <see cref="Rows"/> ×
/// <see cref="Cols"/> elements, row-major. With <see cref="TensorView.Stack"/> a tensor <c>[d0, …, dk, r, c]</c> is
/// <c>d0·…·dk</c> matrices of <c>r × c</c>; with <see cref="TensorView.Channels"/> it is one matrix whose rows are the
/// first dimension. A rank-1 tensor is always one row.
/// </summary>
/// <param name="Rank">The tensor's number of dimensions.</param>
/// <param name="Matrices">Matrices in the stack.</param>
/// <param name="Rows">Rows of each matrix.</param>
/// <param name="Cols">Columns of each matrix (the elements of a row, contiguous in memory).</param>
public readonly record struct MatrixView(int Rank, int Matrices, int Rows, int Cols)
{
    /// <summary>The view of a tensor of this shape.</summary>
    public static MatrixView Of(ReadOnlySpan<int> shape, TensorView view)
    {
        long n = 1;
        foreach (int d in shape)
            n *= d;
        if (shape.Length <= 1)
            return new MatrixView(shape.Length, 1, 1, (int)n);
        if (view == TensorView.Channels)
            return new MatrixView(shape.Length, 1, shape[0], shape[0] == 0 ? 0 : (int)(n / shape[0]));
        int rows = shape[^2], cols = shape[^1];
        long matrices = rows == 0 || cols == 0 ? 0 : n / ((long)rows * cols);
        return new MatrixView(shape.Length, (int)matrices, rows, cols);
    }

    /// <summary>Elements of the tensor.</summary>
    public int Length => Matrices * Rows * Cols;

    /// <summary>How many values vary along these axes (flags: 1 matrix, 2 row, 4 column; 0 is one value).</summary>
    public int Count(int axes) => ((axes & 1) != 0 ? Matrices : 1) * ((axes & 2) != 0 ? Rows : 1) * ((axes & 4) != 0 ? Cols : 1);

    /// <summary>How many values a state of this shape holds for the tensor.</summary>
    public int Count(StateShape shape) => shape switch
    {
        StateShape.Row => Matrices * Rows,
        StateShape.Column => Matrices * Cols,
        StateShape.Matrix => Matrices,
        StateShape.RowIndex => Rows,
        StateShape.ColumnIndex => Cols,
        _ => Length,
    };
}

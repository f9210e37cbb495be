#pragma warning disable CS1591 // the positions are documented on the type
using System.ComponentModel;

namespace OptGen.Internal;

/// <summary>
/// The element work of a pass that sees the tensor's matrix view: it reads per-row, per-column or per-matrix values
/// (factored state) by the position the driver gives it, and its reductions may keep one value per row, column or
/// matrix (<see cref="TermKind"/>). <see cref="Kernels.RunAxes"/> walks the rows of every matrix.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IAxisKernel
{
    /// <summary>How many reduction terms the pass produces (at most <see cref="Terms{V}.Capacity"/>).</summary>
    static abstract int TermCount { get; }

    /// <summary>What the driver does with term <paramref name="term"/> (a constant where it is called).</summary>
    static abstract AxisTerm TermKind(int term);

    /// <summary>The stream the driver aligns each row for.</summary>
    ref float Anchor { get; }

    /// <summary>Elements <c>s.I … s.I + V.Count − 1</c>, all in one row of one matrix, starting at column <c>s.ColIndex</c>.</summary>
    void Run<V>(in AxisSite s, ref Terms<V> terms) where V : struct, IFloatVector<V>;

    /// <summary>
    /// As <see cref="IElementKernel.Prefetch"/>, for the streams with a value per element (not the per-row, per-column
    /// or per-matrix arrays, which are small): the driver calls it once per 16 elements, a fixed distance ahead along
    /// the tensor (into the next row near a row's end), on tensors too long for the caches.
    /// </summary>
    void Prefetch(nint i);

    /// <summary>As <see cref="IElementKernel.Splat{V}"/>: the pass's numbers broadcast once per loop.</summary>
    void Splat<V>(ref Terms<V> terms) where V : struct, IFloatVector<V>;

    /// <summary>
    /// Before the elements of the row at <paramref name="s"/> (its <c>Matrix</c>, <c>Row</c> and <c>RowIndex</c>; after
    /// <see cref="Splat{V}"/>): what is the same along the row, <see cref="Terms{V}.OrdinaryInRow"/>, so that a
    /// <c>min</c> or <c>max</c> with a per-row value is one instruction per vector where that value allows it.
    /// </summary>
    void BeginRow<V>(in AxisSite s, ref Terms<V> terms) where V : struct, IFloatVector<V>;
}

/// <summary>Where a vector of elements is in the matrix view.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct AxisSite
{
    /// <summary>Index of the first element in the tensor.</summary>
    public nint I;

    /// <summary>Which matrix of the stack.</summary>
    public nint Matrix;

    /// <summary>Which row of the stack: <c>Matrix · rows + RowIndex</c> (the index of a per-row value).</summary>
    public nint Row;

    /// <summary>Column of the first element in the stack: <c>Matrix · cols + ColIndex</c> (the index of a per-column value).</summary>
    public nint Col;

    /// <summary>Row within the matrix.</summary>
    public nint RowIndex;

    /// <summary>Column of the first element within the matrix.</summary>
    public nint ColIndex;
}

/// <summary>What a reduction term of an axis pass becomes: one value per tensor, per row, per column or per matrix.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum AxisTerm
{
    TensorSum,
    TensorMax,
    RowSum,
    RowMax,
    RowMin,
    ColumnSum,
    ColumnMax,
    ColumnMin,
    MatrixSum,
    MatrixMax,
    MatrixMin,
}

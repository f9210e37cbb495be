namespace OptGen.Generator.Tests.Emitting;

/// <summary>
/// An axis reduction whose operand varies along no axis it keeps is one value for the tensor, but still a reduction
/// along its own axes only: <c>mat_sum</c> of a row-index value is one matrix's sum (whatever the stack), <c>row_norm</c>
/// of a column-index value the norm of one row. Found by <c>ReferenceSemanticsTests</c>: such values were reduced over
/// the whole tensor (mat_sum ×matrices, row_norm ×√(matrices · rows)).
/// </summary>
public class PerTensorAxisReductionTests
{
    [Fact]
    public void ReducesAlongItsOwnAxesOnly()
    {
        IOptimizer optimizer = EmittedOptimizer.Create("""[State("sums", Scalar = true), State("norms", Scalar = true)]""", """
            sums = mat_sum(stack_min(row_max(w)))
            norms = row_norm(stack_sum(col_max(w)))
            w -= lr * 0 * (sums + norms)
            """);
        const int Matrices = 3, Rows = 4, Cols = 5;
        var p = new Parameter([Matrices, Rows, Cols]);
        for (int i = 0; i < p.Length; i++)
            p.Value[i] = MathF.Sin(0.7f * i);
        float W(int m, int r, int c) => p.Value[(m * Rows + r) * Cols + c];
        // Each row index's smallest row maximum over the stack, summed over one matrix (cols copies of each row's value).
        double sums = Cols * Enumerable.Range(0, Rows).Sum(r => Enumerable.Range(0, Matrices).Min(m => Enumerable.Range(0, Cols).Max(c => W(m, r, c))));
        // Each column index's column maxima summed over the stack; the norm along one row of those.
        double norms = Math.Sqrt(Enumerable.Range(0, Cols).Sum(c => Math.Pow(Enumerable.Range(0, Matrices).Sum(m => (double)Enumerable.Range(0, Rows).Max(r => W(m, r, c))), 2)));
        optimizer.Step([p]);
        double[] scalars = optimizer.State.Tensors[0].Scalars;
        Assert.Equal(sums, scalars[Array.IndexOf(optimizer.State.ScalarNames, "sums")], 1e-5);
        Assert.Equal(norms, scalars[Array.IndexOf(optimizer.State.ScalarNames, "norms")], 1e-5);
    }
}

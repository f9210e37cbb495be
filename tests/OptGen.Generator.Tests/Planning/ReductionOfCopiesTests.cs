using OptGen.Generator.Tests.Emitting;

namespace OptGen.Generator.Tests.Planning;

/// <summary>
/// A bool variant that leaves an axis reduction of one per-tensor value reduces copies of it along every axis reduced
/// (<c>VariantSpecializer</c>'s closed form), also where the other side of the select is a per-row value: the reduction
/// then means the value as it broadcasts, as it does for the per-row value (dsl.md §7). The copies were counted only
/// along the axes the per-row value varies (<c>mat_norm</c> of 1.5 on a [37] tensor gave 1.5, not 1.5 × √37). Found by
/// <c>ReferenceSemanticsTests</c>.
/// </summary>
public class ReductionOfCopiesTests
{
    [Theory]
    [InlineData(37)]
    [InlineData(3, 4)]
    [InlineData(2, 3, 5)]
    public void CopiesFillEveryAxisReduced(params int[] shape)
    {
        IOptimizer optimizer = EmittedOptimizer.Create("""[State("r", Shape = StateShape.Row), State("c", Shape = StateShape.Column)]""", """
            if Flag
                u = 1.5
                x = 2
            else
                u = r
                x = c
            end
            r = r + 1
            c = c + 1
            w -= lr * (mat_norm(u) + 10 * mat_sum(x))
            """, """
            /// <summary>Reduce copies of constants.</summary>
            [Hyperparameter(true)] public partial bool Flag { get; set; }
            """);
        var p = new Parameter(shape);
        int cols = shape[^1], rows = shape.Length == 1 ? 1 : shape[^2];
        optimizer.Step([p]);
        // mat_norm(1.5) = 1.5 √(rows cols), mat_sum(2) = 2 rows cols.
        double update = 1.5 * Math.Sqrt(rows * cols) + 10 * 2 * rows * cols;
        Assert.All(p.Value.ToArray(), v => Assert.Equal(-0.01 * update, v, 1e-5));
    }
}

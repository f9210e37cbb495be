using OptGen.Generator.Tests.Emitting;

namespace OptGen.Generator.Tests.Planning;

/// <summary>
/// A factored state assigned between passes is written into its memory, so it must wait for every value that reads
/// the version before it: the loop's, and those computed after the loop (pending on its reductions). Found by
/// <c>ReferenceSemanticsTests</c>: both updates below read the new version where the statement order says the old.
/// </summary>
public class FactoredStateOrderTests
{
    private static readonly int[][] Shapes = [[37], [2, 3, 4]];

    [Fact]
    public void AStateWaitsForAPendingValueThatReadsItsOldVersion()
    {
        // m stays 0, so col_mean(m) is 0; ci's sum over the stack reads c before this step's c = q (0, then matrices).
        float[][] states = Run("""
            q = clamp(matrices, -4, 4)
            ci = clamp(ci + stack_mean(col_mean(m) + c), -4, 4)
            c = clamp(q, -4, 4)
            w -= lr * (m + ci)
            """, "ci");
        for (int j = 0; j < Shapes.Length; j++)
        {
            float matrices = Shapes[j].Length == 1 ? 1 : Shapes[j][0];
            Assert.All(states[j], value => Assert.Equal(2 * matrices, value)); // 0 + 0, then + matrices twice
        }
    }

    [Fact]
    public void AStateWaitsForAPendingReductionOfItsOldVersion()
    {
        // v stays 0, so r is the mean over a row of the stack's sum of ci before this step's ci = ci + 0.9.
        float[][] states = Run("""
            r = clamp(row_mean(stack_sum(row_norm(col_max(v)) + ci)), -4, 4)
            ci = clamp(ci + 0.9, -4, 4)
            w -= lr * (v + r + ci)
            """, "r");
        for (int j = 0; j < Shapes.Length; j++)
        {
            float matrices = Shapes[j].Length == 1 ? 1 : Shapes[j][0];
            Assert.All(states[j], value => Assert.Equal(matrices * 1.8f, value, 1e-5f)); // ci was 1.8 before the third step
        }
    }

    // Three steps of the update; the values of one state for each tensor.
    private static float[][] Run(string update, string state)
    {
        IOptimizer optimizer = EmittedOptimizer.Create("""
            [State("m"), State("v"), State("r", Shape = StateShape.Row), State("c", Shape = StateShape.Column)]
            [State("q", Shape = StateShape.Matrix), State("ci", Shape = StateShape.ColumnIndex)]
            """, update);
        Parameter[] parameters = Shapes.Select(shape => new Parameter(shape)).ToArray();
        for (int step = 0; step < 3; step++)
        {
            foreach (Parameter p in parameters)
            {
                for (int i = 0; i < p.Length; i++)
                    p.Grad[i] = (i % 5 - 2) / 8f;
            }
            optimizer.Step(parameters);
        }
        int buffer = Array.IndexOf(optimizer.State.BufferNames, state);
        return [.. Enumerable.Range(0, parameters.Length).Select(j => optimizer.State.Tensors[j].Buffer(buffer).ToArray())];
    }
}

using OptGen.Generator.Tests.Emitting;

namespace OptGen.Generator.Tests.Planning;

/// <summary>
/// A global reduction after a branch on the shape whose sides reduce differently (a per-row mean on one side only):
/// every shape class plans the global reductions in the same order and phase, and now also names them alike, so the
/// update is accepted (it was OPTG0037, "not every shape branch reaches [it] in the same order", though it sat outside
/// the branch) and the reduction is one over every tensor of the step. Found by <c>ReferenceSemanticsTests</c>.
/// </summary>
public class GlobalReductionAfterBranchTests
{
    [Fact]
    public void IsOneReductionOverEveryTensor()
    {
        IOptimizer optimizer = EmittedOptimizer.Create("""[State("m")]""", """
            if rank >= 2
                u = g * row_mean(g)
            else
                u = g
            end
            w -= lr * u / global_norm(u)
            """);
        Parameter[] parameters = [new Parameter([37]), new Parameter([4, 5])];
        foreach (Parameter p in parameters)
        {
            for (int i = 0; i < p.Length; i++)
                p.Grad[i] = ((i * 7) % 9 - 4) / 8f;
        }
        // u: the gradient, times its row's mean for the matrix; the norm over both tensors.
        float[][] u = [.. parameters.Select(p => p.Grad.ToArray())];
        for (int i = 0; i < u[1].Length; i++)
            u[1][i] = parameters[1].Grad[i] * parameters[1].Grad.Slice(i / 5 * 5, 5).ToArray().Average();
        double norm = Math.Sqrt(u.Sum(x => x.Sum(e => (double)e * e)));
        optimizer.Step(parameters);
        for (int j = 0; j < parameters.Length; j++)
        {
            for (int i = 0; i < u[j].Length; i++)
                Assert.Equal(-0.01 * u[j][i] / norm, parameters[j].Value[i], 1e-7);
        }
    }

    [Theory]
    [InlineData("rank >= 2")]
    [InlineData("Flag")]
    public void AGlobalReductionOfAValueABranchLeavesPerRowReducesItAsItBroadcasts(string condition)
    {
        // Where the condition holds, u is per-row: global_norm takes it at every element, as it broadcasts (dsl.md §7).
        // It was computed between passes, as a per-tensor reduction of a per-row value is, which cannot see the other
        // tensors: OPTG0037 for the shape branch, generated code that did not compile (CS0103) for the bool.
        IOptimizer optimizer = EmittedOptimizer.Create("", $$"""
            if {{condition}}
                u = row_mean(g)
            else
                u = g
            end
            w -= lr * g / global_norm(u)
            """, """
            /// <summary>Per-row everywhere.</summary>
            [Hyperparameter(true)] public partial bool Flag { get; set; }
            """);
        Parameter[] parameters = [new Parameter([37]), new Parameter([4, 5])];
        foreach (Parameter p in parameters)
        {
            for (int i = 0; i < p.Length; i++)
                p.Grad[i] = ((i * 7) % 9 - 4) / 8f + 0.1f;
        }
        float[][] g = [.. parameters.Select(p => p.Grad.ToArray())];
        bool vectorPerRow = condition == "Flag";
        double RowMean(float[] x, int i, int cols) => x.Skip(i / cols * cols).Take(cols).Average(e => (double)e);
        double squares = g[0].Select((e, i) => vectorPerRow ? RowMean(g[0], i, 37) : e).Sum(e => e * e)
            + g[1].Select((_, i) => RowMean(g[1], i, 5)).Sum(e => e * e);
        double norm = Math.Sqrt(squares);
        optimizer.Step(parameters);
        for (int j = 0; j < parameters.Length; j++)
        {
            for (int i = 0; i < g[j].Length; i++)
                Assert.Equal(-0.01 * g[j][i] / norm, parameters[j].Value[i], 1e-7);
        }
    }
}

using OptGen.Generator.Tests.Emitting;

namespace OptGen.Generator.Tests.Planning;

/// <summary>
/// The shape classes of an update cut a step into phases alike (<c>PhaseCuts.Align</c>), where their own plans would
/// not: one side of a shape branch makes a global reduction wait for a pass of its own, which the other side's plan
/// would accumulate with the one before. Both updates below were refused with OPTG0037 ("not every shape branch
/// reaches [a global reduction] in the same order") though their global reductions sit outside the branch.
/// </summary>
public class PhaseCutsTests
{
    [Fact]
    public void AGlobalReductionOneClassAccumulatesApartIsAccumulatedApartInEvery()
    {
        // For a matrix, b reads s, a row mean taken in a's pass: b waits for a pass of its own, a phase after a's. For
        // the vector, s is 1 and b could join a's pass; it must not, or the matrix's b would miss the vector's terms.
        IOptimizer optimizer = EmittedOptimizer.Create("", """
            a = global_norm(g)
            if rank >= 2
                s = row_mean(g)
            else
                s = 1
            end
            b = global_sum(g * s)
            w -= lr * g * s / (a + abs(b))
            """);
        (Parameter[] parameters, float[] vector, float[] matrix, float[] s) = Tensors();
        double a = Math.Sqrt(vector.Concat(matrix).Sum(e => (double)e * e));
        double b = vector.Sum(e => (double)e) + matrix.Select((e, i) => (double)(e * s[i])).Sum();
        optimizer.Step(parameters);
        for (int i = 0; i < vector.Length; i++)
            Assert.Equal(-0.01 * vector[i] / (a + Math.Abs(b)), parameters[0].Value[i], 1e-7);
        for (int i = 0; i < matrix.Length; i++)
            Assert.Equal(-0.01 * matrix[i] * s[i] / (a + Math.Abs(b)), parameters[1].Value[i], 1e-7);
    }

    [Fact]
    public void EachClassTakesTheCutsOfEvery()
    {
        // The matrix's b waits for its row means (s), the vector's c for its sum (z): the matrix would accumulate b and c
        // together, the vector a and b. Every class accumulates each of a, b, c in a phase of its own.
        IOptimizer optimizer = EmittedOptimizer.Create("", """
            a = global_norm(g)
            if rank >= 2
                s = row_mean(g)
                z = 1
            else
                s = 1
                z = sum(g)
            end
            b = global_sum(g * s)
            c = global_sum(g * z)
            w -= lr * g * (s + z) / (a + abs(b) + abs(c))
            """);
        (Parameter[] parameters, float[] vector, float[] matrix, float[] s) = Tensors();
        double z = vector.Sum(e => (double)e);
        double a = Math.Sqrt(vector.Concat(matrix).Sum(e => (double)e * e));
        double b = vector.Sum(e => (double)e) + matrix.Select((e, i) => (double)(e * s[i])).Sum();
        double c = vector.Sum(e => e * z) + matrix.Sum(e => (double)e);
        double scale = -0.01 / (a + Math.Abs(b) + Math.Abs(c));
        optimizer.Step(parameters);
        for (int i = 0; i < vector.Length; i++)
            Assert.Equal(scale * vector[i] * (1 + z), parameters[0].Value[i], 1e-6);
        for (int i = 0; i < matrix.Length; i++)
            Assert.Equal(scale * matrix[i] * (s[i] + 1), parameters[1].Value[i], 1e-6);
    }

    // A vector of 37 and a [4, 5] matrix with their gradients set; the gradients, and the matrix's row means at each element.
    private static (Parameter[] Parameters, float[] Vector, float[] Matrix, float[] RowMeans) Tensors()
    {
        Parameter[] parameters = [new Parameter([37]), new Parameter([4, 5])];
        foreach (Parameter p in parameters)
        {
            for (int i = 0; i < p.Length; i++)
                p.Grad[i] = ((i * 7) % 9 - 4) / 8f + 0.05f * p.Length;
        }
        float[] vector = parameters[0].Grad.ToArray(), matrix = parameters[1].Grad.ToArray();
        return (parameters, vector, matrix, [.. matrix.Select((_, i) => matrix.Skip(i / 5 * 5).Take(5).Average())]);
    }
}

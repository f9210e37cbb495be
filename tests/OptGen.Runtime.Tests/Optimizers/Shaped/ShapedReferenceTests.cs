namespace OptGen.Runtime.Tests.Optimizers.Shaped;

/// <summary>
/// Optimizers that see tensor shapes (factored state, row/column reductions, matrix built-ins, rank branches) against
/// their float64 references over ≥ 30 steps, on matrices, a vector, a stack, a large matrix and a single element, with
/// gradients that depend on the weights and some zero rows and columns.
/// </summary>
public class ShapedReferenceTests
{
    private const int Steps = 40;
    private const int Seed = 20261204;

    public static TheoryData<string> Cases => new(ShapedCases.Names);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesReference(string name) => Run(ShapedCases.Get(name));

    /// <summary>Runs a case against its references, asserting after every step; returns the references (one per tensor).</summary>
    internal static ShapedReference[] Run(ShapedCase c)
    {
        string name = c.Name;
        IOptimizer optimizer = c.Create();
        bool ascend = optimizer is IHyperparameters h && h.Hyperparameters.Any(x => x.Name == "Maximize") && h.GetHyperparameter("Maximize") == 1;
        var problem = new ShapedProblem(Seed, c.Shapes);
        int count = problem.TensorShapes.Length;
        var parameters = new Parameter[count];
        var references = new ShapedReference[count];
        var w = new double[count][];
        var g = new double[count][];
        for (int k = 0; k < count; k++)
        {
            parameters[k] = new Parameter((float[])problem.InitialWeights[k].Clone(), problem.TensorShapes[k], "p" + k);
            references[k] = c.Reference(optimizer, problem.TensorShapes[k]);
            w[k] = Array.ConvertAll(problem.InitialWeights[k], x => (double)x);
            g[k] = new double[w[k].Length];
        }
        // Weights and state against the largest magnitude each has had (a one-element tensor's weight passes near zero
        // on its way to its target under SGD with momentum).
        var scales = new RunningScales();
        for (long t = 1; t <= Steps; t++)
        {
            for (int k = 0; k < count; k++)
            {
                problem.Gradient(k, parameters[k].Value, parameters[k].Grad);
                if (ascend)
                    Negate(parameters[k].Grad);
                for (int i = 0; i < g[k].Length; i++)
                    g[k][i] = parameters[k].Grad[i];
            }
            optimizer.Step(parameters);
            double lr = optimizer.Schedule?.GetLearningRate(t - 1, optimizer.LearningRate) ?? optimizer.LearningRate;
            for (int k = 0; k < count; k++)
            {
                references[k].Step(w[k], g[k], t, lr);
                string where = $"{name}, tensor {k} {Parameter.Format(problem.TensorShapes[k])}, step {t}";
                Closeness.AssertTensorClose(parameters[k].Value, w[k], c.Tolerance, $"{where}: weights", scales.Of($"{k}/w", w[k]));
                foreach ((string buffer, double[] expected) in references[k].Buffers)
                {
                    int b = Array.IndexOf(optimizer.State.BufferNames, buffer);
                    Assert.True(b >= 0, $"{where}: no state '{buffer}'");
                    Closeness.AssertTensorClose(optimizer.State.Tensors[k].Buffer(b), expected, c.Tolerance, $"{where}: state '{buffer}'", scales.Of($"{k}/{buffer}", expected));
                }
            }
        }
        // The weights moved towards the minimum.
        Assert.True(parameters.All(p => p.Value.ToArray().All(float.IsFinite)));
        return references;
    }

    // A maximising optimizer climbs the negated quadratic: it must see the gradient of -f.
    private static void Negate(Span<float> g)
    {
        for (int i = 0; i < g.Length; i++)
            g[i] = -g[i];
    }
}

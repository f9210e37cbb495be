using OptGen.SeedFormulas;

namespace OptGen.Runtime.Tests.Schedules;

/// <summary>
/// The optimizers of the seed strategies against float64 references written from their doc comments, with
/// whole-tensor semantics (mean, sum, norm over the current tensor), over 60 steps on three tensors.
/// </summary>
public class SeedOptimizerTests
{
    /// <summary>One step on one tensor: weights, gradient, two zero-initialised state arrays, t (1-based), lr.</summary>
    private delegate void TensorRule(double[] w, double[] g, double[] s1, double[] s2, long t, double lr);

    private static double P(IOptimizer o, string name) => Harness.Setting(o, name);

    private static double Mean(IEnumerable<double> x) => x.Average();

    private static readonly Dictionary<int, Func<IOptimizer, TensorRule>> Rules = new()
    {
        [4] = o => (w, g, v, _, t, lr) =>
        {
            for (int i = 0; i < w.Length; i++) { v[i] += g[i] * g[i]; w[i] -= lr / (Math.Sqrt(v[i]) + P(o, "Eps")) * g[i]; }
        },
        [6] = o => (w, g, _, _, t, lr) =>
        {
            double norm = Math.Sqrt(g.Sum(x => x * x));
            for (int i = 0; i < w.Length; i++) w[i] -= lr * (norm == 0 ? g[i] : g[i] / norm * Math.Clamp(norm, 1, double.PositiveInfinity));
        },
        [7] = o => (w, g, m, _, t, lr) =>
        {
            double beta = P(o, "Beta");
            for (int i = 0; i < w.Length; i++) m[i] = beta * m[i] + (1 - beta) * g[i] * g[i];
            double root = Math.Sqrt(P(o, "Eps") + Mean(m));
            for (int i = 0; i < w.Length; i++) w[i] -= lr * (m[i] / root);
        },
        [8] = o => (w, g, m, v, t, lr) =>
        {
            double b1 = P(o, "Beta1"), b2 = P(o, "Beta2");
            for (int i = 0; i < w.Length; i++) { m[i] = b1 * m[i] + (1 - b1) * g[i]; v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]; }
            double root = Math.Sqrt(P(o, "Eps") + Mean(v));
            for (int i = 0; i < w.Length; i++) w[i] -= lr * (m[i] / root);
        },
        [10] = o => (w, g, s, _, t, lr) =>
        {
            double total = Math.Max(g.Sum(x => x * x), 1e-30); // the formula's guard for an all-zero gradient
            for (int i = 0; i < w.Length; i++) { s[i] += g[i] * g[i]; w[i] -= lr / Math.Sqrt(1 + P(o, "Alpha") * s[i] / total) * g[i]; }
        },
        [11] = o => (w, g, q, _, t, lr) =>
        {
            double total = Math.Max(g.Sum(x => x * x), 1e-30);
            for (int i = 0; i < w.Length; i++) { q[i] += Math.Pow(g[i], 4); w[i] -= lr / Math.Sqrt(1 + P(o, "Alpha") * Math.Sqrt(q[i] / (total * total))) * g[i]; }
        },
        [12] = o => (w, g, _, _, t, lr) =>
        {
            for (int i = 0; i < w.Length; i++) w[i] -= lr * (g[i] + P(o, "Lambda") * w[i]);
        },
        [15] = o => (w, g, _, _, t, lr) =>
        {
            double c = P(o, "GradientClipValue");
            for (int i = 0; i < w.Length; i++) w[i] -= lr * Math.Clamp(g[i], -c, c);
        },
        [16] = o => (w, g, _, _, t, lr) =>
        {
            double eps = P(o, "Eps");
            for (int i = 0; i < w.Length; i++) w[i] = Math.Clamp(w[i] - lr * g[i], -eps, eps);
        },
        [17] = o => (w, g, _, _, t, lr) =>
        {
            double eps = P(o, "Eps"), lambda = P(o, "Lambda");
            for (int i = 0; i < w.Length; i++) w[i] = Math.Clamp(w[i] - lr * g[i] + lambda * w[i], -eps, eps);
        },
        [21] = o => (w, g, m, v, t, lr) => // torch.optim.Adam, defaults
        {
            for (int i = 0; i < w.Length; i++)
            {
                m[i] = 0.9f * m[i] + (1 - 0.9f) * g[i];
                v[i] = 0.999f * v[i] + (1 - 0.999f) * g[i] * g[i];
                w[i] -= lr / (1 - Math.Pow(0.9f, t)) * m[i] / (Math.Sqrt(v[i]) / Math.Sqrt(1 - Math.Pow(0.999f, t)) + 1e-8f);
            }
        },
    };

    public static TheoryData<int, double> Cases => new()
    {
        { 4, 1 }, { 6, 1 }, { 6, 4 }, { 7, 1 }, { 8, 1 }, { 10, 1 }, { 10, 0.05 }, { 11, 1 }, { 11, 0.05 }, { 12, 1 }, { 15, 0.5 }, { 15, 4 }, { 16, 1 }, { 17, 1 }, { 21, 1 },
    };

    /// <summary>Strategy <paramref name="number"/> as the catalogue builds it, with gradients scaled by <paramref name="gradScale"/>.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesItsDocumentedFormula(int number, double gradScale)
    {
        IOptimizer opt = Catalogue.All[number - 1].Optimizer();
        TensorRule rule = Rules[number](opt);
        float[][] w0 = Data.Weights(number);
        double[][] w = Data.ToDouble(w0);
        double[][] s1 = w.Select(a => new double[a.Length]).ToArray(), s2 = w.Select(a => new double[a.Length]).ToArray();
        Parameter[] ps = Data.Parameters(w0);
        double lr = opt.LearningRate;
        for (int s = 0; s < 60; s++)
        {
            float[][] g = Data.Grads(s).Select(a => a.Select(x => (float)(x * gradScale)).ToArray()).ToArray();
            Data.SetGrads(ps, g);
            opt.Step(ps);
            for (int k = 0; k < w.Length; k++)
                rule(w[k], g[k].Select(x => (double)x).ToArray(), s1[k], s2[k], s + 1, lr);
            Check.Tensors(w, ps, 1e-5, 1e-3, $"strategy {number}, step {s}");
        }
        double[][] unchanged = Data.ToDouble(w0);
        Assert.Contains(Enumerable.Range(0, 60), s => Data.Grads(s)[0][0] == 0); // includes steps with an all-zero tensor gradient
        Assert.True(Harness.MaxRelativeDifference(unchanged, ps) > 1e-3, "the weights barely moved; the test cannot tell");
    }

    [Fact]
    public void AnAllZeroGradientKeepsEveryStrategysWeightsFinite()
    {
        foreach (Catalogue.Strategy strategy in Catalogue.All)
        {
            IOptimizer opt = strategy.Optimizer();
            opt.Schedule = strategy.Schedule();
            Parameter[] ps = Data.Parameters(Data.Weights());
            for (int s = 0; s < 3; s++)
                opt.Step(ps); // gradients stay zero
            Assert.All(ps.SelectMany(p => p.Value.ToArray()), x => Assert.True(float.IsFinite(x), $"strategy {strategy.Number}: {x}"));
        }
    }
}

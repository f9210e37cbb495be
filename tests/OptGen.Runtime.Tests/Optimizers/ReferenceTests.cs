using OptGen.Runtime.Tests.Optimizers.Harness;
using OptGen.Runtime.Tests.Optimizers.References;

namespace OptGen.Runtime.Tests.Optimizers;

/// <summary>
/// Runs each library optimizer (float32, generated SIMD code) and its float64 reference side by side on the
/// same gradients for many steps, comparing weights and state after every step.
/// </summary>
public class ReferenceTests
{
    private const int Steps = 120;
    private const int Seed = 20250611;
    private const double Tolerance = 1e-5;

    public static TheoryData<string> Cases => new(LibraryCases.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesReference(string name)
    {
        LibraryCase c = LibraryCases.Get(name);
        IOptimizer optimizer = c.Create();
        bool ascend = optimizer.GetType().GetProperty("Maximize")?.GetValue(optimizer) is true;
        var problem = new Problem(Seed, ascend);
        int count = Problem.Lengths.Length;
        var parameters = new Parameter[count];
        var wRef = new double[count][];
        var gRef = new double[count][];
        for (int k = 0; k < count; k++)
        {
            parameters[k] = new Parameter((float[])problem.InitialWeights[k].Clone());
            wRef[k] = Array.ConvertAll(problem.InitialWeights[k], x => (double)x);
            gRef[k] = new double[Problem.Lengths[k]];
        }
        StepReference reference = c.Reference(optimizer, Problem.Lengths);
        var stateScales = new RunningScales();

        for (long t = 1; t <= Steps; t++)
        {
            for (int k = 0; k < count; k++)
            {
                problem.Gradient(k, parameters[k].Value, parameters[k].Grad);
                for (int i = 0; i < gRef[k].Length; i++)
                    gRef[k][i] = parameters[k].Grad[i];
            }
            reference.Loss = problem.HandLoss(optimizer, parameters);
            optimizer.Step(parameters);
            reference.Step(wRef, gRef, t, LearningRateOf(optimizer, t));
            for (int k = 0; k < count; k++)
            {
                string where = $"{name}, tensor {k} (n = {Problem.Lengths[k]}), step {t}";
                Closeness.AssertTensorClose(parameters[k].Value, wRef[k], Tolerance, $"{where}: weights");
                AssertStateClose(optimizer.State, k, reference, stateScales, where);
            }
        }

        Assert.Equal(Steps, optimizer.StepCount);
        AssertMoved(problem, wRef, name);
    }

    /// <summary>The learning rate of step <paramref name="t"/>: the schedule's (which sees t − 1 completed steps), else the constant.</summary>
    private static double LearningRateOf(IOptimizer optimizer, long t)
        => optimizer.Schedule?.GetLearningRate(t - 1, optimizer.LearningRate) ?? optimizer.LearningRate;

    /// <summary>
    /// Compares the state the reference also keeps, each buffer and scalar against the largest magnitude it has had so
    /// far (<see cref="RunningScales"/>: a momentum sum can cancel).
    /// </summary>
    private static void AssertStateClose(OptimizerState state, int k, StepReference reference, RunningScales scales, string where)
    {
        TensorState tensor = state.Tensors[k];
        foreach ((string bufferName, double[] expected) in reference.Buffers(k))
        {
            int b = Array.IndexOf(state.BufferNames, bufferName);
            Assert.True(b >= 0, $"{where}: the optimizer has no state buffer '{bufferName}' (it has {string.Join(", ", state.BufferNames)}).");
            double scale = scales.Of($"{k}/{bufferName}", expected);
            Closeness.AssertTensorClose(tensor.Buffer(b), expected, Tolerance, $"{where}: state '{bufferName}'", scale);
        }
        foreach ((string scalarName, double expected) in reference.Scalars(k))
        {
            // A per-tensor scalar, or one shared by all tensors (stored once; the reference keeps a copy per tensor).
            int s = Array.IndexOf(state.ScalarNames, scalarName), shared = Array.IndexOf(state.SharedNames, scalarName);
            Assert.True(s >= 0 || shared >= 0, $"{where}: the optimizer has no scalar state '{scalarName}'.");
            double actual = s >= 0 ? tensor.Scalars[s] : state.SharedScalars[shared];
            // Against its largest magnitude so far too: a running average of a sum over every element (MoMo's γ,
            // the average of ⟨g, w⟩) passes through zero carrying the rounding of the float sums it was made of.
            double scale = scales.Of($"{k}/{scalarName}", [expected]);
            double error = Math.Abs(actual - expected) / Math.Max(scale, double.Epsilon);
            Assert.True(error <= Tolerance, $"{where}: scalar '{scalarName}' is {actual:R}, reference {expected:R} (relative error {error:E2}).");
        }
    }

    /// <summary>Guards against a vacuous pass: the weights must have moved well beyond the tolerance.</summary>
    private static void AssertMoved(Problem problem, double[][] wRef, string name)
    {
        double moved = 0, scale = 0;
        for (int k = 0; k < wRef.Length; k++)
        {
            for (int i = 0; i < wRef[k].Length; i++)
            {
                moved = Math.Max(moved, Math.Abs(wRef[k][i] - problem.InitialWeights[k][i]));
                scale = Math.Max(scale, Math.Abs(wRef[k][i]));
            }
        }
        Assert.True(moved >= 100 * Tolerance * scale, $"{name}: the weights hardly moved ({moved:E2}), so the comparison proves little.");
    }
}

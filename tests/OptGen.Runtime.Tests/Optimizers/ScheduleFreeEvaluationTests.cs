using OptGen.Runtime.Tests.Optimizers.Harness;
using OptGen.Runtime.Tests.Optimizers.References;

namespace OptGen.Runtime.Tests.Optimizers;

/// <summary>
/// <c>WriteEvaluationWeights</c> of <see cref="ScheduleFreeAdamW"/> and <see cref="ScheduleFreeSgd"/>: the averaged point x
/// that schedule-free methods are evaluated at (Optax's <c>schedule_free_eval_params</c>), its argument checks, and that
/// it allocates nothing.
/// </summary>
public class ScheduleFreeEvaluationTests
{
    private const int Steps = 40;

    public static TheoryData<string> Kinds => ["adamw", "sgd"];

    /// <summary>The schedule-free optimizer of that kind with this rate and β1.</summary>
    private static IEvaluationWeights Create(string kind, float lr, float beta1 = 0.9f) => kind == "adamw"
        ? new ScheduleFreeAdamW { LearningRate = lr, Beta1 = beta1 }
        : new ScheduleFreeSgd { LearningRate = lr, Beta1 = beta1 };

    private static ScheduleFreeReference ReferenceOf(IEvaluationWeights optimizer, int length) => optimizer switch
    {
        ScheduleFreeAdamW adamw => new ScheduleFreeAdamWReference(adamw, length),
        _ => new ScheduleFreeSgdReference((ScheduleFreeSgd)optimizer, length),
    };

    /// <summary>Runs <see cref="Steps"/> steps of the optimizer and of its reference on the shared problem.</summary>
    private static (Parameter[] Parameters, ScheduleFreeReference[] References, double[][] Weights) Train(IEvaluationWeights evaluated)
    {
        var optimizer = (IOptimizer)evaluated;
        var problem = new Problem(7, ascend: false);
        int count = Problem.Lengths.Length;
        var parameters = new Parameter[count];
        var references = new ScheduleFreeReference[count];
        var weights = new double[count][];
        var grads = new double[count][];
        for (int k = 0; k < count; k++)
        {
            parameters[k] = new Parameter((float[])problem.InitialWeights[k].Clone());
            references[k] = ReferenceOf(evaluated, Problem.Lengths[k]);
            weights[k] = Array.ConvertAll(problem.InitialWeights[k], x => (double)x);
            grads[k] = new double[Problem.Lengths[k]];
        }
        for (long t = 1; t <= Steps; t++)
        {
            for (int k = 0; k < count; k++)
            {
                problem.Gradient(k, parameters[k].Value, parameters[k].Grad);
                for (int i = 0; i < grads[k].Length; i++)
                    grads[k][i] = parameters[k].Grad[i];
            }
            optimizer.Step(parameters);
            for (int k = 0; k < count; k++)
                references[k].Step(weights[k], grads[k], t, optimizer.LearningRate);
        }
        return (parameters, references, weights);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EvaluationWeightsAreTheAverageTheReferenceRecovers(string kind)
    {
        IEvaluationWeights optimizer = Create(kind, 0.02f, beta1: 0.7f);
        (Parameter[] parameters, ScheduleFreeReference[] references, double[][] weights) = Train(optimizer);
        double largestGap = 0;
        for (int k = 0; k < parameters.Length; k++)
        {
            var x = new float[parameters[k].Length];
            optimizer.WriteEvaluationWeights(k, x);
            double[] expected = references[k].EvaluationWeights(weights[k]);
            double scale = 0, error = 0;
            for (int i = 0; i < x.Length; i++)
            {
                scale = Math.Max(scale, Math.Abs(expected[i]));
                error = Math.Max(error, Math.Abs(x[i] - expected[i]));
                largestGap = Math.Max(largestGap, Math.Abs(expected[i] - weights[k][i]));
            }
            Assert.True(error <= 1e-5 * scale, $"tensor {k}: evaluation weights differ from the reference by {error:E2} (scale {scale:G4}).");
        }
        // x differs from the weights y where gradients are taken; otherwise the comparison above proves little.
        Assert.True(largestGap > 1e-3, $"the evaluation weights are almost the training weights (largest gap {largestGap:E2}).");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EvaluationWeightsCanBeWrittenOverTheParameterItself(string kind)
    {
        IEvaluationWeights optimizer = Create(kind, 0.02f);
        Parameter[] parameters = Train(optimizer).Parameters;
        for (int k = 0; k < parameters.Length; k++)
        {
            var copy = new float[parameters[k].Length];
            optimizer.WriteEvaluationWeights(k, copy);
            optimizer.WriteEvaluationWeights(k, parameters[k].Value);
            Assert.True(copy.AsSpan().SequenceEqual(parameters[k].Value), $"tensor {k}: in place differs from a separate destination.");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void WritingEvaluationWeightsAllocatesNothing(string kind)
    {
        IEvaluationWeights optimizer = Create(kind, 0.01f);
        Parameter[] parameters = Train(optimizer).Parameters;
        var destination = new float[parameters[^1].Length];
        optimizer.WriteEvaluationWeights(parameters.Length - 1, destination);
        Assert.Equal(0, Allocations.Least(() =>
        {
            for (int i = 0; i < 100; i++)
                optimizer.WriteEvaluationWeights(parameters.Length - 1, destination);
        }));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void BadRequestsThrowAndSayWhy(string kind)
    {
        IEvaluationWeights optimizer = Create(kind, 0.01f);
        var none = Assert.Throws<InvalidOperationException>(() => optimizer.WriteEvaluationWeights(0, new float[1]));
        Assert.Contains("before its first step", none.Message);

        Parameter[] parameters = Train(optimizer).Parameters;
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.WriteEvaluationWeights(-1, new float[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.WriteEvaluationWeights(parameters.Length, new float[1]));
        var length = Assert.Throws<ArgumentException>(() => optimizer.WriteEvaluationWeights(1, new float[parameters[1].Length + 1]));
        Assert.Contains($"tensor 1 has {parameters[1].Length} elements", length.Message);
        Assert.Equal("destination", length.ParamName);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Beta1ZeroStepsToZAndHasNoEvaluationWeights(string kind)
    {
        // Optax divides by b1 to recover the average; with b1 = 0 the weights are z itself and no average is kept.
        IEvaluationWeights optimizer = Create(kind, 0.02f, beta1: 0f);
        Parameter[] parameters = Train(optimizer).Parameters;
        OptimizerState state = ((IOptimizer)optimizer).State;
        int z = Array.IndexOf(state.BufferNames, "z");
        for (int k = 0; k < parameters.Length; k++)
            Assert.True(parameters[k].Value.SequenceEqual(state.Tensors[k].Buffer(z)), $"tensor {k}: the weights are not z.");
        var e = Assert.Throws<InvalidOperationException>(() => optimizer.WriteEvaluationWeights(0, new float[1]));
        Assert.Contains("Beta1", e.Message);
    }
}

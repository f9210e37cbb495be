namespace OptGen.Training.Tests.Training;

/// <summary>
/// <see cref="TrainerOptions.Sam"/>: the optimizer gets the gradient at <c>w + e</c> (e from a float64
/// re-implementation of davda54/sam's formula) while the weights it updates are exactly <c>w</c>.
/// </summary>
public class SamTrainerTests
{
    private static readonly int[] Rows = [0, 5, 9, 13, 21, 34, 40, 55];

    private static Sequential Model() => Sequential.Mlp([4, 6, 3], seed: 3, activation: () => new Tanh());

    /// <summary>One plain step on <see cref="Rows"/> at the given weights: the gradient there.</summary>
    private static float[][] PlainGradient(Dataset data, float[][] weights)
    {
        Sequential model = Model();
        for (int k = 0; k < weights.Length; k++)
            weights[k].CopyTo(model.Parameters[k].Value);
        var recorder = new RecordingOptimizer();
        new Trainer(model, new SoftmaxCrossEntropy(), recorder).TrainStep(data, Rows);
        return recorder.Gradients[0];
    }

    /// <summary>davda54/sam's first step in float64: <c>w + (adaptive ? w² : 1)·g·ρ/(‖(adaptive ? |w| : 1)·g‖ + 1e-12)</c>.</summary>
    private static float[][] PerturbedWeights(float[][] w, float[][] g, double rho, bool adaptive)
    {
        double sum = 0;
        for (int k = 0; k < w.Length; k++)
        {
            for (int i = 0; i < w[k].Length; i++)
            {
                double s = (adaptive ? Math.Abs((double)w[k][i]) : 1.0) * g[k][i];
                sum += s * s;
            }
        }
        double scale = rho / (Math.Sqrt(sum) + 1e-12);
        var perturbed = new float[w.Length][];
        for (int k = 0; k < w.Length; k++)
        {
            perturbed[k] = new float[w[k].Length];
            for (int i = 0; i < w[k].Length; i++)
                perturbed[k][i] = (float)(w[k][i] + (adaptive ? (double)w[k][i] * w[k][i] : 1.0) * g[k][i] * scale);
        }
        return perturbed;
    }

    [Theory]
    [InlineData(false, 0.05)]
    [InlineData(true, 2.0)]
    public void TheOptimizerStepsTheWeightsWithTheGradientAtThePerturbedPoint(bool adaptive, double rho)
    {
        Dataset data = TestData.Blobs(20, 1);
        Sequential model = Model();
        var recorder = new RecordingOptimizer();
        var trainer = new Trainer(model, new SoftmaxCrossEntropy(), recorder,
            new TrainerOptions { Sam = new SamOptions { Rho = (float)rho, Adaptive = adaptive } });
        for (int step = 0; step < 3; step++)
        {
            float[][] before = Snapshot(model);
            trainer.TrainStep(data, Rows);
            float[][] seenWeights = recorder.Weights[step], seenGradient = recorder.Gradients[step];
            for (int k = 0; k < before.Length; k++)
                Assert.Equal(before[k], seenWeights[k]); // restored from a copy: bit for bit

            float[][] atW = PlainGradient(data, before);
            float[][] expected = PlainGradient(data, PerturbedWeights(before, atW, rho, adaptive));
            double error = 0, scale = 0, moved = 0;
            for (int k = 0; k < expected.Length; k++)
            {
                for (int i = 0; i < expected[k].Length; i++)
                {
                    error = Math.Max(error, Math.Abs(seenGradient[k][i] - expected[k][i]));
                    scale = Math.Max(scale, Math.Abs(expected[k][i]));
                    moved = Math.Max(moved, Math.Abs(expected[k][i] - atW[k][i]));
                }
            }
            Assert.True(error <= 1e-5 * scale, $"step {step}: the gradient differs from the one at w + e by {error:E2} (scale {scale:G3}).");
            Assert.True(moved > 1e-3 * scale, $"step {step}: the gradient at w + e is almost the one at w ({moved:E2}), so the check proves little.");
        }
    }

    [Fact]
    public void RhoZeroTrainsBitForBitAsWithoutSam()
    {
        float[][] plain = Train(null);
        float[][] sam = Train(new SamOptions { Rho = 0 });
        float[][] real = Train(new SamOptions());
        for (int k = 0; k < plain.Length; k++)
            Assert.Equal(plain[k], sam[k]);
        Assert.NotEqual(plain[0], real[0]);
    }

    private static float[][] Train(SamOptions? sam)
    {
        Sequential model = Model();
        var trainer = new Trainer(model, new SoftmaxCrossEntropy(), new Adam { LearningRate = 1e-2f },
            new TrainerOptions { Epochs = 3, BatchSize = 16, Seed = 5, Sam = sam });
        trainer.Fit(TestData.Blobs(20, 1));
        return Snapshot(model);
    }

    [Fact]
    public void AZeroGradientMovesNothing()
    {
        Sequential model = Model();
        float[][] before = Snapshot(model);
        model.ZeroGrad();
        var perturbation = new SharpnessAwarePerturbation(model, new SamOptions { Rho = 1 });
        Assert.False(perturbation.Perturb());
        float[][] after = Snapshot(model);
        for (int k = 0; k < before.Length; k++)
            Assert.Equal(before[k], after[k]);
    }

    [Theory]
    [InlineData(-0.05f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void ABadRhoIsRefusedUpFront(float rho)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(Model(), new SoftmaxCrossEntropy(), new Sgd(),
            new TrainerOptions { Sam = new SamOptions { Rho = rho } }));
        Assert.Equal(nameof(SamOptions.Rho), e.ParamName);
        Assert.Contains("rho", e.Message);
    }

    internal static float[][] Snapshot(Sequential model)
    {
        var copy = new float[model.Parameters.Length][];
        for (int k = 0; k < copy.Length; k++)
            copy[k] = model.Parameters[k].Value.ToArray();
        return copy;
    }
}

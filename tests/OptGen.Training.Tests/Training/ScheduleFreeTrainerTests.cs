namespace OptGen.Training.Tests.Training;

/// <summary>
/// A trainer over <see cref="ScheduleFreeAdamW"/> (an <see cref="IEvaluationWeights"/>) evaluates at the average
/// <c>x</c>, keeps <c>x</c> as the best weights, and trains on at <c>y</c> exactly as if it had evaluated nothing.
/// </summary>
public class ScheduleFreeTrainerTests
{
    private static readonly Dataset Train = TestData.Blobs(30, 1);
    private static readonly Dataset Validation = TestData.Blobs(20, 2);

    private static Trainer NewTrainer(int epochs, bool restoreBest = false) => new(
        Sequential.Mlp([4, 12, 3], seed: 4), new SoftmaxCrossEntropy(), new ScheduleFreeAdamW { LearningRate = 0.05f, Beta1 = 0.8f },
        new TrainerOptions { Epochs = epochs, BatchSize = 16, Seed = 9, RestoreBestWeights = restoreBest });

    /// <summary>x = (y - (1 - β1)·z) / β1 from the optimizer's state, in float64, as Optax's schedule_free_eval_params.</summary>
    private static float[][] AverageByHand(Trainer trainer)
    {
        var optimizer = (ScheduleFreeAdamW)trainer.Optimizer;
        int z = Array.IndexOf(optimizer.State.BufferNames, "z");
        double beta1 = optimizer.Beta1;
        var x = new float[trainer.Model.Parameters.Length][];
        for (int k = 0; k < x.Length; k++)
        {
            ReadOnlySpan<float> y = trainer.Model.Parameters[k].Value, zk = optimizer.State.Tensors[k].Buffer(z);
            x[k] = new float[y.Length];
            for (int i = 0; i < y.Length; i++)
                x[k][i] = (float)((y[i] - (1 - beta1) * zk[i]) / beta1);
        }
        return x;
    }

    /// <summary>Metrics of a copy of the model holding <paramref name="weights"/>, by a trainer whose optimizer swaps nothing.</summary>
    private static Metrics MetricsAt(float[][] weights, Dataset data)
    {
        Sequential model = Sequential.Mlp([4, 12, 3], seed: 4);
        for (int k = 0; k < weights.Length; k++)
            weights[k].CopyTo(model.Parameters[k].Value);
        return new Trainer(model, new SoftmaxCrossEntropy(), new Sgd()).Evaluate(data);
    }

    [Fact]
    public void EvaluationIsAtTheAverageAndPutsTheTrainingWeightsBack()
    {
        Trainer trainer = NewTrainer(epochs: 6);
        trainer.FitUntil(Train, null, 3);
        float[][] y = SamTrainerTests.Snapshot(trainer.Model);
        float[][] x = AverageByHand(trainer);

        Metrics metrics = trainer.Evaluate(Validation);

        Assert.Equal(MetricsAt(x, Validation), metrics);
        Assert.NotEqual(MetricsAt(y, Validation).Loss, metrics.Loss); // x is not y, so the check above proves something
        float[][] after = SamTrainerTests.Snapshot(trainer.Model);
        for (int k = 0; k < y.Length; k++)
            Assert.Equal(y[k], after[k]);
    }

    [Fact]
    public void ValidationMetricsEachEpochAreThoseAtTheAverage()
    {
        Trainer trainer = NewTrainer(epochs: 4);
        var expected = new List<Metrics>();
        var reported = new List<Metrics>();
        trainer.Fit(Train, Validation, new InlineProgress(r =>
        {
            reported.Add(r.Validation!);
            if (!trainer.IsFinished) // a finished model already holds x
                expected.Add(MetricsAt(AverageByHand(trainer), Validation));
        }));
        Assert.Equal(3, expected.Count);
        for (int e = 0; e < expected.Count; e++)
            Assert.Equal(expected[e], reported[e]);
        Assert.Equal(MetricsAt(SamTrainerTests.Snapshot(trainer.Model), Validation), reported[^1]); // finished at x
    }

    [Fact]
    public void TrainingWithEvaluationsIsBitIdenticalToTrainingWithout()
    {
        var quiet = new List<float[][]>();
        Trainer plain = NewTrainer(epochs: 4);
        plain.Fit(Train, null, new InlineProgress(_ => quiet.Add(SamTrainerTests.Snapshot(plain.Model))));

        var busy = new List<float[][]>();
        Trainer evaluated = NewTrainer(epochs: 4);
        evaluated.Fit(Train, Validation, new InlineProgress(_ =>
        {
            evaluated.Evaluate(Train); // more evaluations from the callback
            busy.Add(SamTrainerTests.Snapshot(evaluated.Model));
        }));

        Assert.Equal(4, busy.Count);
        for (int e = 0; e < busy.Count; e++)
        {
            for (int k = 0; k < busy[e].Length; k++)
                Assert.Equal(quiet[e][k], busy[e][k]);
        }
    }

    [Fact]
    public void BestWeightsRestoredAreTheEvaluationWeightsOfTheBestEpoch()
    {
        Trainer trainer = NewTrainer(epochs: 5, restoreBest: true);
        TrainingResult result = trainer.Fit(Train, Validation);
        double best = double.PositiveInfinity;
        foreach (EpochReport r in result.History)
            best = Math.Min(best, r.Validation!.Loss);
        // Exactly the loss measured at x of the best epoch: the model holds those weights, not y.
        Assert.Equal(best, MetricsAt(SamTrainerTests.Snapshot(trainer.Model), Validation).Loss);
        Assert.Equal(best, trainer.Evaluate(Validation).Loss); // a finished trainer evaluates the model as it is
    }

    [Fact]
    public void ACheckpointSavedAfterAnEvaluationResumesBitForBit()
    {
        string path = Path.Combine(Path.GetTempPath(), $"optgen-sf-{Guid.NewGuid():N}.ckpt");
        try
        {
            Trainer straight = NewTrainer(epochs: 4);
            straight.Fit(Train, Validation);

            Trainer first = NewTrainer(epochs: 4);
            first.FitUntil(Train, Validation, 2);
            first.Evaluate(Validation);
            TrainerCheckpoint.Save(path, first);
            Trainer resumed = NewTrainer(epochs: 4);
            TrainerCheckpoint.Load(path, resumed);
            resumed.Fit(Train, Validation);

            float[][] a = SamTrainerTests.Snapshot(straight.Model), b = SamTrainerTests.Snapshot(resumed.Model);
            for (int k = 0; k < a.Length; k++)
                Assert.Equal(a[k], b[k]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void EvaluatingBeforeTheFirstStepUsesTheWeightsAsTheyAre()
    {
        Trainer trainer = NewTrainer(epochs: 1);
        float[][] w = SamTrainerTests.Snapshot(trainer.Model);
        Assert.Equal(MetricsAt(w, Validation), trainer.Evaluate(Validation));
    }
}

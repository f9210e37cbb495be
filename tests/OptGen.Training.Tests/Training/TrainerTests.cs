using System.Threading;

namespace OptGen.Training.Tests.Training;

public class TrainerTests
{
    [Fact]
    public void SameSeedGivesBitIdenticalWeights()
    {
        float[][] a = TrainAndSnapshot(seed: 7);
        float[][] b = TrainAndSnapshot(seed: 7);
        float[][] c = TrainAndSnapshot(seed: 8);
        for (int i = 0; i < a.Length; i++)
            Assert.Equal(a[i], b[i]); // exact float equality, element by element
        Assert.NotEqual(a[0], c[0]);
    }

    [Fact]
    public void NaNLossStopsWithTheEpochAndStep()
    {
        Dataset data = WithNaNAt(row: 45);
        var trainer = new Trainer(Sequential.Mlp([4, 8, 3], seed: 1), new SoftmaxCrossEntropy(), new Sgd { LearningRate = 0.01f },
            new TrainerOptions { Epochs = 3, BatchSize = 10, Shuffle = false });
        var ex = Assert.Throws<NonFiniteLossException>(() => trainer.Fit(data));
        Assert.Equal(1, ex.Epoch);
        Assert.Equal(5, ex.Step); // rows 40..49
        Assert.Contains("epoch 1, step 5", ex.Message);
        Assert.Equal(4, trainer.Optimizer.StepCount); // the bad step updated nothing
    }

    [Fact]
    public void NaNStepsCanBeSkipped()
    {
        Dataset data = WithNaNAt(row: 45);
        var trainer = new Trainer(Sequential.Mlp([4, 8, 3], seed: 1), new SoftmaxCrossEntropy(), new Sgd { LearningRate = 0.01f },
            new TrainerOptions { Epochs = 2, BatchSize = 10, Shuffle = false, SkipNonFiniteSteps = true });
        TrainingResult result = trainer.Fit(data);
        Assert.All(result.History, r => Assert.Equal(1, r.SkippedSteps));
        Assert.Equal(2 * (9 - 1), trainer.Optimizer.StepCount); // 9 batches of 10, one skipped per epoch
        Assert.True(double.IsFinite(result.History[^1].TrainLoss));
    }

    [Fact]
    public void EarlyStoppingAfterPatienceEpochsWithoutImprovement()
    {
        // A zero learning rate never improves on the first epoch's loss.
        Dataset data = TestData.Blobs(20, 1);
        var trainer = new Trainer(Sequential.Mlp([4, 8, 3], seed: 1), new SoftmaxCrossEntropy(), new Sgd { LearningRate = 0f },
            new TrainerOptions { Epochs = 50, EarlyStoppingPatience = 3, Shuffle = false });
        TrainingResult result = trainer.Fit(data, data);
        Assert.True(result.StoppedEarly);
        Assert.Equal(4, result.History.Count);
        Assert.Equal(1, result.BestEpoch);
    }

    [Fact]
    public void RestoreBestWeightsPutsBackTheBestEpoch()
    {
        Dataset data = TestData.Blobs(20, 1);
        var trainer = new Trainer(Sequential.Mlp([4, 8, 3], seed: 1), new SoftmaxCrossEntropy(), new Adam { LearningRate = 1e-2f },
            new TrainerOptions { Epochs = 8, RestoreBestWeights = true });
        TrainingResult result = trainer.Fit(data, data);
        double best = double.PositiveInfinity;
        foreach (EpochReport r in result.History)
            best = Math.Min(best, r.Validation!.Loss);
        Assert.Equal(best, trainer.Evaluate(data).Loss, 6);
    }

    [Fact]
    public void ReduceOnPlateauLowersTheRateAfterPatience()
    {
        var opt = new Sgd { LearningRate = 1f };
        var plateau = new ReduceLearningRateOnPlateau { Factor = 0.5f, Patience = 2 };
        Assert.False(plateau.Observe(opt, 1.0));
        Assert.False(plateau.Observe(opt, 1.0));
        Assert.False(plateau.Observe(opt, 1.0));
        Assert.True(plateau.Observe(opt, 1.0)); // third epoch without improvement
        Assert.Equal(0.5f, opt.LearningRate);
        Assert.False(plateau.Observe(opt, 0.5)); // improvement resets the count
        Assert.Equal(1, plateau.Reductions);
    }

    [Fact]
    public void ReduceOnPlateauCountsEpochsByTheSchedulesRules()
    {
        // The relative threshold: 0.99995 is no improvement on 1 (it needs < 0.9999); a NaN loss is an epoch without
        // improvement whether or not a best is known (PyTorch's rule, shared with OptGen.Schedules.ReduceOnPlateau).
        var opt = new Sgd { LearningRate = 1f };
        var plateau = new ReduceLearningRateOnPlateau { Factor = 0.5f, Patience = 1 };
        double[] losses = [1.0, 0.99995, double.NaN, 0.9, 0.95, 0.95, 0.5];
        bool[] lowered = Array.ConvertAll(losses, loss => plateau.Observe(opt, loss));
        Assert.Equal([false, false, true, false, false, true, false], lowered);
        Assert.Equal(0.25f, opt.LearningRate);
        Assert.Equal(2, plateau.Reductions);

        var first = new ReduceLearningRateOnPlateau { Factor = 0.5f, Patience = 0 };
        var sgd = new Sgd { LearningRate = 1f };
        Assert.True(first.Observe(sgd, double.NaN)); // no best yet, and NaN does not become one
        Assert.False(first.Observe(sgd, double.PositiveInfinity));
        Assert.False(first.Observe(sgd, double.PositiveInfinity)); // an infinite best counts as none
        Assert.False(first.Observe(sgd, 2.0));
        Assert.True(first.Observe(sgd, 2.0));
        Assert.Equal(0.25f, sgd.LearningRate);
    }

    [Fact]
    public void ReduceOnPlateauRunsInsideFit()
    {
        Dataset data = TestData.Blobs(10, 1);
        var opt = new Sgd { LearningRate = 0f };
        var plateau = new ReduceLearningRateOnPlateau { Patience = 1 };
        new Trainer(Sequential.Mlp([4, 3], seed: 1), new SoftmaxCrossEntropy(), opt,
            new TrainerOptions { Epochs = 4, ReduceOnPlateau = plateau }).Fit(data);
        Assert.Equal(1, plateau.BadEpochs); // 0 * factor is no reduction, but the epochs were observed
    }

    [Theory]
    [InlineData(1, 60)]
    [InlineData(0, 1)]
    [InlineData(16, 4)]
    public void BatchSizeSetsTheStepsPerEpoch(int batchSize, int steps)
    {
        Dataset data = TestData.Blobs(20, 1); // 60 rows
        var opt = new Sgd { LearningRate = 0.01f };
        TrainingResult result = new Trainer(Sequential.Mlp([4, 3], seed: 1), new SoftmaxCrossEntropy(), opt,
            new TrainerOptions { Epochs = 2, BatchSize = batchSize }).Fit(data);
        Assert.All(result.History, r => Assert.Equal(steps, r.Steps));
        Assert.Equal(2 * steps, opt.StepCount);
    }

    [Fact]
    public void ProgressAndCancellation()
    {
        Dataset data = TestData.Blobs(20, 1);
        using var cts = new CancellationTokenSource();
        var seen = new List<int>();
        var progress = new Inline(r =>
        {
            seen.Add(r.Epoch);
            if (r.Epoch == 2)
                cts.Cancel();
        });
        var trainer = new Trainer(Sequential.Mlp([4, 3], seed: 1), new SoftmaxCrossEntropy(), new Adam(), new TrainerOptions { Epochs = 10 });
        Assert.Throws<OperationCanceledException>(() => trainer.Fit(data, null, progress, cts.Token));
        Assert.Equal([1, 2], seen);
    }

    [Fact]
    public void ScheduleTotalStepsIsSetByTheTrainer()
    {
        var schedule = new TestCosine();
        var opt = new Sgd { LearningRate = 0.1f, Schedule = schedule };
        TrainingResult result = new Trainer(Sequential.Mlp([4, 3], seed: 1), new SoftmaxCrossEntropy(), opt,
            new TrainerOptions { Epochs = 3, BatchSize = 20 }).Fit(TestData.Blobs(20, 1));
        Assert.Equal(9, schedule.TotalSteps);
        Assert.Equal(0.0, result.History[^1].LearningRate, 6); // annealed to zero at T
    }

    [Fact]
    public void RegressionReportsMseAndRSquared()
    {
        Dataset train = TestData.Linear(400, 1), test = TestData.Linear(100, 2);
        var trainer = new Trainer(Sequential.Mlp([2, 16, 1], seed: 3), new MeanSquaredError(), new Adam { LearningRate = 1e-2f },
            new TrainerOptions { Epochs = 60, BatchSize = 32, Seed = 1 });
        TrainingResult result = trainer.Fit(train, test);
        Metrics m = result.History[^1].Validation!;
        Assert.Null(m.Accuracy);
        Assert.True(m.RSquared > 0.99, m.ToString());
        Assert.True(m.MeanSquaredError < 0.02, m.ToString());
    }

    private static float[][] TrainAndSnapshot(ulong seed)
    {
        var model = Sequential.Mlp([4, 16, 3], seed, () => new Gelu(), dropout: 0.2f);
        var trainer = new Trainer(model, new SoftmaxCrossEntropy(), new Adam { LearningRate = 1e-2f }, new TrainerOptions { Epochs = 3, BatchSize = 7, Seed = seed });
        trainer.Fit(TestData.Blobs(30, 5));
        var snapshot = new float[model.Parameters.Length][];
        for (int i = 0; i < snapshot.Length; i++)
            snapshot[i] = model.Parameters[i].Value.ToArray();
        return snapshot;
    }

    private static Dataset WithNaNAt(int row)
    {
        Dataset d = TestData.Blobs(30, 1); // 90 rows
        d.Features[row * 4 + 2] = float.NaN;
        return d;
    }

    private sealed class Inline(Action<EpochReport> report) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => report(value);
    }
}

/// <summary>Cosine decay to zero over the trainer's total steps.</summary>
[Schedule("lr0 * 0.5 * (1 + cos(pi * t / T))")]
public partial class TestCosine : ITotalStepsSchedule
{
}

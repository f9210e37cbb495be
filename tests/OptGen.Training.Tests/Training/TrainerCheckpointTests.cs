namespace OptGen.Training.Tests.Training;

/// <summary>Saving a trainer mid-run and resuming in fresh objects continues bit for bit.</summary>
public sealed class TrainerCheckpointTests : BlobTrainingTests
{
    private const int Epochs = 8;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void ResumedTrainingIsBitIdenticalToAStraightRun(int pauseAfter)
    {
        // Everything that carries state: dropout masks, shuffling, a T-dependent schedule, plateau, best weights.
        Trainer straight = NewTrainer();
        TrainingResult full = straight.Fit(_train, _validation);

        Trainer first = NewTrainer();
        first.FitUntil(_train, _validation, pauseAfter);
        Assert.Equal(pauseAfter, first.CompletedEpochs);
        Assert.False(first.IsFinished);
        string path = Path.Combine(_temp.Path, "run.ckpt");
        TrainerCheckpoint.Save(path, first, new Dictionary<string, string> { ["note"] = "mine" });

        Trainer resumed = NewTrainer();
        IReadOnlyDictionary<string, string> entries = TrainerCheckpoint.Load(path, resumed);
        Assert.Equal("mine", entries["note"]);
        Assert.Single(entries);
        Assert.Equal(pauseAfter, resumed.CompletedEpochs);
        TrainingResult rest = resumed.Fit(_train, _validation);

        Assert.Equal(Epochs - pauseAfter, rest.History.Count);
        Assert.Equal(pauseAfter + 1, rest.History[0].Epoch);
        Assert.Equal(full.BestEpoch, rest.BestEpoch);
        Assert.Equal(full.History[^1].TrainLoss, rest.History[^1].TrainLoss);
        AssertContinuesTheStraightRun(straight, resumed);
    }

    [Fact]
    public void CheckpointSavedFromTheProgressCallbackResumesExactly()
    {
        Trainer straight = Trained(NewTrainer());

        string path = Path.Combine(_temp.Path, "epoch.ckpt");
        Trainer first = NewTrainer();
        var saver = new Inline(r =>
        {
            TrainerCheckpoint.Save(path, first);
            if (r.Epoch == 4)
                throw new OperationCanceledException("simulated crash after the save of epoch 4");
        });
        Assert.Throws<OperationCanceledException>(() => first.Fit(_train, _validation, saver));

        Trainer resumed = NewTrainer();
        TrainerCheckpoint.Load(path, resumed);
        resumed.Fit(_train, _validation);
        AssertContinuesTheStraightRun(straight, resumed);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void ReduceOnPlateauScheduleStateSurvivesAResume(int pauseAfter)
    {
        // Patience 0 and a demanding threshold: the schedule reduces the rate during the run, so its best metric,
        // bad-report count, cooldown and reductions must all come back for the resumed run to match.
        static Trainer WithPlateauSchedule() => new(Sequential.Mlp([4, 16, 3], seed: 5), new SoftmaxCrossEntropy(),
            new Adam { LearningRate = 3e-2f, Schedule = new OptGen.Schedules.ReduceOnPlateau { Patience = 0, Threshold = 0.2, Factor = 0.5, Cooldown = 1 } },
            new TrainerOptions { Epochs = Epochs, BatchSize = 7, Seed = 4 });
        Trainer straight = Trained(WithPlateauSchedule());
        var schedule = (OptGen.Schedules.ReduceOnPlateau)straight.Optimizer.Schedule!;
        Assert.True(schedule.Reductions > 0, "the run must reduce the rate for the test to mean anything");

        (Trainer first, Trainer resumed) = PauseAndResume(WithPlateauSchedule, pauseAfter);
        var before = (OptGen.Schedules.ReduceOnPlateau)first.Optimizer.Schedule!;
        var after = (OptGen.Schedules.ReduceOnPlateau)resumed.Optimizer.Schedule!;
        Assert.Equal((before.Best, before.BadReports, before.CooldownLeft, before.Reductions), (after.Best, after.BadReports, after.CooldownLeft, after.Reductions));
        resumed.Fit(_train, _validation);

        Assert.Equal(schedule.Reductions, ((OptGen.Schedules.ReduceOnPlateau)resumed.Optimizer.Schedule!).Reductions);
        AssertContinuesTheStraightRun(straight, resumed);
    }

    [Fact]
    public void FinishedCheckpointTrainsNoFurtherAndKeepsTheResult()
    {
        Trainer straight = Trained(NewTrainer());
        string path = Path.Combine(_temp.Path, "done.ckpt");
        TrainerCheckpoint.Save(path, straight);

        Trainer loaded = NewTrainer();
        TrainerCheckpoint.Load(path, loaded);
        Assert.True(loaded.IsFinished);
        TrainingResult again = loaded.Fit(_train, _validation);
        Assert.Empty(again.History);
        AssertContinuesTheStraightRun(straight, loaded);
    }

    [Fact]
    public void EarlyStoppingStateSurvivesAResume()
    {
        // A zero rate never improves on the first epoch: a straight run stops after 1 + patience epochs.
        static Trainer Frozen() => new(Sequential.Mlp([4, 8, 3], seed: 1), new SoftmaxCrossEntropy(), new Sgd { LearningRate = 0f },
            new TrainerOptions { Epochs = 50, EarlyStoppingPatience = 3, Shuffle = false });
        (_, Trainer resumed) = PauseAndResume(Frozen, 2);
        TrainingResult rest = resumed.Fit(_train, _validation);
        Assert.True(rest.StoppedEarly);
        Assert.Equal([3, 4], rest.History.Select(r => r.Epoch));
        Assert.Equal(1, rest.BestEpoch);
    }

    [Fact]
    public void MismatchedCheckpointLeavesTheTrainerUntouched()
    {
        Trainer first = NewTrainer();
        first.FitUntil(_train, _validation, 2);
        string path = Path.Combine(_temp.Path, "mismatch.ckpt");
        TrainerCheckpoint.Save(path, first);

        // Same parameters and optimizer, but options without the plateau and best-weights state: rejected first.
        var other = new Trainer(Sequential.Mlp([4, 16, 3], seed: 99), new SoftmaxCrossEntropy(), new Sgd { LearningRate = 0.1f },
            new TrainerOptions { Epochs = Epochs });
        float[] before = other.Model.Parameters[0].Value.ToArray();
        Assert.ThrowsAny<Exception>(() => TrainerCheckpoint.Load(path, other));
        Assert.Equal(before, other.Model.Parameters[0].Value.ToArray());
        Assert.Equal(0, other.CompletedEpochs);
        Assert.Equal(0, other.Optimizer.StepCount);
    }

    [Fact]
    public void ReservedKeysAreRejected()
    {
        Trainer t = NewTrainer();
        Assert.Throws<ArgumentException>(() => TrainerCheckpoint.Save(Path.Combine(_temp.Path, "x.ckpt"), t,
            new Dictionary<string, string> { ["trainer.epoch"] = "1" }));
    }

    private Trainer Trained(Trainer trainer)
    {
        trainer.Fit(_train, _validation);
        return trainer;
    }

    // A trainer from `make` trained for `epochs` epochs and saved, and a fresh one from `make` that loaded the checkpoint.
    private (Trainer First, Trainer Resumed) PauseAndResume(Func<Trainer> make, int epochs)
    {
        Trainer first = make();
        first.FitUntil(_train, _validation, epochs);
        string path = Path.Combine(_temp.Path, $"paused-after-{epochs}.ckpt");
        TrainerCheckpoint.Save(path, first);
        Trainer resumed = make();
        TrainerCheckpoint.Load(path, resumed);
        return (first, resumed);
    }

    private static Trainer NewTrainer()
    {
        var model = Sequential.Mlp([4, 16, 3], seed: 11, () => new Gelu(), dropout: 0.2f);
        var optimizer = new Adam { LearningRate = 2e-2f, Schedule = new TestCosine() };
        return new Trainer(model, new SoftmaxCrossEntropy(), optimizer, new TrainerOptions
        {
            Epochs = Epochs,
            BatchSize = 7,
            Seed = 3,
            RestoreBestWeights = true,
            EarlyStoppingPatience = 20,
            ReduceOnPlateau = new ReduceLearningRateOnPlateau { Patience = 0, Factor = 0.5f },
        });
    }

    private sealed class Inline(Action<EpochReport> report) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => report(value);
    }

    // A resumed run ends where the straight run ended: the optimizer's step count and rate, the weights bit for bit.
    private static void AssertContinuesTheStraightRun(Trainer straight, Trainer resumed)
    {
        Assert.Equal(straight.Optimizer.StepCount, resumed.Optimizer.StepCount);
        Assert.Equal(straight.Optimizer.LearningRate, resumed.Optimizer.LearningRate);
        AssertSameBits(straight.Model, resumed.Model);
    }

    internal static void AssertSameBits(Sequential expected, Sequential actual)
    {
        for (int i = 0; i < expected.Parameters.Length; i++)
        {
            ReadOnlySpan<float> a = expected.Parameters[i].Value, b = actual.Parameters[i].Value;
            Assert.Equal(a.Length, b.Length);
            for (int j = 0; j < a.Length; j++)
                Assert.True(BitConverter.SingleToInt32Bits(a[j]) == BitConverter.SingleToInt32Bits(b[j]),
                    $"{expected.Parameters[i].Name}[{j}]: {a[j]:R} vs {b[j]:R}");
        }
    }
}

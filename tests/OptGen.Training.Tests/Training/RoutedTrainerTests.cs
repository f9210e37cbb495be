namespace OptGen.Training.Tests.Training;

/// <summary>The trainer takes a RoutedOptimizer like any optimizer: schedules, plateau reduction, checkpoints and resume.</summary>
public sealed class RoutedTrainerTests : BlobTrainingTests
{
    private const int Epochs = 6;

    // By name, so the groups are the same whatever shape the layers give their weights.
    private static RoutedOptimizer BiasesWithoutDecay() => new(
        new Route("decay", p => !p.Name!.EndsWith(".bias", StringComparison.Ordinal), new AdamW { LearningRate = 2e-2f, WeightDecay = 0.1f }),
        new Route("no_decay", Routes.Any, new AdamW { LearningRate = 2e-2f, WeightDecay = 0 }));

    private static Trainer NewTrainer(IOptimizer optimizer, bool schedule = true)
    {
        optimizer.Schedule = schedule ? new TestCosine() : null;
        return new Trainer(Sequential.Mlp([4, 16, 3], seed: 11), new SoftmaxCrossEntropy(), optimizer, new TrainerOptions
        {
            Epochs = Epochs,
            BatchSize = 7,
            Seed = 3,
            ReduceOnPlateau = new ReduceLearningRateOnPlateau { Patience = 0, Factor = 0.5f },
        });
    }

    [Fact]
    public void ARouterOfOneOptimizerTrainsBitIdenticallyToThatOptimizer()
    {
        Trainer plain = NewTrainer(new AdamW { LearningRate = 2e-2f });
        Trainer routed = NewTrainer(new RoutedOptimizer(new Route("all", Routes.Any, new AdamW { LearningRate = 2e-2f })));
        plain.Fit(_train, _validation);
        routed.Fit(_train, _validation);

        AssertSameBits(plain.Model, routed.Model);
        Assert.Equal(plain.Optimizer.StepCount, routed.Optimizer.StepCount);
    }

    [Fact]
    public void BiasesWithoutDecayTrainToHighAccuracy()
    {
        Trainer trainer = NewTrainer(BiasesWithoutDecay());
        trainer.Fit(_train, _validation);
        Assert.True(trainer.Evaluate(_validation).Accuracy >= 0.9, $"accuracy {trainer.Evaluate(_validation).Accuracy}");
        var router = (RoutedOptimizer)trainer.Optimizer;
        Assert.Equal(["dense0.bias", "dense1.bias"], router.ParametersOf(1).ToArray().Select(p => p.Name));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void ResumingFromATrainerCheckpointIsBitIdenticalToAStraightRun(int pauseAfter)
    {
        Trainer straight = NewTrainer(BiasesWithoutDecay());
        straight.Fit(_train, _validation);

        Trainer first = NewTrainer(BiasesWithoutDecay());
        first.FitUntil(_train, _validation, pauseAfter);
        string path = Path.Combine(_temp.Path, "routed.ckpt");
        TrainerCheckpoint.Save(path, first);

        Trainer resumed = NewTrainer(BiasesWithoutDecay());
        TrainerCheckpoint.Load(path, resumed);
        resumed.Fit(_train, _validation);

        AssertSameBits(straight.Model, resumed.Model);
        Assert.Equal(straight.Optimizer.StepCount, resumed.Optimizer.StepCount);
        Assert.Equal(straight.Optimizer.LearningRate, resumed.Optimizer.LearningRate);
    }

    private static void AssertSameBits(Sequential expected, Sequential actual) => TrainerCheckpointTests.AssertSameBits(expected, actual);
}

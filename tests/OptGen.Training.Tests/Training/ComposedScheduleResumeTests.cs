namespace OptGen.Training.Tests.Training;

/// <summary>
/// Composed and stateful schedules — on the rate and on other hyperparameters — resume from a trainer checkpoint
/// bit for bit: the weights and every rate and hyperparameter value seen at every step (PyTorch's SequentialLR
/// restores the wrong rate on resume).
/// </summary>
public sealed class ComposedScheduleResumeTests : IDisposable
{
    private const int Epochs = 6, BatchSize = 8, Rows = 60, StepsPerEpoch = (Rows + BatchSize - 1) / BatchSize;
    private readonly TempFolder _temp = new();
    private readonly Dataset _train = Blobs(Rows / 3, 5), _validation = Blobs(8, 6);

    public void Dispose() => _temp.Dispose();

    private static Dataset Blobs(int perClass, int seed)
    {
        var rng = new Random(seed);
        int rows = perClass * 3;
        var features = new float[rows * 4];
        var labels = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            labels[r] = r % 3;
            for (int j = 0; j < 4; j++)
                features[r * 4 + j] = (float)(labels[r] * (j % 2 == 0 ? 1.0 : -0.5) + 0.6 * (rng.NextDouble() - 0.5));
        }
        return new Dataset(features, 4, labels, null);
    }

    /// <summary>A fresh trainer for a configuration, built the same way each time (schedules are configuration).</summary>
    private static (Trainer Trainer, HyperparameterRecorder Optimizer) NewTrainer(string config)
    {
        var adam = new AdamW { LearningRate = 0.05f, WeightDecay = 0.02f, Beta1 = 0.9f };
        switch (config)
        {
            case "warmup+cosine":
                adam.Schedule = new JoinedSchedule([new LinearSchedule { StartFactor = 0.1, EndFactor = 1, TotalIters = 6 }, new CosineAnnealingSchedule { TMax = 42 }], [6]);
                break;
            case "plateau":
                // Maximising a falling loss: a reduction after (almost) every epoch, so the restored counters matter.
                adam.Schedule = new ReduceOnPlateau { Patience = 0, Factor = 0.5, Maximize = true };
                break;
            case "hyperparameters":
                var wsd = new WsdSchedule { WarmupSteps = 5, DecayFraction = 0.3, DecayShape = WsdSchedule.OneMinusSqrt };
                adam.Schedule = wsd;
                adam.HyperparameterSchedules.Set(nameof(AdamW.WeightDecay), wsd); // weight decay follows the rate
                adam.HyperparameterSchedules.Set(nameof(AdamW.Beta1), new JoinedSchedule(
                    [new ConstantSchedule(), new ReduceOnPlateau { Patience = 0, Factor = 0.9, Maximize = true }], [10]));
                adam.HyperparameterSchedules.Set(nameof(AdamW.Beta2), new JoinedSchedule(
                    [new LinearSchedule { StartFactor = 0.99, EndFactor = 1, TotalIters = 20 }, new WsdSchedule { DecayFraction = 0.5, MinFactor = 0.99 }], [20]));
                break;
            default:
                throw new ArgumentException(config);
        }
        var recording = new HyperparameterRecorder(adam);
        var model = Sequential.Mlp([4, 12, 3], seed: 7, () => new Gelu(), dropout: 0.1f);
        var trainer = new Trainer(model, new SoftmaxCrossEntropy(), recording, new TrainerOptions { Epochs = Epochs, BatchSize = BatchSize, Seed = 3 });
        return (trainer, recording);
    }

    [Theory]
    [InlineData("warmup+cosine", 1)]
    [InlineData("warmup+cosine", 4)]
    [InlineData("plateau", 3)]
    [InlineData("hyperparameters", 2)]
    [InlineData("hyperparameters", 5)]
    public void ARunResumedFromACheckpointSeesTheSameRatesHyperparametersAndWeights(string config, int pauseAfter)
    {
        (Trainer straight, HyperparameterRecorder straightSeen) = NewTrainer(config);
        straight.Fit(_train, _validation);
        Assert.Equal(Epochs * StepsPerEpoch, straightSeen.Seen.Count);

        (Trainer first, HyperparameterRecorder firstSeen) = NewTrainer(config);
        first.FitUntil(_train, _validation, pauseAfter);
        string path = Path.Combine(_temp.Path, config + ".ckpt");
        TrainerCheckpoint.Save(path, first);

        (Trainer resumed, HyperparameterRecorder resumedSeen) = NewTrainer(config);
        TrainerCheckpoint.Load(path, resumed);
        resumed.Fit(_train, _validation);

        int before = pauseAfter * StepsPerEpoch;
        AssertSameRows(straightSeen.Seen.Take(before).ToList(), firstSeen.Seen, "before the pause");
        AssertSameRows(straightSeen.Seen.Skip(before).ToList(), resumedSeen.Seen, "after the resume");
        for (int i = 0; i < straight.Model.Parameters.Length; i++)
            Assert.True(straight.Model.Parameters[i].Value.SequenceEqual(resumed.Model.Parameters[i].Value), $"weights of {straight.Model.Parameters[i].Name}");

        // The values did move, so a schedule restarted or left unrestored would show.
        for (int column = 0; column < straightSeen.Seen[0].Length; column++)
            Assert.True(straightSeen.Seen.Select(r => r[column]).Distinct().Count() > 2, $"column {column} of {config} hardly changes");
    }

    [Fact]
    public void ACheckpointWithOtherScheduledHyperparametersIsRefusedAndChangesNothing()
    {
        (Trainer first, _) = NewTrainer("hyperparameters");
        first.FitUntil(_train, _validation, 1);
        string path = Path.Combine(_temp.Path, "hp.ckpt");
        TrainerCheckpoint.Save(path, first);

        (Trainer other, HyperparameterRecorder otherOptimizer) = NewTrainer("hyperparameters");
        otherOptimizer.HyperparameterSchedules.Remove(nameof(AdamW.Beta2));
        float[] weights = other.Model.Parameters[0].Value.ToArray();
        var e = Assert.Throws<ArgumentException>(() => TrainerCheckpoint.Load(path, other));
        Assert.Contains("[Beta1,Beta2,WeightDecay]", e.Message);
        Assert.Contains("[Beta1,WeightDecay]", e.Message);
        Assert.Equal(0, other.CompletedEpochs);
        Assert.Equal(0, other.Optimizer.StepCount);
        Assert.Equal(weights, other.Model.Parameters[0].Value.ToArray());
    }

    [Fact]
    public void TheTrainerGivesTotalStepsToJoinedPartsAndHyperparameterSchedules()
    {
        (Trainer trainer, HyperparameterRecorder optimizer) = NewTrainer("hyperparameters");
        trainer.Fit(_train, _validation);
        const long total = Epochs * StepsPerEpoch;
        Assert.Equal(total, ((WsdSchedule)optimizer.Schedule!).TotalSteps);
        var beta2 = (JoinedSchedule)optimizer.HyperparameterSchedules.Get(nameof(AdamW.Beta2))!;
        Assert.Equal(total - 20, ((WsdSchedule)beta2.Schedules[1]).TotalSteps);
        var beta1 = (JoinedSchedule)optimizer.HyperparameterSchedules.Get(nameof(AdamW.Beta1))!;
        Assert.True(((ReduceOnPlateau)beta1.Schedules[1]).Reductions > 0);
    }

    private static void AssertSameRows(List<double[]> expected, List<double[]> actual, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int s = 0; s < expected.Count; s++)
        {
            for (int c = 0; c < expected[s].Length; c++)
            {
                Assert.True(BitConverter.DoubleToInt64Bits(expected[s][c]) == BitConverter.DoubleToInt64Bits(actual[s][c]),
                    $"{what}, step {s}, value {c}: {expected[s][c]:R} vs {actual[s][c]:R}");
            }
        }
    }
}

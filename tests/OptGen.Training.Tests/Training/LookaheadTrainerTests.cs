namespace OptGen.Training.Tests.Training;

/// <summary>A Lookahead trains a model in <see cref="Trainer"/> like any optimizer.</summary>
[Collection(SimdPolicyCollection.Name)]
public class LookaheadTrainerTests
{
    [Fact]
    public void ItTrainsAModelAndEndsOnTheSlowWeights()
    {
        const int Epochs = 5, Rows = 60, BatchSize = 10; // 6 steps an epoch: every epoch ends on a synchronisation
        var model = Sequential.Mlp([4, 12, 3], seed: 7, () => new Gelu());
        var lookahead = new Lookahead(new AdamW { LearningRate = 0.02f }) { SyncPeriod = 6 };
        var trainer = new Trainer(model, new SoftmaxCrossEntropy(), lookahead, new TrainerOptions { Epochs = Epochs, BatchSize = BatchSize, Seed = 3 });

        TrainingResult result = trainer.Fit(Blobs(Rows / 3));

        Assert.Equal(Epochs * Rows / BatchSize, lookahead.StepCount);
        Assert.True(result.History[^1].TrainLoss < 0.5 * result.History[0].TrainLoss,
            $"loss went from {result.History[0].TrainLoss} to {result.History[^1].TrainLoss}");
        int slow = Array.IndexOf(lookahead.State.BufferNames, "lookahead.slow");
        ReadOnlySpan<Parameter> parameters = model.Parameters;
        for (int t = 0; t < parameters.Length; t++)
            Assert.True(parameters[t].Value.SequenceEqual(lookahead.State.Tensors[t].Buffer(slow)), $"{parameters[t].Name} is not the slow weights");
    }

    [Fact]
    public void ATrainerCheckpointMidPeriodResumesOnTheSameBits()
    {
        // 6 steps an epoch and SyncPeriod 5: the pause after epoch 2 (step 12) is in the middle of a period. The weight
        // decay follows a WSD schedule set on the wrapper, whose TotalSteps the trainer sets and the checkpoint keeps.
        string path = Path.Combine(Path.GetTempPath(), $"optgen-lookahead-{Guid.NewGuid():N}.ckpt");
        try
        {
            Dataset train = Blobs(20);
            (Trainer straight, WsdSchedule straightWsd) = NewTrainer();
            straight.Fit(train);
            Assert.Equal(30, straightWsd.TotalSteps);

            (Trainer first, _) = NewTrainer();
            first.FitUntil(train, null, 2);
            TrainerCheckpoint.Save(path, first);
            (Trainer resumed, _) = NewTrainer();
            TrainerCheckpoint.Load(path, resumed);
            Assert.Equal(12, resumed.Optimizer.StepCount);
            resumed.Fit(train);

            ReadOnlySpan<Parameter> expected = straight.Model.Parameters, actual = resumed.Model.Parameters;
            for (int t = 0; t < expected.Length; t++)
                Assert.True(expected[t].Value.SequenceEqual(actual[t].Value), $"{expected[t].Name} differs after the resume");
        }
        finally
        {
            File.Delete(path);
        }

        static (Trainer, WsdSchedule) NewTrainer()
        {
            var lookahead = new Lookahead(new AdamW { LearningRate = 0.02f, WeightDecay = 0.05f }) { SyncPeriod = 5 };
            var wsd = new WsdSchedule { DecayFraction = 0.5 };
            lookahead.HyperparameterSchedules.Set("WeightDecay", wsd);
            var model = Sequential.Mlp([4, 12, 3], seed: 7, () => new Gelu());
            return (new Trainer(model, new SoftmaxCrossEntropy(), lookahead, new TrainerOptions { Epochs = 5, BatchSize = 10, Seed = 3 }), wsd);
        }
    }

    // Three separable classes in four features, laid out without a random generator: row r is class r mod 3.
    private static Dataset Blobs(int perClass)
    {
        int rows = perClass * 3;
        var features = new float[rows * 4];
        var labels = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            int label = r % 3;
            labels[r] = label;
            for (int j = 0; j < features.Length / rows; j++)
                features[r * 4 + j] = (float)((j == label ? 1.5 : -0.5) + 0.4 * Math.Sin(1.7 * r + 2.3 * j));
        }
        return new Dataset(features, 4, labels, null);
    }
}

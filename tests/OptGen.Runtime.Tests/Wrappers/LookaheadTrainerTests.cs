using System;
using OptGen.Data;
using OptGen.Nn;
using OptGen.Optimizers;
using OptGen.Training;
using Xunit;

namespace OptGen.Runtime.Tests.Wrappers;

/// <summary>A Lookahead trains a model in <see cref="Trainer"/> like any optimizer.</summary>
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

    private static Dataset Blobs(int perClass)
    {
        var rng = new Random(5);
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
}

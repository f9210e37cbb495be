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

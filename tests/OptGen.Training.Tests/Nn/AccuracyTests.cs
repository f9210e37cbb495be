namespace OptGen.Training.Tests.Nn;

/// <summary>Seeded end-to-end runs that must reach a fixed accuracy.</summary>
public class AccuracyTests
{
    [Fact]
    public void IrisLikeBlobsReach95Percent()
    {
        Dataset train = TestData.Blobs(50, 1), test = TestData.Blobs(50, 2);
        var trainer = new Trainer(Sequential.Mlp([4, 16, 3], seed: 3), new SoftmaxCrossEntropy(), new Adam { LearningRate = 1e-2f },
            new TrainerOptions { Epochs = 40, BatchSize = 16, Seed = 4 });
        trainer.Fit(train);
        Assert.True(trainer.Evaluate(test).Accuracy >= 0.95, trainer.Evaluate(test).ToString());
    }

    [Fact]
    public void OptdigitsSubsetReaches93Percent()
    {
        Dataset train = TestData.Optdigits("optdigits.tra", 1500), test = TestData.Optdigits("optdigits.tes", 600);
        var trainer = new Trainer(Sequential.Mlp([64, 64, 10], seed: 1), new SoftmaxCrossEntropy(), new Sgd { Momentum = 0.9f, LearningRate = 0.05f },
            new TrainerOptions { Epochs = 15, BatchSize = 32, Seed = 2 });
        trainer.Fit(train);
        Metrics m = trainer.Evaluate(test);
        Assert.True(m.Accuracy >= 0.93, m.ToString());
    }
}

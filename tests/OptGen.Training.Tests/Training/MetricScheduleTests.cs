namespace OptGen.Training.Tests.Training;

/// <summary>A metric-driven schedule set on the optimizer (ReduceOnPlateau) hears the monitored metric every epoch.</summary>
public class MetricScheduleTests
{
    [Fact]
    public void TrainerReportsEachEpochsMetricToAReduceOnPlateauSchedule()
    {
        Dataset data = TestData.Blobs(20, 1);
        // Demanding a 99% improvement each epoch with no patience: every epoch but the first is a plateau.
        var plateau = new ReduceOnPlateau { Patience = 0, Threshold = 0.99, Factor = 0.5 };
        var optimizer = new Sgd { LearningRate = 0.1f, Schedule = plateau };
        var trainer = new Trainer(Sequential.Mlp([4, 8, 3], seed: 1), new SoftmaxCrossEntropy(), optimizer,
            new TrainerOptions { Epochs = 4, BatchSize = 10, Seed = 3 });
        trainer.Fit(data, data);
        Assert.False(double.IsNaN(plateau.Best));
        Assert.Equal(3, plateau.Reductions);
        Assert.Equal(0.1 * 0.125, plateau.GetLearningRate(0, 0.1), 12);
    }
}

namespace OptGen.Training.Tests.Training;

public class TrainerAllocationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)] // sharpness-aware: a second forward and backward, a copy of the weights
    public void TrainingStepAllocatesNothingAfterWarmUp(bool sam)
    {
        Dataset data = TestData.Blobs(40, 1);
        var model = new Sequential(4,
            new Dense(4, 32, 1, name: "d0"), new Gelu(), new Dropout(0.1f, 2),
            new Dense(32, 16, 3, name: "d1"), new LeakyRelu(), new Dense(16, 8, 4, name: "d2"), new Tanh(), new Sigmoid(),
            new Dense(8, 3, 5, name: "d3"));
        var trainer = new Trainer(model, new SoftmaxCrossEntropy(), new Adam { LearningRate = 1e-3f, Schedule = new TestCosine { TotalSteps = 1000 } },
            new TrainerOptions { Sam = sam ? new SamOptions { Adaptive = true } : null });
        int[] rows = [3, 14, 15, 92, 65, 35, 89, 79, 32, 38, 46, 26, 43, 38, 32, 7];
        int[] fewer = [1, 2, 3];
        for (int i = 0; i < 3; i++)
        {
            trainer.TrainStep(data, rows);
            trainer.TrainStep(data, fewer);
        }

        long allocated = Allocations.Least(() =>
        {
            for (int i = 0; i < 50; i++)
            {
                trainer.TrainStep(data, rows);
                trainer.TrainStep(data, fewer); // a smaller batch reuses the same buffers
            }
        });
        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // schedule-free: the average swapped in and the training weights back
    public void EvaluationAfterWarmUpAllocatesOnlyItsResult(bool scheduleFree)
    {
        Dataset data = TestData.Blobs(40, 1);
        IOptimizer optimizer = scheduleFree ? new ScheduleFreeAdamW() : new Sgd();
        var trainer = new Trainer(Sequential.Mlp([4, 16, 3], seed: 1), new SoftmaxCrossEntropy(), optimizer);
        trainer.TrainStep(data, [1, 2, 3]);
        trainer.Evaluate(data);
        long before = GC.GetAllocatedBytesForCurrentThread();
        trainer.Evaluate(data);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 200);
    }
}

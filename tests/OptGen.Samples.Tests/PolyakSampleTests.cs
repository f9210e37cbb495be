using OptGen.Data;
using OptGen.Nn;
using OptGen.Samples;
using OptGen.Samples.Declared;
using OptGen.Training;

namespace OptGen.Samples.Tests;

/// <summary>The loss in a formula: Polyak's step size gets the loss from the trainer and fits without a tuned rate.</summary>
public class PolyakSampleTests
{
    [Fact]
    public void PolyakStepSizeFitsTheLineTheTrainerHandingItTheLoss()
    {
        PolyakSample.Result r = PolyakSample.Run(TextWriter.Null);
        Assert.Equal(2f, r.Slope, 1e-3);
        Assert.Equal(1f, r.Intercept, 1e-3);
        Assert.True(r.Loss < 1e-5, $"loss {r.Loss}");
    }

    [Fact]
    public void TheTrainerSetsEachBatchsLossBeforeTheStep()
    {
        var data = new Dataset([1f, 2f, 3f], 1, null, [3f, 5f, 7f]);
        var model = new Sequential(1, new Dense(1, 1, 1, WeightInit.Xavier, "linear"));
        var optimizer = new PolyakSgd();
        var trainer = new Trainer(model, new MeanSquaredError(), optimizer, new TrainerOptions { Epochs = 1, BatchSize = 0, Shuffle = false });
        double loss = trainer.Evaluate(data).Loss;
        trainer.Fit(data);
        Assert.Equal(1, optimizer.StepCount);
        Assert.Equal(loss, optimizer.Loss, 1e-6); // the loss of the batch the step used, at the weights before it
        Assert.Throws<InvalidOperationException>(() => optimizer.Step(model.Parameters)); // by hand, with no new loss
    }
}

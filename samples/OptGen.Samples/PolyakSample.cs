using System;
using System.IO;
using OptGen.Data;
using OptGen.Nn;
using OptGen.Samples.Declared;
using OptGen.Training;

namespace OptGen.Samples;

/// <summary>
/// The loss in a formula: fits y = 2x + 1 (no noise, so the best loss f* is 0) with <see cref="PolyakSgd"/>, whose
/// step size <c>(loss − f*) / ‖g‖²</c> needs no tuning; the trainer hands it each batch's loss.
/// </summary>
public static class PolyakSample
{
    /// <summary>The fitted slope and intercept and the final loss.</summary>
    public sealed record Result(float Slope, float Intercept, double Loss);

    /// <summary>Runs the example for <paramref name="iterations"/> full-batch steps.</summary>
    public static Result Run(TextWriter output, ulong seed = 42, int iterations = 60)
    {
        const int rows = 100;
        var rng = new SampleRandom(seed);
        float[] x = rng.Normals(rows);
        var y = new float[rows];
        for (int i = 0; i < rows; i++)
            y[i] = 2f * x[i] + 1f;
        var data = new Dataset(x, 1, null, y);
        var layer = new Dense(1, 1, seed, WeightInit.Xavier, "linear");
        var trainer = new Trainer(new Sequential(1, layer), new MeanSquaredError(), new PolyakSgd(),
            new TrainerOptions { Epochs = iterations, BatchSize = 0, Shuffle = false });
        trainer.Fit(data, progress: new Inline(r =>
        {
            if (r.Epoch % 10 == 0)
                output.WriteLine($"iteration {r.Epoch,3}  loss {r.TrainLoss:G4}");
        }));
        double loss = trainer.Evaluate(data).Loss;
        output.WriteLine($"Polyak step size: y = {layer.Weight.Value[0]:F4} x + {layer.Bias.Value[0]:F4}   true: y = 2 x + 1");
        return new Result(layer.Weight.Value[0], layer.Bias.Value[0], loss);
    }
}

using System;
using System.IO;
using OptGen.Data;
using OptGen.Nn;
using OptGen.Optimizers;
using OptGen.Training;

namespace OptGen.Samples;

/// <summary>
/// Source example 4: linear regression on 100 × 1 data, y = 2x + 1 + noise, by plain gradient descent (SGD without
/// momentum on the full batch) with lr 0.01 for 1000 iterations, loss printed every 100; the result is compared with
/// the closed-form least-squares fit.
/// </summary>
public static class LinearRegressionSample
{
    /// <summary>The true slope and intercept.</summary>
    public const float TrueSlope = 2f, TrueIntercept = 1f;

    /// <summary>The fitted slope and intercept, the least-squares ones, and the final loss.</summary>
    public sealed record Result(float Slope, float Intercept, double LeastSquaresSlope, double LeastSquaresIntercept, double Loss);

    /// <summary>The data: 100 standard-normal x and noisy targets.</summary>
    public static Dataset Data(ulong seed)
    {
        const int rows = 100;
        var rng = new SampleRandom(seed);
        float[] x = rng.Normals(rows);
        var y = new float[rows];
        for (int i = 0; i < rows; i++)
            y[i] = TrueSlope * x[i] + TrueIntercept + 0.1f * rng.NextNormal();
        return new Dataset(x, 1, null, y);
    }

    /// <summary>Runs the example.</summary>
    public static Result Run(TextWriter output, ulong seed = 42, int iterations = 1000)
    {
        Dataset data = Data(seed);
        var layer = new Dense(1, 1, seed, WeightInit.Xavier, "linear");
        var trainer = new Trainer(new Sequential(1, layer), new MeanSquaredError(), new Sgd { LearningRate = 0.01f },
            new TrainerOptions { Epochs = iterations, BatchSize = 0, Shuffle = false });
        trainer.Fit(data, progress: new Inline(r =>
        {
            if (r.Epoch % 100 == 0)
                output.WriteLine($"iteration {r.Epoch,4}  loss {r.TrainLoss:F5}");
        }));
        double loss = trainer.Evaluate(data).Loss;
        (double slope, double intercept) = LeastSquares(data);
        float w = layer.Weight.Value[0], b = layer.Bias.Value[0];
        output.WriteLine($"gradient descent: y = {w:F4} x + {b:F4}   least squares: y = {slope:F4} x + {intercept:F4}   true: y = {TrueSlope} x + {TrueIntercept}");
        return new Result(w, b, slope, intercept, loss);
    }

    private static (double Slope, double Intercept) LeastSquares(Dataset data)
    {
        double mx = 0, my = 0;
        for (int i = 0; i < data.Rows; i++)
        {
            mx += data.Features[i];
            my += data.Targets![i];
        }
        mx /= data.Rows;
        my /= data.Rows;
        double sxy = 0, sxx = 0;
        for (int i = 0; i < data.Rows; i++)
        {
            sxy += (data.Features[i] - mx) * (data.Targets![i] - my);
            sxx += (data.Features[i] - mx) * (data.Features[i] - mx);
        }
        double slope = sxy / sxx;
        return (slope, my - slope * mx);
    }
}

using System;
using System.IO;
using OptGen.Nn;
using OptGen.Optimizers;

namespace OptGen.Samples;

/// <summary>
/// Source example 3: a linear model 2 → 2 fitted to y = x · [[1, 2], [3, 4]] + noise with Adam, printing the learned
/// matrix. Two outputs per row are plain regression, so this drives the model, loss and optimizer directly (the
/// trainer's regression mode takes one target per row).
/// </summary>
public static class LinearMatrixSample
{
    /// <summary>
    /// The true matrix M of y = x · M, row-major: input i, output j at [2i + j]. <see cref="Dense.Weight"/> is its
    /// transpose (<c>[out, in]</c>, as PyTorch's <c>Linear.weight</c>).
    /// </summary>
    public static readonly float[] TrueMatrix = [1, 2, 3, 4];

    /// <summary>The learned matrix (laid out as <see cref="TrueMatrix"/>) and biases, and the final loss.</summary>
    public sealed record Result(float[] Matrix, float[] Bias, double Loss);

    /// <summary>Full-batch Adam (lr 0.05) on 200 noisy rows.</summary>
    public static Result Run(TextWriter output, ulong seed = 42, int steps = 500)
    {
        const int rows = 200;
        var rng = new SampleRandom(seed);
        float[] x = rng.Normals(rows * 2);
        var y = new float[rows * 2];
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < 2; j++)
                y[2 * r + j] = x[2 * r] * TrueMatrix[j] + x[2 * r + 1] * TrueMatrix[2 + j] + 0.1f * rng.NextNormal();
        }

        var layer = new Dense(2, 2, seed, WeightInit.Xavier, "linear");
        var model = new Sequential(2, layer);
        model.EnsureCapacity(rows);
        var loss = new MeanSquaredError();
        var optimizer = new Adam { LearningRate = 0.05f };
        var gradient = new float[rows * 2];
        double value = double.NaN;
        for (int step = 1; step <= steps; step++)
        {
            ReadOnlySpan<float> predictions = model.Forward(x, rows);
            value = loss.Compute(predictions, y, gradient, rows);
            model.ZeroGrad();
            model.Backward(gradient);
            optimizer.Step(model.Parameters);
            if (step % 100 == 0)
                output.WriteLine($"step {step,4}  loss {value:F5}");
        }
        // W[j, i] (output j, input i) is M[i, j].
        ReadOnlySpan<float> weight = layer.Weight.Value;
        float[] w = [weight[0], weight[2], weight[1], weight[3]], b = layer.Bias.Value.ToArray();
        output.WriteLine($"learned matrix [[{w[0]:F3}, {w[1]:F3}], [{w[2]:F3}, {w[3]:F3}]]  (true [[1, 2], [3, 4]])");
        output.WriteLine($"learned bias   [{b[0]:F3}, {b[1]:F3}]  (true [0, 0])");
        return new Result(w, b, value);
    }
}

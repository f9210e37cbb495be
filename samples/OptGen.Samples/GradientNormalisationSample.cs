using System;
using System.Collections.Generic;
using System.IO;
using OptGen.Data;
using OptGen.Nn;
using OptGen.Optimizers;
using OptGen.Samples.Declared;
using OptGen.Training;

namespace OptGen.Samples;

/// <summary>
/// Source example 2: an MLP 20 → 10 → 10 → 1 (ReLU) under MSE, trained on a fresh batch of 100 normal rows every
/// epoch, compared under gradient normalisation (<see cref="NormalizedGradient"/>, declared with the DSL), RMSprop and
/// Adam, all at lr 0.01. The targets come from a fixed linear teacher plus a little noise, so the losses are
/// comparable (each optimizer sees the same stream of batches and starts from the same weights).
/// </summary>
public static class GradientNormalisationSample
{
    /// <summary>One optimizer's losses, one per epoch (the fresh batch's loss before the step).</summary>
    public sealed record Curve(string Name, IReadOnlyList<double> Losses);

    /// <summary>Runs the comparison and prints the losses side by side every <c>epochs / 10</c> epochs.</summary>
    public static IReadOnlyList<Curve> Run(TextWriter output, ulong seed = 42, int epochs = 500)
    {
        (string Name, Func<IOptimizer> Create)[] optimizers =
        [
            ("gradient normalisation", () => new NormalizedGradient { LearningRate = 0.01f }),
            ("RMSprop", () => new RMSprop { LearningRate = 0.01f }),
            ("Adam", () => new Adam { LearningRate = 0.01f }),
        ];
        var curves = new List<Curve>();
        foreach ((string name, Func<IOptimizer> create) in optimizers)
            curves.Add(new Curve(name, Train(create(), seed, epochs)));

        output.WriteLine($"{"epoch",6}  {curves[0].Name,22}  {curves[1].Name,10}  {curves[2].Name,10}");
        int every = Math.Max(1, epochs / 10);
        for (int e = every; e <= epochs; e += every)
            output.WriteLine($"{e,6}  {curves[0].Losses[e - 1],22:F4}  {curves[1].Losses[e - 1],10:F4}  {curves[2].Losses[e - 1],10:F4}");
        return curves;
    }

    private static List<double> Train(IOptimizer optimizer, ulong seed, int epochs)
    {
        const int batch = 100, inputs = 20;
        var model = Sequential.Mlp([inputs, 10, 10, 1], seed);
        var trainer = new Trainer(model, new MeanSquaredError(), optimizer);
        var rng = new SampleRandom(seed + 1);
        float[] teacher = rng.Normals(inputs);
        for (int j = 0; j < inputs; j++)
            teacher[j] /= MathF.Sqrt(inputs); // targets of unit variance
        int[] rows = new int[batch];
        for (int i = 0; i < batch; i++)
            rows[i] = i;
        var losses = new List<double>(epochs);
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            float[] x = rng.Normals(batch * inputs);
            var y = new float[batch];
            for (int r = 0; r < batch; r++)
            {
                float s = 0.1f * rng.NextNormal();
                for (int j = 0; j < inputs; j++)
                    s += x[r * inputs + j] * teacher[j];
                y[r] = s;
            }
            losses.Add(trainer.TrainStep(new Dataset(x, inputs, null, y), rows));
        }
        return losses;
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using OptGen.Data;
using OptGen.Nn;
using OptGen.Optimizers;
using OptGen.Training;

namespace OptGen.Samples;

/// <summary>
/// Source example 1: an MLP 10 → 10 (ReLU) → 1 (sigmoid) under binary cross-entropy, on random inputs X (1000 × 10)
/// and random 0/1 labels, trained with Adam (lr 1e-3) for 1000 full-batch epochs, loss printed every 100. The sigmoid
/// is folded into the loss (<see cref="BinaryCrossEntropyWithLogits"/>, PyTorch's numerically stable equivalent).
/// The labels are noise, so the loss can only fall by memorising them: slowly, from about ln 2.
/// </summary>
public static class BinaryMlpSample
{
    /// <summary>The loss of every epoch (before that epoch's step).</summary>
    public sealed record Result(IReadOnlyList<double> Losses);

    /// <summary>Runs the example; <paramref name="epochs"/> can be lowered for a quick check.</summary>
    public static Result Run(TextWriter output, ulong seed = 42, int epochs = 1000)
    {
        const int rows = 1000, inputs = 10;
        var rng = new SampleRandom(seed);
        float[] x = rng.Normals(rows * inputs);
        var labels = new int[rows];
        for (int i = 0; i < rows; i++)
            labels[i] = rng.NextDouble() < 0.5 ? 1 : 0;
        var data = new Dataset(x, inputs, labels, 2);

        var model = new Sequential(inputs, new Dense(inputs, 10, seed + 1, WeightInit.He, "dense0"), new Relu(), new Dense(10, 1, seed + 2, WeightInit.Xavier, "dense1"));
        var trainer = new Trainer(model, new BinaryCrossEntropyWithLogits(), new Adam { LearningRate = 1e-3f },
            new TrainerOptions { Epochs = epochs, BatchSize = 0, Shuffle = false });
        var losses = new List<double>(epochs);
        trainer.Fit(data, progress: new Inline(r =>
        {
            losses.Add(r.TrainLoss);
            if (r.Epoch % 100 == 0)
                output.WriteLine($"epoch {r.Epoch,4}  loss {r.TrainLoss:F4}  train accuracy {r.TrainAccuracy:F3}");
        }));
        return new Result(losses);
    }
}

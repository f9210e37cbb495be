using System;
using System.Diagnostics;
using System.IO;
using OptGen.Data;
using OptGen.Nn;
using OptGen.Optimizers;
using OptGen.Training;

namespace OptGen.Samples;

/// <summary>
/// Classification on the bundled data: a seeded stratified split, features scaled with statistics of the training
/// part only, an MLP trained with Adam under softmax cross-entropy, and the test accuracy.
/// </summary>
public static class ClassificationSample
{
    /// <summary>How one dataset is trained.</summary>
    public sealed record Setup(string Name, Func<Dataset> Load, double TestFraction, int[] Hidden, int Epochs, int BatchSize, float LearningRate, float Dropout = 0f, bool Standardize = true);

    /// <summary>The outcome: sizes, test metrics, time, and a checksum of the final weights (for determinism checks).</summary>
    public sealed record Result(string Name, int TrainRows, int TestRows, Metrics Test, TimeSpan Elapsed, ulong WeightsChecksum);

    // The small sets hold out a quarter, scikit-learn's train_test_split default.

    /// <summary>scikit-learn's iris: 150 × 4, 3 classes; 38 test rows.</summary>
    public static Setup Iris { get; } = new("iris", () => CsvReader.Read(RepoData.File("sklearn/iris.csv")), 0.25, [16], 40, 8, 1e-2f);

    /// <summary>scikit-learn's wine: 178 × 13, 3 classes; 45 test rows.</summary>
    public static Setup Wine { get; } = new("wine", () => CsvReader.Read(RepoData.File("sklearn/wine_data.csv")), 0.25, [16], 40, 8, 1e-2f);

    /// <summary>scikit-learn's breast cancer: 569 × 30, 2 classes; 143 test rows.</summary>
    public static Setup BreastCancer { get; } = new("breast-cancer", () => CsvReader.Read(RepoData.File("sklearn/breast_cancer.csv")), 0.25, [32], 60, 16, 3e-3f);

    /// <summary>MNIST t10k split 8,000 / 2,000 (stratified); pixels scaled to [0, 1], not standardised.</summary>
    public static Setup Mnist { get; } = new("mnist", () => IdxReader.ReadDataset(RepoData.File("mnist/t10k-images-idx3-ubyte.gz"), RepoData.File("mnist/t10k-labels-idx1-ubyte.gz")),
        0.2, [128], 12, 64, 1e-3f, Dropout: 0.2f, Standardize: false);

    /// <summary>Trains <paramref name="setup"/> with <paramref name="seed"/> (split, weights, shuffling and dropout).</summary>
    public static Result Run(Setup setup, TextWriter output, ulong seed = 42)
    {
        long started = Stopwatch.GetTimestamp();
        Dataset all = setup.Load();
        (Dataset train, Dataset test) = all.StratifiedSplit(setup.TestFraction, (int)(seed % int.MaxValue));
        if (setup.Standardize)
        {
            var scaler = Standardizer.Fit(train);
            (train, test) = (scaler.Transform(train), scaler.Transform(test));
        }
        int[] sizes = [train.Columns, .. setup.Hidden, all.ClassCount];
        var model = Sequential.Mlp(sizes, seed, dropout: setup.Dropout);
        var trainer = new Trainer(model, new SoftmaxCrossEntropy(), new Adam { LearningRate = setup.LearningRate },
            new TrainerOptions { Epochs = setup.Epochs, BatchSize = setup.BatchSize, Seed = seed });
        output.WriteLine($"{setup.Name}: MLP {string.Join("-", sizes)}, {train.Rows} train / {test.Rows} test rows, {setup.Epochs} epochs of Adam");
        int every = Math.Max(1, setup.Epochs / 4);
        trainer.Fit(train, progress: new Inline(r =>
        {
            if (r.Epoch % every == 0)
                output.WriteLine($"  epoch {r.Epoch,3}  train loss {r.TrainLoss:F4}  train accuracy {r.TrainAccuracy:F4}");
        }));
        Metrics metrics = trainer.Evaluate(test);
        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
        output.WriteLine($"{setup.Name} test accuracy: {metrics.Accuracy:F4}  (loss {metrics.Loss:F4}, {elapsed.TotalSeconds:F1} s)");
        return new Result(setup.Name, train.Rows, test.Rows, metrics, elapsed, Checksum(model));
    }

    private static ulong Checksum(Sequential model)
    {
        ulong h = 14695981039346656037UL; // FNV-1a over the weight bits
        foreach (Parameter p in model.Parameters)
        {
            foreach (float v in p.Value)
                h = (h ^ BitConverter.SingleToUInt32Bits(v)) * 1099511628211UL;
        }
        return h;
    }
}

using System;
using System.Diagnostics;
using System.IO;
using OptGen.Data;
using OptGen.Nn;
using OptGen.Optimizers;
using OptGen.Training;

namespace OptGen.PeerTable;

/// <summary>The peers' script's MLPs, trained with OptGen: the same data, sizes, batches, epochs and optimizer.</summary>
internal static class MlpTimings
{
    public static void Run(int threads, string data)
    {
        var headerless = new CsvOptions { Header = CsvHeader.None };
        Dataset optdigitsTrain = CsvReader.Read(Path.Combine(data, "optdigits", "optdigits.tra"), headerless);
        Dataset optdigitsTest = CsvReader.Read(Path.Combine(data, "optdigits", "optdigits.tes"), headerless);
        Standardizer scaler = Standardizer.Fit(optdigitsTrain);
        Dataset train64 = scaler.Transform(optdigitsTrain), test64 = scaler.Transform(optdigitsTest);
        foreach (int batch in new[] { 32, 256 })
            Train($"optdigits 64-256-10 bs={batch}", threads, train64, test64, [64, 256, 10], batch, 20);

        // Pixels scaled to [0, 1]; a stratified 80/20 split of the 10,000 t10k images.
        string mnistDir = Path.Combine(data, "mnist");
        Dataset mnist = IdxReader.ReadDataset(Path.Combine(mnistDir, "t10k-images-idx3-ubyte.gz"), Path.Combine(mnistDir, "t10k-labels-idx1-ubyte.gz"));
        (Dataset train, Dataset test) = mnist.StratifiedSplit(0.2, 42);
        Train("mnist8k 784-256-128-10 bs=64", threads, train, test, [784, 256, 128, 10], 64, 10);
    }

    private static void Train(string name, int threads, Dataset train, Dataset test, int[] sizes, int batch, int epochs)
    {
        var trainer = new Trainer(Sequential.Mlp(sizes, seed: 42), new SoftmaxCrossEntropy(), new Adam { LearningRate = 1e-3f },
            new TrainerOptions { BatchSize = batch, Epochs = epochs, Seed = 42 });
        long start = Stopwatch.GetTimestamp();
        trainer.Fit(train);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        double accuracy = trainer.Evaluate(test).Accuracy ?? double.NaN;
        Console.WriteLine(FormattableString.Invariant(
            $"mlp-optgen {name} threads={threads} epochs={epochs} seconds={seconds:F2} samples_per_s={train.Rows * epochs / seconds:F0} test_acc={accuracy:F4}"));
    }
}

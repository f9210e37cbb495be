using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using OptGen.Data;
using OptGen.Nn;
using OptGen.Optimizers;
using OptGen.Training;

namespace OptGen.Benchmarks;

/// <summary>
/// Training a 784-256-128-10 MLP (ReLU, Adam, softmax cross-entropy) on MNIST-8k (the t10k split 8,000 / 2,000 of
/// <c>samples/OptGen.Samples</c>), on one core and on <see cref="Threads"/> (<see cref="SimdPolicy.MaxThreads"/>):
/// one step on a batch of 128 (samples/s = 128 / time) and one whole epoch (63 shuffled batches of 128).
/// </summary>
[MemoryDiagnoser]
public class MlpStepBenchmarks
{
    private Trainer _trainer = null!;
    private Dataset _train = null!;
    private int[] _rows = null!;
    private int _savedThreads;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _savedThreads = SimdPolicy.MaxThreads;
        SimdPolicy.MaxThreads = Threads;
        _train = TrainingSplit();
        _rows = FixedBatch(128, _train);
        _trainer = NewTrainer(128);
        _trainer.TrainStep(_train, _rows);
    }

    /// <summary>MNIST-8k: the training part of the t10k split 8,000 / 2,000.</summary>
    internal static Dataset TrainingSplit() =>
        IdxReader.ReadDataset(DataFile("mnist/t10k-images-idx3-ubyte.gz"), DataFile("mnist/t10k-labels-idx1-ubyte.gz")).StratifiedSplit(0.2, 42).Train;

    /// <summary>The same <paramref name="batch"/> rows every step, spread over the dataset.</summary>
    internal static int[] FixedBatch(int batch, Dataset train)
    {
        var rows = new int[batch];
        for (int i = 0; i < rows.Length; i++)
            rows[i] = i * 61 % train.Rows;
        return rows;
    }

    /// <summary>The benchmarked model and optimizer, batches of <paramref name="batch"/>, seeded.</summary>
    internal static Trainer NewTrainer(int batch) => new(Sequential.Mlp([784, 256, 128, 10], seed: 1), new SoftmaxCrossEntropy(), new Adam(),
        new TrainerOptions { BatchSize = batch, Epochs = int.MaxValue, Seed = 1 });

    [GlobalCleanup]
    public void Cleanup() => SimdPolicy.MaxThreads = _savedThreads;

    [Benchmark]
    public double TrainStepBatch128() => _trainer.TrainStep(_train, _rows);

    [Benchmark]
    public double EpochMnist8k() => _trainer.FitUntil(_train, null, _trainer.CompletedEpochs + 1).History[^1].TrainLoss;

    /// <summary>The path of <paramref name="relative"/> under the repository's <c>data/</c> folder (found above the program or the current folder).</summary>
    private static string DataFile(string relative)
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "OptGen.sln")))
                    return Path.Combine(dir.FullName, "data", relative);
            }
        }
        throw new FileNotFoundException($"Could not find the repository (a folder holding OptGen.sln) above the program or the current folder, for data/{relative}.");
    }
}

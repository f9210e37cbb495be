using System;
using BenchmarkDotNet.Attributes;
using OptGen.Data;
using OptGen.Nn;
using OptGen.Optimizers;
using OptGen.Training;

namespace OptGen.Benchmarks;

/// <summary>One training step (forward, backward, Adam) of a 784-256-128-10 MLP on a batch of 128; samples/s = 128 / time.</summary>
[MemoryDiagnoser]
public class MlpStepBenchmarks
{
    private Trainer _trainer = null!;
    private Dataset _data = null!;
    private int[] _rows = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(4);
        var features = new float[1024 * 784];
        var labels = new int[1024];
        for (int i = 0; i < features.Length; i++)
            features[i] = (float)rng.NextDouble();
        for (int i = 0; i < labels.Length; i++)
            labels[i] = rng.Next(10);
        _data = new Dataset(features, 784, labels, null);
        _rows = new int[128];
        for (int i = 0; i < _rows.Length; i++)
            _rows[i] = i * 7 % 1024;
        _trainer = new Trainer(Sequential.Mlp([784, 256, 128, 10], seed: 1), new SoftmaxCrossEntropy(), new Adam(),
            new TrainerOptions { BatchSize = 128 });
        _trainer.TrainStep(_data, _rows);
    }

    [Benchmark]
    public double TrainStepBatch128() => _trainer.TrainStep(_data, _rows);
}

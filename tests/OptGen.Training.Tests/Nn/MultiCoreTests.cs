using OptGen.Internal;

namespace OptGen.Training.Tests.Nn;

/// <summary>
/// The network on every core: with the split threshold lowered so that a small model's products, element-wise passes
/// and losses split, a seeded run gives the same bits as on one core, and a step allocates nothing on any thread.
/// </summary>
[Collection(SimdPolicyCollection.Name)]
public class MultiCoreTests
{
    /// <summary>Low enough that every product of the model below and every pass over a batch of 128 splits.</summary>
    private const int SplitEverything = 2048;

    private static Sequential Model(ulong seed) => new(4,
        new Dense(4, 64, seed, name: "d0"), new Gelu(), new Dropout(0.2f, seed + 1),
        new Dense(64, 64, seed + 2, WeightInit.Xavier, "d1"), new Tanh(),
        new Dense(64, 48, seed + 3, name: "d2"), new LeakyRelu(0.1f),
        new Dense(48, 32, seed + 4, WeightInit.Xavier, "d3"), new Sigmoid(),
        new Dense(32, 3, seed + 5, WeightInit.Xavier, "d4"));

    private static (float[][] Weights, double[] Losses) Train(int maxThreads, Dataset data, Sequential model) => SimdPolicyScope.With(threshold: SplitEverything, threads: maxThreads, body: () =>
    {
        var trainer = new Trainer(model, new SoftmaxCrossEntropy(), new Adam { LearningRate = 3e-3f },
            new TrainerOptions { Epochs = 4, BatchSize = 128, Seed = 5 });
        TrainingResult result = trainer.Fit(data, data);
        var weights = new List<float[]>();
        foreach (Parameter p in model.Parameters)
            weights.Add(p.Value.ToArray());
        var losses = new List<double>();
        foreach (EpochReport r in result.History)
            losses.AddRange([r.TrainLoss, r.Validation!.Loss]);
        return (weights.ToArray(), losses.ToArray());
    });

    [Fact]
    public void SeededTrainingIsBitIdenticalOnOneCoreAndOnAll() => AssertOneCoreAndAllAgree(() => TestData.Blobs(200, 1), () => Model(3));

    // Four seeded epochs on one core (nothing split) and on all: the same losses and weights, bit for bit.
    private static void AssertOneCoreAndAllAgree(Func<Dataset> data, Func<Sequential> model)
    {
        long before = ParallelRunner.SplitRuns;
        (float[][] one, double[] oneLosses) = Train(1, data(), model());
        Assert.Equal(before, ParallelRunner.SplitRuns); // one core: nothing split
        (float[][] all, double[] allLosses) = Train(int.MaxValue, data(), model());
        if (ParallelRunner.WorkerCount > 0)
            Assert.True(ParallelRunner.SplitRuns > before, "no pass was split across threads");
        Assert.Equal(oneLosses, allLosses);
        for (int i = 0; i < one.Length; i++)
            Assert.True(one[i].AsSpan().SequenceEqual(all[i]), $"parameter {i} differs after training on all cores");
        Assert.NotEqual(model().Parameters[0].Value.ToArray(), one[0]); // it did train
    }

    /// <summary>
    /// Rows 300 wide: the batch's gather splits into chunks of rows, and Adam's pass over the first layer's 19,200
    /// weights into chunks cut for balance (<c>Kernels.ElementChunkLength</c>); still the bits of one core.
    /// </summary>
    [Fact]
    public void SeededTrainingOnWideRowsIsBitIdenticalOnOneCoreAndOnAll()
    {
        static Dataset Wide()
        {
            const int rows = 400, columns = 300;
            float[] features = TestData.Uniform(rows * columns, 7);
            var labels = new int[rows];
            for (int r = 0; r < rows; r++)
            {
                labels[r] = r % 3;
                features[r * columns + labels[r]] += 2f; // something to learn
            }
            return new Dataset(features, columns, labels, classCount: 3);
        }
        AssertOneCoreAndAllAgree(Wide, () => Sequential.Mlp([300, 64, 3], seed: 2));
    }

    public static IEnumerable<object[]> Layers() =>
    [
        ["relu"], ["leaky"], ["sigmoid"], ["tanh"], ["gelu"], ["softmax"], ["dropout"],
    ];

    private static Layer MakeLayer(string name) => name switch
    {
        "relu" => new Relu(),
        "leaky" => new LeakyRelu(0.05f),
        "sigmoid" => new Sigmoid(),
        "tanh" => new Tanh(),
        "gelu" => new Gelu(),
        "softmax" => new Softmax(),
        _ => new Dropout(0.3f, 17),
    };

    /// <summary>100 rows of 70 (7,000 values: chunks of whole cache lines or rows, and a ragged end), forward and backward.</summary>
    [Theory]
    [MemberData(nameof(Layers))]
    public void EveryLayerGivesTheSameBitsSplitOrNot(string name)
    {
        const int batch = 100, width = 70;
        float[] x = TestData.Uniform(batch * width, 1, -3, 3), dy = TestData.Uniform(batch * width, 2);
        (float[] Y, float[] Dx) Run(int threshold, int threads) => SimdPolicyScope.With(threshold: threshold, threads: threads, body: () =>
        {
            Layer layer = MakeLayer(name);
            var y = new float[x.Length];
            var dx = new float[x.Length];
            layer.Forward(x, y, batch);
            layer.Backward(x, y, dy, dx, batch);
            return (y, dx);
        });
        long before = ParallelRunner.SplitRuns;
        (float[] y1, float[] dx1) = Run(int.MaxValue, 1);
        (float[] yn, float[] dxn) = Run(1, int.MaxValue);
        if (ParallelRunner.WorkerCount > 0)
            Assert.True(ParallelRunner.SplitRuns >= before + 2, "forward and backward were not split");
        Assert.True(y1.AsSpan().SequenceEqual(yn), name + " forward");
        Assert.True(dx1.AsSpan().SequenceEqual(dxn), name + " backward");
    }

    /// <summary>Element i of a pass takes the generator's i-th draw: the masks of one sequential generator, split or not.</summary>
    [Fact]
    public void DropoutDrawsTheMasksOfOneSequentialGenerator()
    {
        const float rate = 0.3f;
        var dropout = new Dropout(rate, seed: 9);
        var sequential = new NnRandom(9);
        float[] ones = new float[5000];
        Array.Fill(ones, 1f);
        var y = new float[ones.Length];
        SimdPolicyScope.With(threshold: 1, threads: int.MaxValue, body: () =>
        {
            for (int pass = 0; pass < 2; pass++) // the second pass continues the sequence
            {
                dropout.Forward(ones, y, 50);
                for (int i = 0; i < y.Length; i++)
                    Assert.Equal(sequential.NextFloat() < rate ? 0f : 1f / (1f - rate), y[i]);
            }
            return 0;
        });
        Assert.Equal(sequential.State, dropout.GeneratorState);
    }

    public static IEnumerable<object[]> Losses() => [["mse"], ["bce"], ["ce"]];

    /// <summary>3,000 rows of 3: the loss and its gradient, against labels and float targets, split or not.</summary>
    [Theory]
    [MemberData(nameof(Losses))]
    public void LossesGiveTheSameBitsSplitOrNot(string name)
    {
        const int batch = 3000, width = 3;
        float[] x = TestData.Uniform(batch * width, 1, -4, 4), targets = TestData.Uniform(batch * width, 2, 0, 1);
        int[] labels = new int[batch];
        for (int r = 0; r < batch; r++)
            labels[r] = r * 7 % width;
        (double ByLabel, double ByTarget, double NoGradient, float[] G1, float[] G2) Run(int threshold, int threads) => SimdPolicyScope.With(threshold: threshold, threads: threads, body: () =>
        {
            Loss loss = name switch { "mse" => new MeanSquaredError(), "bce" => new BinaryCrossEntropyWithLogits(), _ => new SoftmaxCrossEntropy() };
            float[] g1 = new float[x.Length], g2 = new float[x.Length];
            return (loss.Compute(x, labels, g1, batch), loss.Compute(x, targets, g2, batch), loss.Compute(x, labels, Span<float>.Empty, batch), g1, g2);
        });
        var one = Run(int.MaxValue, 1);
        var all = Run(1, int.MaxValue);
        Assert.Equal(one.ByLabel, all.ByLabel);
        Assert.Equal(one.ByTarget, all.ByTarget);
        Assert.Equal(one.ByLabel, all.NoGradient);
        Assert.True(one.G1.AsSpan().SequenceEqual(all.G1), "gradient against labels");
        Assert.True(one.G2.AsSpan().SequenceEqual(all.G2), "gradient against targets");
    }

    [Fact]
    public void ABadLabelIsReportedBeforeAnythingIsWritten()
    {
        float[] x = TestData.Uniform(3000 * 3, 1);
        int[] labels = new int[3000];
        labels[2500] = 3;
        var gradient = new float[x.Length];
        var ex = SimdPolicyScope.With(threshold: 1, threads: int.MaxValue, body: () =>
            Assert.Throws<ArgumentOutOfRangeException>(() => new SoftmaxCrossEntropy().Compute(x, labels, gradient, 3000)));
        Assert.Contains("Row 2500 has label 3", ex.Message);
        Assert.Equal(new float[x.Length], gradient);
    }

    /// <summary>
    /// Fifty split steps after warm-up (two batch sizes; the cleanest of a few runs): nothing allocated on the calling thread, nor inside any chunk
    /// on any thread (each chunk measures its own thread's allocations).
    /// </summary>
    [Fact]
    public void SplitTrainingStepsAllocateNothingOnAnyThread()
    {
        SplitAllocations.Measured measured = SimdPolicyScope.With(threshold: SplitEverything, threads: int.MaxValue, body: () =>
        {
            Dataset data = TestData.Blobs(100, 1);
            var trainer = new Trainer(Model(1), new SoftmaxCrossEntropy(), new Adam { LearningRate = 1e-3f });
            int[] rows = new int[128], fewer = new int[100];
            for (int i = 0; i < rows.Length; i++)
                rows[i] = i * 7 % data.Rows;
            Array.Copy(rows, fewer, fewer.Length);
            for (int i = 0; i < 3; i++)
            {
                trainer.TrainStep(data, rows);
                trainer.TrainStep(data, fewer);
            }
            return SplitAllocations.Of(() =>
            {
                for (int i = 0; i < 25; i++)
                {
                    trainer.TrainStep(data, rows);
                    trainer.TrainStep(data, fewer);
                }
            });
        });
        Assert.Equal(0, measured.Caller);
        Assert.Equal(0, measured.ChunkBytes);
        if (ParallelRunner.WorkerCount > 0)
        {
            Assert.True(measured.Chunks > 1000, $"only {measured.Chunks} chunks were measured");
            Assert.True(measured.WorkerChunks > 0, "no chunk ran on a worker thread");
        }
    }
}

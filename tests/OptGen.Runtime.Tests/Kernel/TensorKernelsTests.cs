using OptGen.Internal;
using OptGen.Runtime.Tests.TestOptimizers;

namespace OptGen.Runtime.Tests.Kernel;

/// <summary>
/// A pass over many tensors (<see cref="Kernels.RunTensors{K}(ref K, TensorState[])"/>): short tensors run in groups on
/// several cores, long ones split on their own, and every tensor's weights and state, reductions over all tensors
/// included, have the bits of one thread going through the tensors in order.
/// </summary>
[Collection(SimdPolicyCollection.Name)]
public class TensorKernelsTests
{
    // 300 tensors of 1 … 1,000 elements in no order: all below the threshold of 1,024 used here, so all grouped.
    private static readonly int[] ShortLengths = Enumerable.Range(0, 300).Select(k => k * 37 % 1000 + 1).ToArray();

    // The same with two long tensors among them, which split on their own between the groups' tensors.
    private static readonly int[] MixedLengths = [.. ShortLengths[..10], 5000, .. ShortLengths[10..200], 20_000, .. ShortLengths[200..]];

    // Kernel cases, and built-ins with a scalar state per tensor (NAdam's μ product, ASGD's η and μ, LaProp's averaged
    // rates), whose per-tensor numbers a loop before the pass leaves in the tensors' temp slots; then built-ins whose
    // phase runs as a program per tensor (Kernels.RunTensorPrograms): a pass, per-tensor scalars from its norms (LAMB,
    // LARS, Fromage), its sum and a scalar state (NovoGrad) or its mean (cautious AdamW, LaProp with caution), a second
    // pass; or one pass that draws (noisy SGD: each tensor's draws keyed by its index).
    public static IEnumerable<object[]> Cases() =>
        from name in new[] { "Adam/tuned", "Sgd/nesterov", "ClippedSgd/clipping", "Adam/step-decay", "AdamBf16", "NAdam", "Asgd", "LaProp",
            "Lamb", "Lars", "NovoGrad", "Fromage", "CautiousAdamW", "LaProp/caution", "NoisySgd" }
        from mixed in new[] { false, true }
        select new object[] { name, mixed };

    private static IOptimizer Create(string name) => name switch
    {
        "AdamBf16" => new TestAdamBf16 { LearningRate = 0.01f },
        "NAdam" => new OptGen.Optimizers.NAdam { LearningRate = 0.01f, WeightDecay = 0.01f },
        "Asgd" => new OptGen.Optimizers.Asgd { LearningRate = 0.01f, T0 = 2 },
        "LaProp" => new OptGen.Optimizers.LaProp { LearningRate = 0.01f },
        "LaProp/caution" => new OptGen.Optimizers.LaProp { LearningRate = 0.01f, Caution = true },
        "Lamb" => new OptGen.Optimizers.Lamb { LearningRate = 0.01f, WeightDecay = 0.01f },
        "Lars" => new OptGen.Optimizers.Lars { LearningRate = 0.01f, WeightDecay = 0.01f, Nesterov = true },
        "NovoGrad" => new OptGen.Optimizers.NovoGrad { LearningRate = 0.01f, WeightDecay = 0.01f },
        "Fromage" => new OptGen.Optimizers.Fromage { LearningRate = 0.01f },
        "CautiousAdamW" => new OptGen.Optimizers.CautiousAdamW { LearningRate = 0.01f },
        "NoisySgd" => new TestNoisySgd { LearningRate = 0.01f, Sigma = 0.1f },
        _ => KernelCases.Named(name).CreateOptimizer(),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ManyTensorsOnAllThreadsGiveTheBitsOfOneThread(string name, bool mixed)
    {
        int[] lengths = mixed ? MixedLengths : ShortLengths;
        float[][] one = Train(() => Create(name), lengths, threads: 1);
        float[][] many = OnWorkers(() => Train(() => Create(name), lengths, threads: int.MaxValue));
        AssertSameBits(one, many, name);
    }

    /// <summary>
    /// Shape classes in programs per tensor: MARS (its rank-1 rule and its matrix rule, the matrix rule's clip by the
    /// tensor's norm between two passes), and the optimizers whose programs run axis passes (per-row and per-column
    /// sums, maxima and factored state) on whichever thread runs a tensor's group: Adafactor, SM3, AdamP with and
    /// without caution. Vectors and matrices mixed, one thread and all.
    /// </summary>
    [Theory]
    [InlineData("Mars", false)]
    [InlineData("Mars", true)]
    [InlineData("Adafactor", false)]
    [InlineData("Adafactor", true)]
    [InlineData("Sm3", true)]
    [InlineData("AdamP", true)]
    [InlineData("AdamP/caution", false)]
    public void ShapeClassesInProgramsGiveTheBitsOfOneThread(string name, bool mixed)
    {
        int[] lengths = mixed ? MixedLengths : ShortLengths;
        float[][] one = Train(() => CreateShaped(name), lengths, threads: 1, shaped: true);
        float[][] many = OnWorkers(() => Train(() => CreateShaped(name), lengths, threads: int.MaxValue, shaped: true));
        AssertSameBits(one, many, name);
    }

    private static IOptimizer CreateShaped(string name) => name switch
    {
        "Mars" => new OptGen.Optimizers.Mars { LearningRate = 0.01f, WeightDecay = 0.01f },
        "Adafactor" => new OptGen.Optimizers.Adafactor { LearningRate = 0.01f, WeightDecay = 0.01f },
        "Sm3" => new OptGen.Optimizers.Sm3 { LearningRate = 0.01f },
        "AdamP" => new OptGen.Optimizers.AdamP { LearningRate = 0.01f, WeightDecay = 0.01f },
        _ => new OptGen.Optimizers.AdamP { LearningRate = 0.01f, WeightDecay = 0.01f, Caution = true },
    };

    /// <summary>
    /// A maximum over all tensors, each tensor's taken whole on whichever thread ran it: the largest |g| sits in a
    /// different tensor each step; a last step with a NaN of another payload in one tensor gives every weight the
    /// default NaN (the reduction's, see <see cref="Kernels.DefaultNaN"/>).
    /// </summary>
    [Fact]
    public void AGlobalMaximumOverGroupsIsTheMaximumOverTensors()
    {
        float[][] one = Train(() => new TestGlobalMaxAbs { LearningRate = 0.01f }, ShortLengths, threads: 1, steps: 5);
        float[][] many = Train(() => new TestGlobalMaxAbs { LearningRate = 0.01f }, ShortLengths, threads: int.MaxValue, steps: 5);
        AssertSameBits(one, many, "global_maxabs");
        float[][] withNaN = Train(() => new TestGlobalMaxAbs { LearningRate = 0.01f }, ShortLengths, threads: int.MaxValue, steps: 5,
            ps => ps[7].Grad[0] = BitConverter.Int32BitsToSingle(0x7FC0_1234));
        Assert.All(withNaN, w => Assert.All(w, x => Assert.Equal(BitConverter.SingleToInt32Bits(float.NaN), BitConverter.SingleToInt32Bits(x))));
    }

    /// <summary>
    /// A sum over all tensors is each tensor's sum added in tensor order, whichever thread ran which: kept in double
    /// (shared state) over gradients from 2^-15 to 2^15, where another order gives other bits.
    /// </summary>
    [Fact]
    public void AGlobalSumOverGroupsAddsTheTensorsInOrder()
    {
        double Total(int threads)
        {
            var opt = new TestGlobalSumState { LearningRate = 0.01f };
            Train(() => opt, ShortLengths, threads);
            return opt.State.SharedScalars[0];
        }

        Assert.Equal(BitConverter.DoubleToInt64Bits(Total(1)), BitConverter.DoubleToInt64Bits(OnWorkers(() => Total(int.MaxValue))));
    }

    // Weights and state after a few steps with gradients that depend on the weights, the largest |g| moving between
    // tensors; split from 1,024 elements, in groups of about 1,024.
    // shaped: every other tensor whose length has a divisor from 2 to 8 is a matrix of that many rows.
    // shaped: every other tensor a matrix where its length allows; matrices: every tensor a matrix (one row at least).
    private static float[][] Train(Func<IOptimizer> create, int[] lengths, int threads, int steps = 4, Action<Parameter[]>? lastStep = null,
        bool shaped = false, bool matrices = false) => Policy.With(() =>
    {
        IOptimizer opt = create();
        Parameter[] ps = matrices ? MakeMatrices(lengths) : KernelCheck.MakeParameters(lengths);
        for (int k = 0; k < ps.Length && shaped; k += 2)
        {
            int rows = Enumerable.Range(2, 7).FirstOrDefault(r => lengths[k] % r == 0);
            if (rows > 0)
                ps[k] = new Parameter(ps[k].Value.ToArray(), [rows, lengths[k] / rows], ps[k].Name);
        }
        for (int step = 1; step <= steps; step++)
        {
            KernelCheck.SetGradients(ps, step);
            ps[step * 61 % ps.Length].Grad[0] = 10f * step;
            // Magnitudes from 2^-15 to 2^15, so that sums over tensors are inexact in double and their order shows.
            for (int k = 0; k < ps.Length; k++)
                ps[k].Grad[^1] = MathF.ScaleB(k % 2 == 0 ? 1f : -1f, (k * 7 + step) % 31 - 15);
            if (step == steps)
                lastStep?.Invoke(ps);
            opt.Step(ps);
        }
        return ps.Select(p => p.Value.ToArray())
            .Concat(opt.State.Tensors.ToArray().SelectMany(t => Enumerable.Range(0, t.BufferCount).Select(b => t.Buffer(b).ToArray())))
            .ToArray();
    }, threads: threads, threshold: 1024, chunk: 1024);

    // Each tensor [rows, length / rows] for the first of 2 … 8 rows that divides its length, else [1, length].
    private static Parameter[] MakeMatrices(int[] lengths)
    {
        Parameter[] ps = KernelCheck.MakeParameters(lengths);
        for (int k = 0; k < ps.Length; k++)
        {
            int rows = Math.Max(1, Enumerable.Range(2, 7).FirstOrDefault(r => lengths[k] % r == 0));
            ps[k] = new Parameter(ps[k].Value.ToArray(), ps[k].Grad.ToArray(), [rows, lengths[k] / rows], ps[k].Name);
        }
        return ps;
    }

    /// <summary>
    /// Muon, whose phase runs <c>newton_schulz</c> between two passes (a product on the group's thread, with the group's
    /// workspace and packing buffers): 300 matrices, with two long ones among them, one thread and all.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AMatrixBuiltInInProgramsGivesTheBitsOfOneThread(bool mixed)
    {
        int[] lengths = mixed ? MixedLengths : ShortLengths;
        IOptimizer Create() => new OptGen.Optimizers.Muon { LearningRate = 0.01f };
        float[][] one = Train(Create, lengths, threads: 1, matrices: true, steps: 2);
        float[][] many = OnWorkers(() => Train(Create, lengths, threads: int.MaxValue, matrices: true, steps: 2));
        AssertSameBits(one, many, "Muon");
    }

    // The run on every thread, repeated until a worker ran a group of it (five attempts at most): a test in another
    // collection running a job of its own at that moment leaves every group to the caller (ParallelRunner), and what
    // these tests check is groups run on workers. Each attempt starts from the same weights, so any attempt's bits do.
    private static T OnWorkers<T>(Func<T> run)
    {
        for (int attempt = 1; ; attempt++)
        {
            long chunksBefore = ParallelRunner.WorkerChunks;
            T result = run();
            bool ranOnWorker = ParallelRunner.WorkerChunks > chunksBefore;
            if (ParallelRunner.WorkerCount == 0 || ranOnWorker)
                return result;
            Assert.True(attempt < 5, "no group of tensors ran on a worker in five attempts");
        }
    }

    private static void AssertSameBits(float[][] one, float[][] many, string name)
    {
        Assert.Equal(one.Length, many.Length);
        for (int k = 0; k < one.Length; k++)
            Assert.True(one[k].AsSpan().SequenceEqual(many[k]), $"{name}: array {k} (weights of each tensor, then state) differs between one thread and all threads");
    }

    private static TensorState[] States(params int[][] shapes)
    {
        var adam = new OptGen.Optimizers.Adam();
        adam.State.Initialize(shapes.Select(s => new Parameter(s)).ToArray());
        return adam.State.Tensors.ToArray();
    }

    /// <summary>
    /// The MLP's tensors on 2 cores: its two weight matrices are longer than a group (235,146 elements in all, groups of
    /// 29,440) and are split on their own; the biases and the last, small weights are one group. Grouped whole, the
    /// first weights were left to one thread (its Adam step on 2 cores 39 → 56 µs).
    /// </summary>
    [Fact]
    public void TensorsLongerThanAGroupRunOnTheirOwn()
    {
        TensorState[] mlp = States([256, 784], [256], [128, 256], [128], [10, 128], [10]);
        int groupLength = TensorGroups.GroupLength(mlp.Sum(t => (long)t.Length), threads: 2);
        Assert.Equal(29_440, groupLength);
        var starts = new int[mlp.Length + 1];
        Assert.Equal(1, TensorGroups.Cut(mlp, groupLength, starts));
        Assert.Equal([1, 6], starts[..2]);
        Assert.Equal([true, false, true, false, false, false], mlp.Select(t => TensorGroups.RunsAlone(t.Length, groupLength)));
    }

    /// <summary>1,000 tensors of 1 Ki: about four groups per thread (at most <see cref="SimdPolicy.ChunkLength"/> long), of whole tensors, in order.</summary>
    [Theory]
    [InlineData(2, 65_536, 16)] // at most ChunkLength
    [InlineData(16, 16_384, 63)]
    public void ShortTensorsAreCutIntoAboutFourGroupsPerThread(int threads, int expectedLength, int expectedGroups)
    {
        TensorState[] many = States(Enumerable.Repeat(new[] { 1024 }, 1000).ToArray());
        int groupLength = TensorGroups.GroupLength(1000 * 1024, threads);
        Assert.Equal(expectedLength, groupLength);
        var starts = new int[many.Length + 1];
        Assert.Equal(expectedGroups, TensorGroups.Cut(many, groupLength, starts));
        for (int c = 0; c < expectedGroups; c++)
            Assert.Equal(c * (groupLength / 1024), starts[c]);
        Assert.Equal(1000, starts[expectedGroups]);
    }

    [Fact]
    public void ManyTensorStepsAllocateNothingOnAnyThread() =>
        SplitStepAllocations.AssertNoneForSteps(new TestAdam { LearningRate = 0.01f }, KernelCheck.MakeParameters(ShortLengths));

    // A program per tensor (LAMB's two passes), short tensors in groups and the long ones split between them.
    [Fact]
    public void ManyTensorStepsOfTwoPassesAllocateNothingOnAnyThread() =>
        SplitStepAllocations.AssertNoneForSteps(new OptGen.Optimizers.Lamb { LearningRate = 0.01f }, KernelCheck.MakeParameters(MixedLengths));

    /// <summary>
    /// The same for axis passes run in groups: each thread's partial buffers (column sums) are grown by the caller on the
    /// first step, for the largest tensor of any group, so a worker that meets a wider matrix later allocates nothing.
    /// </summary>
    [Fact]
    public void ManyShapedTensorStepsAllocateNothingOnAnyThread()
    {
        Parameter[] ps = KernelCheck.MakeParameters(MixedLengths);
        for (int k = 0; k < ps.Length; k += 2)
        {
            int rows = Enumerable.Range(2, 7).FirstOrDefault(r => MixedLengths[k] % r == 0);
            if (rows > 0)
                ps[k] = new Parameter(ps[k].Value.ToArray(), ps[k].Grad.ToArray(), [rows, MixedLengths[k] / rows], ps[k].Name);
        }
        SplitStepAllocations.AssertNoneForSteps(new OptGen.Optimizers.Adafactor { LearningRate = 0.01f }, ps);
    }

    /// <summary>The same for Muon's products in groups: the workspace and the GEMM's packing buffers of every thread slot.</summary>
    [Fact]
    public void ManyMuonStepsAllocateNothingOnAnyThread() =>
        SplitStepAllocations.AssertNoneForSteps(new OptGen.Optimizers.Muon { LearningRate = 0.01f }, MakeMatrices(MixedLengths));
}

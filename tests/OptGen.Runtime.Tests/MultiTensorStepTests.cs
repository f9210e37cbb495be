using OptGen.Runtime.Tests.Kernel;

namespace OptGen.Runtime.Tests;

/// <summary>
/// A step over many tensors of mixed lengths gives each tensor exactly what a step over that tensor alone gives, at
/// every vector width: the per-tensor dispatch (width choice, broadcasts, tail vector) and the state layout (buffers
/// allocated kind by kind across tensors) do not leak between tensors.
/// </summary>
[Collection(SimdPolicyCollection.Name)]
public class MultiTensorStepTests
{
    private static readonly int[] MixedLengths = Enumerable.Range(1, 257).ToArray();

    private static void AtWidth(int bits, Action body)
    {
        int saved = SimdPolicy.MaxVectorBits;
        try
        {
            SimdPolicy.MaxVectorBits = bits;
            body();
        }
        finally
        {
            SimdPolicy.MaxVectorBits = saved;
        }
    }

    private static void AssertManyEqualsEachAlone(Func<IOptimizer> create, int[] lengths, int steps)
    {
        foreach (int bits in KernelCases.Widths)
        {
            AtWidth(bits, () =>
            {
                Parameter[] many = KernelCheck.MakeParameters(lengths);
                Parameter[] alone = KernelCheck.MakeParameters(lengths);
                IOptimizer manyOpt = create();
                IOptimizer[] aloneOpts = lengths.Select(_ => create()).ToArray();
                for (int step = 1; step <= steps; step++)
                {
                    KernelCheck.SetGradients(many, step);
                    KernelCheck.SetGradients(alone, step);
                    manyOpt.Step(many);
                    for (int k = 0; k < alone.Length; k++)
                        aloneOpts[k].Step(alone[k]);
                }
                for (int k = 0; k < many.Length; k++)
                {
                    Assert.True(many[k].Value.SequenceEqual(alone[k].Value),
                        $"MaxVectorBits = {bits}: tensor {k} ({lengths[k]} elements) differs from a step over it alone");
                    TensorState a = manyOpt.State.Tensors[k], b = aloneOpts[k].State.Tensors[0];
                    Assert.Equal(b.Length, a.Length);
                    for (int buf = 0; buf < a.BufferCount; buf++)
                        Assert.True(a.Buffer(buf).SequenceEqual(b.Buffer(buf)), $"MaxVectorBits = {bits}: buffer {buf} of tensor {k} differs");
                    Assert.True(a.Scalars.AsSpan().SequenceEqual(b.Scalars), $"MaxVectorBits = {bits}: scalars of tensor {k} differ");
                }
            });
        }
    }

    [Fact]
    public void AdamOverTensorsOf1To257ElementsMatchesEachTensorAlone() =>
        AssertManyEqualsEachAlone(() => new Adam { LearningRate = 0.01f, WeightDecay = 0.01f }, MixedLengths, steps: 3);

    [Fact]
    public void AmsgradOverMixedLengthsMatchesEachTensorAlone() =>
        AssertManyEqualsEachAlone(() => new Adam { LearningRate = 0.01f, Amsgrad = true }, MixedLengths, steps: 3);

    [Fact]
    public void PerTensorNormsOverMixedLengthsMatchEachTensorAlone() =>
        AssertManyEqualsEachAlone(() => new TestLamb { LearningRate = 0.01f }, MixedLengths, steps: 2);

    [Fact]
    public void Bf16StateOverMixedLengthsMatchesEachTensorAlone() =>
        AssertManyEqualsEachAlone(() => new TestAdamBf16 { LearningRate = 0.01f }, MixedLengths, steps: 2);

    [Fact]
    public void StateBuffersHaveTheLayoutLengthAndInitialValuesOfEachTensor()
    {
        var opt = new TestAdamBf16();
        Parameter[] ps = KernelCheck.MakeParameters([5, 1, 64, 3]);
        opt.State.Initialize(ps);
        for (int k = 0; k < ps.Length; k++)
        {
            TensorState t = opt.State.Tensors[k];
            Assert.Equal(ps[k].Length, t.Length);
            for (int b = 0; b < t.BufferCount; b++)
                Assert.Equal(OptimizerState.StoredLength(opt.State.BufferNames[b], ps[k].Length), t.Buffer(b).Length);
        }
        // No two buffers share memory.
        TensorState[] all = opt.State.Tensors.ToArray();
        for (int x = 0; x < all.Length * 2; x++)
        {
            for (int y = 0; y < x; y++)
                Assert.False(all[x / 2].Buffer(x % 2).Overlaps(all[y / 2].Buffer(y % 2)), $"buffers {x} and {y} overlap");
        }
    }

    [Fact]
    public void AThousandTensorStepAllocatesNothingAndValidatesInLinearTime()
    {
        Parameter[] ps = Enumerable.Range(0, 1000).Select(i => new Parameter(1 + i % 97)).ToArray();
        var opt = new Adam();
        Allocations.WarmUp(opt, ps);
        Assert.Equal(0, Allocations.OfSteps(opt, ps, 20));

        // A different parameter at the end is still found, and nothing is changed by the failed step.
        Parameter[] changed = (Parameter[])ps.Clone();
        changed[^1] = new Parameter(ps[^1].Length);
        float[] m = opt.State.Tensors[0].Buffer(0).ToArray();
        var e = Assert.Throws<ArgumentException>(() => opt.Step(changed));
        Assert.Contains("Parameter 999", e.Message);
        Assert.Equal(100, opt.StepCount); // 80 warm-up steps and 20 measured
        Assert.True(m.AsSpan().SequenceEqual(opt.State.Tensors[0].Buffer(0)));
    }
}

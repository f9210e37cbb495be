namespace OptGen.Runtime.Tests;

/// <summary>Parameter shapes (spec §7), aligned allocation and caller-owned memory.</summary>
public class ParameterTests
{
    [Fact]
    public void FlatConstructorsHaveShapeOfTheirLength()
    {
        var p = new Parameter(new float[] { 1, 2, 3 }, "b");
        Assert.Equal([3], p.Shape.ToArray());
        Assert.Equal(1, p.Rank);
        Assert.Equal("Parameter b [3]", p.ToString());
        Assert.Equal([5], new Parameter(5).Shape.ToArray());
    }

    [Fact]
    public void ShapedParameterKeepsItsDimensionsRowMajor()
    {
        float[] values = new float[24];
        var p = new Parameter(values, [2, 3, 4], "conv.weight");
        Assert.Equal([2, 3, 4], p.Shape.ToArray());
        Assert.Equal(3, p.Rank);
        Assert.Equal(24, p.Length);
        p.Value[5] = 7;
        Assert.Equal(7, values[5]); // wrapped, not copied
        Assert.Equal("Parameter conv.weight [2, 3, 4]", p.ToString());
    }

    [Fact]
    public void TheShapeArrayIsCopied()
    {
        int[] shape = [8, 12];
        var p = new Parameter(shape, "w");
        shape[0] = 1;
        Assert.Equal([8, 12], p.Shape.ToArray());
    }

    [Fact]
    public void AShapeWhoseProductIsNotTheLengthNamesBoth()
    {
        var e = Assert.Throws<ArgumentException>(() => new Parameter(new float[10], [3, 4], "dense0.weight"));
        Assert.Contains("10", e.Message);
        Assert.Contains("[3, 4]", e.Message);
        Assert.Contains("dense0.weight", e.Message);
    }

    [Fact]
    public void ANegativeDimensionIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new Parameter([4, -2], "x"));
        Assert.Contains("[4, -2]", e.Message);
        Assert.Throws<ArgumentException>(() => new Parameter(Array.Empty<int>()));
    }

    [Fact]
    public void ShapeAndLengthConstructorsAllocate64ByteAlignedZeroedBuffers()
    {
        foreach (var p in new[] { new Parameter([8, 12]), new Parameter(1000), new Parameter([3, 4, 5]) })
        {
            Assert.Equal(0, AlignedMemory.AddressModulo(p.Value));
            Assert.Equal(0, AlignedMemory.AddressModulo(p.Grad));
            Assert.All(p.Value.ToArray(), v => Assert.Equal(0f, v));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(36)]
    public void AlignedMemoryCanMatchAnotherBufferSOffset(int modulo)
    {
        Memory<float> m = AlignedMemory.Allocate(100, modulo);
        Assert.Equal(100, m.Length);
        Assert.Equal(modulo, AlignedMemory.AddressModulo(m.Span));
        Assert.Throws<ArgumentOutOfRangeException>(() => AlignedMemory.Allocate(10, 3));
    }

    [Fact]
    public void CallerOwnedNativeMemoryIsSteppedInPlace()
    {
        using NativeFloatMemory value = AlignedMemory.AllocateNative(6);
        using NativeFloatMemory grad = AlignedMemory.AllocateNative(6);
        value.GetSpan().Fill(1f);
        grad.GetSpan().Fill(0.5f);
        var p = new Parameter(value.Memory, grad.Memory, [2, 3], "host.w");
        var sgd = new OptGen.Optimizers.Sgd { LearningRate = 0.1f };
        sgd.Step(p);
        Assert.All(value.GetSpan().ToArray(), v => Assert.Equal(0.95f, v));
    }

    [Fact]
    public void DisposedNativeMemoryIsAClearErrorNotACrash()
    {
        NativeFloatMemory value = AlignedMemory.AllocateNative(4);
        NativeFloatMemory grad = AlignedMemory.AllocateNative(4);
        var p = new Parameter(value.Memory, grad.Memory, [4], "host.b");
        var sgd = new OptGen.Optimizers.Sgd();
        sgd.Step(p);
        ((IDisposable)value).Dispose();
        Assert.Throws<ObjectDisposedException>(() => sgd.Step(p));
        ((IDisposable)grad).Dispose();
    }

    /// <summary>
    /// A disposed parameter among others is found before any tensor is updated: the others' weights and state and the
    /// step count stay as they were (the step runs its tensors side by side, so a failure midway would leave some
    /// updated and some not).
    /// </summary>
    [Fact]
    public void ADisposedParameterAmongOthersChangesNothing()
    {
        NativeFloatMemory value = AlignedMemory.AllocateNative(4);
        using NativeFloatMemory grad = AlignedMemory.AllocateNative(4);
        var host = new Parameter(value.Memory, grad.Memory, [4], "host.b");
        Parameter[] ps = [new Parameter([1f, 2f, 3f]), host, new Parameter([4f, 5f])];
        foreach (Parameter q in ps)
            q.Grad.Fill(0.5f);
        var nadam = new OptGen.Optimizers.NAdam(); // a scalar state per tensor, written in the step
        nadam.Step(ps);
        float[][] weights = ps.Where(q => q != host).Select(q => q.Value.ToArray()).ToArray();
        double[][] scalars = nadam.State.Tensors.ToArray().Select(t => (double[])t.Scalars.Clone()).ToArray();
        float[][] moments = nadam.State.Tensors.ToArray().Select(t => t.Buffer(0).ToArray()).ToArray();
        ((IDisposable)value).Dispose();

        var e = Assert.Throws<ObjectDisposedException>(() => nadam.Step(ps));
        Assert.Equal(1, nadam.StepCount);
        Assert.Equal(weights[0], ps[0].Value.ToArray());
        Assert.Equal(weights[1], ps[2].Value.ToArray());
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(scalars[k], nadam.State.Tensors[k].Scalars);
            if (k != 1)
                Assert.Equal(moments[k], nadam.State.Tensors[k].Buffer(0).ToArray());
        }
        Assert.NotNull(e.Message);
    }

    [Fact]
    public void CallerOwnedMemoryOfTheWrongLengthOrOverlappingIsRejected()
    {
        float[] block = new float[20];
        var e = Assert.Throws<ArgumentException>(() => new Parameter(block.AsMemory(0, 6), block.AsMemory(10, 6), [2, 4], "x"));
        Assert.Contains("[2, 4]", e.Message);
        Assert.Throws<ArgumentException>(() => new Parameter(block.AsMemory(0, 6), block.AsMemory(3, 6), [6], "x"));
        var ok = new Parameter(block.AsMemory(1, 6), block.AsMemory(10, 6), [6], "slice");
        ok.Value[0] = 3;
        Assert.Equal(3, block[1]);
    }
}

using OptGen.Optimizers;

namespace OptGen.Runtime.Tests;

/// <summary>
/// Two parameters of one optimizer may not share memory (a step runs short tensors side by side on several cores, so
/// they would race): the first step says which two and which of their buffers, and changes nothing.
/// </summary>
public class SharedMemoryCheckTests
{
    private static ArgumentException AssertRejected(Parameter[] parameters)
    {
        float[][] before = parameters.Select(p => p.Value.ToArray()).ToArray();
        var adam = new Adam();
        var e = Assert.Throws<ArgumentException>(() => adam.Step(parameters));
        Assert.Equal(0, adam.StepCount);
        Assert.Equal(0, adam.State.Tensors.Length);
        for (int k = 0; k < parameters.Length; k++)
            Assert.True(before[k].AsSpan().SequenceEqual(parameters[k].Value), $"parameter {k} changed");
        return e;
    }

    private static Parameter Slice(float[] values, int start, int length, string name) =>
        new(values.AsMemory(start, length), new float[length].AsMemory(), [length], name);

    [Fact]
    public void TheSameArrayWrappedTwiceIsRejected()
    {
        float[] shared = [1, 2, 3, 4];
        var e = AssertRejected([new Parameter([5f, 6f], "a"), new Parameter(shared, "b"), new Parameter(shared, "c")]);
        Assert.Contains("Parameter 2 (c)", e.Message);
        Assert.Contains("parameter 1 (b)", e.Message);
        Assert.Contains("its value overlaps the other's value", e.Message);
    }

    [Fact]
    public void OverlappingSlicesOfOneBufferAreRejectedAndAdjacentOnesTaken()
    {
        float[] flat = Enumerable.Range(0, 300).Select(i => i * 0.01f).ToArray();
        var e = AssertRejected([Slice(flat, 0, 100, "w0"), Slice(flat, 200, 50, "w2"), Slice(flat, 99, 50, "w1")]);
        Assert.Contains("Parameter 2 (w1)", e.Message);
        Assert.Contains("parameter 0 (w0)", e.Message);

        // Back to back, as a flat parameter buffer is cut: each its own memory.
        Parameter[] cut = [Slice(flat, 0, 100, "w0"), Slice(flat, 100, 100, "w1"), Slice(flat, 200, 100, "w2")];
        foreach (Parameter p in cut)
            p.Grad.Fill(1f);
        new Adam().Step(cut);
        Assert.Equal(0.99f - 1e-3f, flat[99], 5); // Adam's first step: lr against the gradient's sign
        Assert.Equal(2.99f - 1e-3f, flat[299], 5);
    }

    [Fact]
    public void AGradientInsideAnotherParametersValueIsRejected()
    {
        float[] block = new float[64];
        var a = new Parameter(block.AsMemory(0, 16), block.AsMemory(16, 16), [16], "a");
        var b = new Parameter(block.AsMemory(40, 8), block.AsMemory(8, 8), [8], "b"); // its gradient is half of a's value
        var e = AssertRejected([a, b]);
        Assert.Contains("Parameter 1 (b)", e.Message);
        Assert.Contains("its gradient overlaps the other's value", e.Message);
    }

    [Fact]
    public void NativeMemoryIsComparedByAddressAcrossViews()
    {
        using NativeFloatMemory values = AlignedMemory.AllocateNative(64);
        using NativeFloatMemory grads = AlignedMemory.AllocateNative(64);
        Memory<float> all = values.Memory;
        var e = AssertRejected([
            new Parameter(all[..32], grads.Memory[..32], [32], "x"),
            new Parameter(all[16..48], grads.Memory[32..], [32], "y"),
        ]);
        Assert.Contains("Parameter 1 (y)", e.Message);

        new Adam().Step(new Parameter(all[..32], grads.Memory[..32], [32], "x"), new Parameter(all[32..], grads.Memory[32..], [32], "y"));
    }

    [Fact]
    public void InitializeChecksToo()
    {
        float[] shared = new float[8];
        var adam = new Adam();
        var e = Assert.Throws<ArgumentException>(() => adam.State.Initialize([new Parameter(shared, "a"), new Parameter(shared, "b")]));
        Assert.Contains("Adam.Initialize", e.Message);
    }
}

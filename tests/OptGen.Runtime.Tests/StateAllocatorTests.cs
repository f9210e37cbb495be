using OptGen.Optimizers;

namespace OptGen.Runtime.Tests;

/// <summary>
/// Where state lands (StateAllocator, AlignedMemory): a long tensor's streams (value, gradient, float state) start at
/// least 512 bytes apart modulo 4 KiB, so that no loop over them waits on a store to another stream that only looks
/// close on the address bits a load is first compared on; every part keeps its value's offset modulo 64; the parts of
/// many tensors stay packed one after another.
/// </summary>
public class StateAllocatorTests
{
    private const int Page = 4096, Apart = 512;

    private static int Gap(int a, int b)
    {
        int d = Math.Abs(a - b) % Page;
        return Math.Min(d, Page - d);
    }

    private static void AssertSpread(IReadOnlyList<int> places, string what)
    {
        for (int a = 0; a < places.Count; a++)
            for (int b = a + 1; b < places.Count; b++)
                Assert.True(Gap(places[a], places[b]) >= Apart, $"{what}: streams {a} and {b} start at {places[a]} and {places[b]} modulo 4 KiB");
    }

    [Fact]
    public void ALongTensorSStreamsAreSpreadOverThePage()
    {
        var p = new Parameter(5000);
        var adam = new Adam();
        adam.Step(p);
        TensorState state = adam.State.Tensors[0];
        AssertSpread([AlignedMemory.PageOffset(p.Value), AlignedMemory.PageOffset(p.Grad),
            AlignedMemory.PageOffset(state.Buffer(0)), AlignedMemory.PageOffset(state.Buffer(1))], "Adam on 5000");
        Assert.Equal(0, AlignedMemory.AddressModulo(state.Buffer(0)));
        Assert.Equal(0, AlignedMemory.AddressModulo(state.Buffer(1)));
    }

    // Caller-owned memory may put the value and the gradient anywhere, here at the same place and 12 bytes past a line:
    // the state keeps the 12 and still keeps away from both and from each other.
    [Fact]
    public void StateKeepsAwayFromACallerSValueAndGradient()
    {
        const int N = 6000;
        Memory<float> value = AlignedMemory.AllocateAt(N, 12, Page), grad = AlignedMemory.AllocateAt(N, 12, Page);
        var p = new Parameter(value, grad, [N]);
        var adam = new Adam { Amsgrad = true };
        adam.Step(p);
        TensorState state = adam.State.Tensors[0];
        var places = new List<int> { AlignedMemory.PageOffset(p.Value) };
        for (int b = 0; b < adam.State.BufferNames.Length; b++)
        {
            Assert.Equal(12, AlignedMemory.AddressModulo(state.Buffer(b)));
            places.Add(AlignedMemory.PageOffset(state.Buffer(b)));
        }
        Assert.Equal(4, places.Count); // the value, m, v and the largest v
        AssertSpread(places, "AMSGrad Adam on caller memory");
    }

    // Many tensors, long and short: every kind's parts lie packed one after another (the block, not each part, is
    // placed), and every long tensor's m and v are as far apart modulo 4 KiB as the first long tensor's.
    [Fact]
    public void PartsStayPackedAndEveryLongTensorSMomentsAreApart()
    {
        Parameter[] ps = [new Parameter(1000), new Parameter(5000), new Parameter(1000), new Parameter(6000), new Parameter(4096)];
        var adam = new Adam();
        adam.Step(ps);
        for (int b = 0; b < 2; b++)
        {
            for (int i = 1; i < ps.Length; i++)
            {
                Span<float> before = adam.State.Tensors[i - 1].Buffer(b), part = adam.State.Tensors[i].Buffer(b);
                long gap = (long)AddressOf(part) - (long)AddressOf(before) - before.Length * sizeof(float);
                Assert.InRange(gap, 0, 60); // to the next element with the value's offset modulo 64, and no further
            }
        }
        foreach (int i in new[] { 1, 3, 4 })
        {
            TensorState state = adam.State.Tensors[i];
            AssertSpread([AlignedMemory.PageOffset(state.Buffer(0)), AlignedMemory.PageOffset(state.Buffer(1))], $"tensor {i}'s m and v");
        }
    }

    // Buffers of 16 KiB and more allocated one after another take eight different places (each 'modulo' past a line);
    // shorter ones are only aligned.
    [Theory]
    [InlineData(0)]
    [InlineData(36)]
    public void LongBuffersAllocatedInARowStartAtEightPlaces(int modulo)
    {
        var places = new List<int>();
        for (int k = 0; k < 8; k++)
        {
            Memory<float> m = AlignedMemory.Allocate(AlignedMemory.SpreadLength, modulo);
            Assert.Equal(modulo, AlignedMemory.AddressModulo(m.Span));
            places.Add(AlignedMemory.PageOffset(m.Span));
        }
        AssertSpread(places, "eight buffers in a row");
    }

    private static unsafe nint AddressOf(Span<float> span) => (nint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref span[0]);
}

using OptGen.Runtime.Tests.Kernel;

namespace OptGen.Runtime.Tests;

/// <summary>
/// The driver's promise: the same bits at every vector width, at any alignment of the caller's memory and whatever
/// the chunking by threads, reductions included; lengths around chunk and alignment boundaries still match the
/// float64 reference.
/// </summary>
[Collection(SimdPolicyCollection.Name)]
public class WidthIndependenceTests
{
    private static readonly int[] Lengths = [1000, 77, 130, 1, 4099, 257, 16, 15, 17];

    public static IEnumerable<object[]> Cases() => KernelCases.All.Select(c => new object[] { c.Name });

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryWidthGivesTheSameBits(string name)
    {
        float[][] widest = Policy.With(() => ParallelStepTests.Train(name, Lengths), bits: 512, chunk: 256);
        foreach (int bits in new[] { 256, 128, 0 })
        {
            float[][] other = Policy.With(() => ParallelStepTests.Train(name, Lengths), bits: bits, chunk: 256);
            for (int k = 0; k < Lengths.Length; k++)
                Assert.True(widest[k].AsSpan().SequenceEqual(other[k]), $"{name}: tensor {k} ({Lengths[k]} elements) differs between 512 and {bits} bits");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MisalignedCallerMemoryGivesTheSameBitsAsAlignedArrays(string name)
    {
        float[][] aligned = Policy.With(() => ParallelStepTests.Train(name, Lengths), chunk: 256);
        for (int offset = 1; offset < 16; offset += 3)
        {
            int shift = offset;
            float[][] misaligned = Policy.With(() => ParallelStepTests.Train(name, Lengths, lengths => Shifted(lengths, shift)), chunk: 256);
            for (int k = 0; k < Lengths.Length; k++)
                Assert.True(aligned[k].AsSpan().SequenceEqual(misaligned[k]), $"{name}: tensor {k} differs when its memory starts {shift} floats past a 64-byte boundary");
        }
    }

    // The same starting weights as KernelCheck.MakeParameters, in caller-owned memory 'offset' floats into a block.
    private static Parameter[] Shifted(int[] lengths, int offset)
    {
        Parameter[] plain = KernelCheck.MakeParameters(lengths);
        var shifted = new Parameter[plain.Length];
        for (int k = 0; k < plain.Length; k++)
        {
            int n = lengths[k];
            Memory<float> value = AlignedMemory.Allocate(n + 16).Slice(offset, n);
            Memory<float> grad = AlignedMemory.Allocate(n + 16).Slice(15 - offset % 16, n);
            plain[k].Value.CopyTo(value.Span);
            shifted[k] = new Parameter(value, grad, [n], plain[k].Name);
        }
        return shifted;
    }

    [Theory]
    [InlineData("Adam/tuned")]
    [InlineData("Lamb/defaults")]
    [InlineData("ClippedSgd/clipping")]
    [InlineData("KitchenSink/tuned")]
    public void LengthsAroundChunkBoundariesMatchTheReferenceSerialAndSplit(string name)
    {
        int[][] sets = [[63, 64, 65], [127, 128, 129], [191, 192, 193, 1]];
        foreach (int[] lengths in sets)
        {
            Assert.Null(Policy.With(() => KernelCheck.Check(KernelCases.Named(name), lengths), threads: 1, chunk: 64));
            Assert.Null(Policy.With(() => KernelCheck.Check(KernelCases.Named(name), lengths), threshold: 64, chunk: 64));
        }
    }

    [Fact]
    public void AZeroLengthTensorIsStillAnError()
    {
        var e = Assert.Throws<ArgumentException>(() => new TestOptimizers.TestAdam().Step(new Parameter(0, "empty")));
        Assert.Contains("empty", e.Message);
    }
}

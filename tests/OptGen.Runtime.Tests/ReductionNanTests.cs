using OptGen.Runtime.Tests.TestOptimizers;

namespace OptGen.Runtime.Tests;

/// <summary>
/// A maximum or minimum over values among which are NaNs of different payloads: which NaN a lane keeps depends on the
/// order in which it meets them, and that order depends on the width (a lane of 16 sees other elements than a lane of
/// 4) and on the chunks. The reduction gives the default NaN whenever it meets any, so its bits (and those of every
/// value computed from it) are the same at every width and any thread count.
/// </summary>
[Collection(SimdPolicyCollection.Name)]
public class ReductionNanTests
{
    private static readonly float NanA = BitConverter.Int32BitsToSingle(0x7FC0_1234), NanB = BitConverter.Int32BitsToSingle(unchecked((int)0xFFC0_0777));

    public static TheoryData<string> Optimizers => new() { nameof(TestMaxAbs), nameof(TestGlobalMaxAbs), nameof(TestRowMax), nameof(TestColumnMin), nameof(TestMatrixMax), nameof(TestMatrixMaxFromRows) };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void AnExtremeThatMeetsNaNsOfTwoPayloadsGivesTheSameNaNAtEveryWidthAndThreadCount(string name)
    {
        // A vector and a matrix: the vector meets both payloads (elements 3 and 22), and so do row 0 of the matrix
        // (columns 2 and 21), its column 5 (rows 1 and 2) and the matrix itself.
        Type type = typeof(TestMaxAbs).Assembly.GetType("OptGen.Runtime.Tests.TestOptimizers." + name, throwOnError: true)!;
        Check(() => (IOptimizer)Activator.CreateInstance(type)!, [[100], [3, 40]], (k, i) => (k, i) switch
        {
            (0, 3) or (1, 2) or (1, 45) => NanA,
            (0, 22) or (1, 21) or (1, 85) => NanB,
            _ => 0.1f * (i % 7) - 0.3f,
        });
    }

    private static void Check(Func<IOptimizer> make, int[][] shapes, Func<int, int, float> grad)
    {
        int[] reference = Run(make, shapes, grad, bits: 512, threads: 1);
        Assert.Contains(reference, b => float.IsNaN(BitConverter.Int32BitsToSingle(b))); // the NaNs reached the weights
        foreach ((int bits, int threads) in new[] { (256, 1), (128, 1), (0, 1), (512, 4), (128, 4) })
        {
            int[] other = Run(make, shapes, grad, bits, threads);
            int first = Enumerable.Range(0, reference.Length).FirstOrDefault(i => reference[i] != other[i], -1);
            Assert.True(first < 0, $"weight {first}: {reference[Math.Max(first, 0)]:X8} at 512 bits, one thread; {other[Math.Max(first, 0)]:X8} at {bits} bits, {threads} threads");
        }
    }

    private static int[] Run(Func<IOptimizer> make, int[][] shapes, Func<int, int, float> grad, int bits, int threads) =>
        Policy.With(() =>
        {
            Parameter[] parameters = shapes.Select((shape, k) =>
            {
                var p = new Parameter(shape, "p" + k);
                for (int i = 0; i < p.Length; i++)
                {
                    p.Value[i] = 0.01f * i;
                    p.Grad[i] = grad(k, i);
                }
                return p;
            }).ToArray();
            make().Step(parameters);
            return parameters.SelectMany(p => p.Value.ToArray()).Select(BitConverter.SingleToInt32Bits).ToArray();
        }, bits, threads, threshold: 16, chunk: 64);
}

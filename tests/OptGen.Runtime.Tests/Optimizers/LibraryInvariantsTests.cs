using OptGen.Runtime.Tests.Optimizers.Harness;

namespace OptGen.Runtime.Tests.Optimizers;

/// <summary>
/// Properties every library configuration must have besides matching its reference: the same bits whatever the
/// vector width or the number of threads a tensor is split over, and no allocation after the first step.
/// </summary>
[Collection(SimdPolicyCollection.Name)]
public class LibraryInvariantsTests
{
    private const int Steps = 12;
    private static readonly int[] Widths = [512, 256, 128, 0];

    public static TheoryData<string> Cases => new(LibraryCases.All.Select(c => c.Name));

    /// <summary>Final weights and state after <see cref="Steps"/> steps, as raw bits.</summary>
    private static List<float[]> Run(LibraryCase c)
    {
        IOptimizer optimizer = c.Create();
        var problem = new Problem(99, ascend: false);
        Parameter[] parameters = problem.InitialWeights.Select(w => new Parameter((float[])w.Clone())).ToArray();
        for (int t = 0; t < Steps; t++)
        {
            for (int k = 0; k < parameters.Length; k++)
                problem.Gradient(k, parameters[k].Value, parameters[k].Grad);
            problem.HandLoss(optimizer, parameters);
            optimizer.Step(parameters);
        }
        return Snapshot(optimizer, parameters);
    }

    /// <summary>The weights, buffers and scalars of every tensor, as arrays to compare bit by bit.</summary>
    internal static List<float[]> Snapshot(IOptimizer optimizer, Parameter[] parameters)
    {
        var result = new List<float[]>();
        for (int k = 0; k < parameters.Length; k++)
        {
            result.Add(parameters[k].Value.ToArray());
            TensorState state = optimizer.State.Tensors[k];
            result.AddRange(Enumerable.Range(0, state.BufferCount).Select(b => state.Buffer(b).ToArray()));
            result.Add(Bits(optimizer.State.Tensors[k].Scalars));
        }
        result.Add(Bits(optimizer.State.SharedScalars));
        return result;
    }

    /// <summary>Each double as two floats holding its 64 bits, so that the bitwise comparison sees all of them.</summary>
    private static float[] Bits(IReadOnlyList<double> values)
    {
        var bits = new float[2 * values.Count];
        for (int i = 0; i < values.Count; i++)
        {
            long word = BitConverter.DoubleToInt64Bits(values[i]);
            bits[2 * i] = BitConverter.Int32BitsToSingle((int)word);
            bits[2 * i + 1] = BitConverter.Int32BitsToSingle((int)(word >> 32));
        }
        return bits;
    }

    /// <summary>The first element whose bits differ.</summary>
    internal static string? FirstDifference(List<float[]> expected, List<float[]> actual)
    {
        for (int a = 0; a < expected.Count; a++)
        {
            for (int i = 0; i < expected[a].Length; i++)
            {
                if (BitConverter.SingleToInt32Bits(expected[a][i]) != BitConverter.SingleToInt32Bits(actual[a][i]))
                    return $"array {a}, element {i}: {actual[a][i]:R} instead of {expected[a][i]:R}";
            }
        }
        return null;
    }

    // Chunks of 64 elements, split or not, so that only the thread count differs between runs.
    internal static T With<T>(int bits, int threshold, int threads, Func<T> body) =>
        SimdPolicyScope.With(body, bits, threads, threshold, chunk: 64);

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryVectorWidthAndThreadCountGivesTheSameBits(string name)
    {
        LibraryCase c = LibraryCases.Get(name);
        List<float[]> scalar = With(0, int.MaxValue, 1, () => Run(c));
        foreach (int bits in Widths)
        {
            string? difference = FirstDifference(scalar, With(bits, int.MaxValue, 1, () => Run(c)));
            Assert.True(difference is null, $"{name} at MaxVectorBits = {bits} differs from scalar code: {difference}");
            // A threshold of 64 elements splits the larger tensors of the problem into chunks run on several threads.
            long splitBefore = OptGen.Internal.ParallelRunner.SplitRuns;
            difference = FirstDifference(scalar, With(bits, 64, int.MaxValue, () => Run(c)));
            if (OptGen.Internal.ParallelRunner.WorkerCount > 0)
                Assert.True(OptGen.Internal.ParallelRunner.SplitRuns > splitBefore, $"{name}: no pass was split across threads.");
            Assert.True(difference is null, $"{name} at MaxVectorBits = {bits}, split over threads, differs from scalar code: {difference}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void StepsAfterTheFirstAllocateNothing(string name)
    {
        LibraryCase c = LibraryCases.Get(name);
        foreach (int bits in Widths)
        {
            long allocated = With(bits, int.MaxValue, 1, () =>
            {
                IOptimizer optimizer = c.Create();
                var problem = new Problem(5, ascend: false);
                Parameter[] parameters = problem.InitialWeights.Select(w => new Parameter((float[])w.Clone())).ToArray();
                for (int k = 0; k < parameters.Length; k++)
                    problem.Gradient(k, parameters[k].Value, parameters[k].Grad);
                problem.HandLoss(optimizer, parameters);
                optimizer.Step(parameters);
                return Allocations.OfSteps(optimizer, parameters, 20);
            });
            Assert.True(allocated == 0, $"{name} at MaxVectorBits = {bits} allocated {allocated} bytes in 20 steps.");
        }
    }
}

using OptGen.Internal;
using OptGen.Runtime.Tests.TestOptimizers;

namespace OptGen.Runtime.Tests.Optimizers.Shaped;

/// <summary>
/// Axis passes (row, column and matrix reductions, and the passes that read per-row and per-column values) cut into
/// chunks of rows and run on every core: still the float64 reference, with matrices cut into blocks whose partial
/// values are combined; the same bits for any thread count and any width on tensors large enough to be cut at the
/// default chunk length; nothing allocated on any thread.
/// </summary>
[Collection(SimdPolicyCollection.Name)]
public class AxisSplitTests
{
    private static readonly int[][] Shapes = [[300, 200], [3, 70, 50], [37, 3], [5000], [1, 1]];

    // Large enough that SimdPolicy's default threshold splits them and the default chunk length cuts their matrices.
    private static readonly int[][] LargeShapes = [[1024, 600], [3, 300, 400], [70_000]];

    public static TheoryData<string> ShapedCaseNames => new(ShapedCases.Names);

    [Theory]
    [MemberData(nameof(ShapedCaseNames))]
    public void CutAndSplitMatricesStillMatchTheReference(string name)
    {
        // 64-element chunks cut [130, 140] into 26 blocks of 5 rows and [8, 12] into two; a 64-element threshold splits them across threads.
        long before = Kernels.AxisSplitRuns;
        Policy.With(() => ShapedReferenceTests.Run(ShapedCases.Get(name)), threshold: 64, chunk: 64);
        if (ParallelRunner.WorkerCount > 0 && HasAxisPasses(name))
            Assert.True(Kernels.AxisSplitRuns > before, $"{name}: no axis pass was split across threads");
    }

    [Theory]
    [InlineData(64)]
    [InlineData(4096)]
    [InlineData(1 << 16)]
    public void EveryKindOfAxisTermMatchesAFloat64ReferenceWhenCut(int chunk)
    {
        var problem = new Problem(Shapes);
        var optimizer = new TestAxisTerms();
        for (int step = 1; step <= 6; step++)
        {
            problem.SetGradients(step);
            double[][] expected = problem.Parameters.Select(p => Expected(p, optimizer.LearningRate)).ToArray();
            Policy.With(() => { optimizer.Step(problem.Parameters); return 0; }, threshold: 64, chunk: chunk);
            for (int k = 0; k < expected.Length; k++)
                Closeness.AssertTensorClose(problem.Parameters[k].Value, expected[k], 1e-5, $"chunk {chunk}, tensor {k}, step {step}");
        }
    }

    private static readonly string[] LargeCaseNames = ["Adafactor/defaults", "Sm3/defaults", "AdamP/channel-projection", "Mars/defaults", nameof(TestAxisTerms)];

    public static TheoryData<string> LargeCases => new(LargeCaseNames);

    // Every width (512, 256, 128 bits, scalar) on one thread, two and all of them.
    private static readonly (int Bits, int Threads)[] WidthsAndThreads =
        [.. from bits in new[] { 512, 256, 128, 0 } from threads in new[] { 1, 2, int.MaxValue } select (bits, threads)];

    [Theory]
    [MemberData(nameof(LargeCases))]
    public void LargeTensorsGiveTheSameBitsForAnyThreadCountAndWidth(string name)
    {
        List<float[]> one = Run(name, bits: 0, threads: 1);
        long before = Kernels.AxisSplitRuns;
        foreach ((int bits, int threads) in WidthsAndThreads)
        {
            string? difference = LibraryInvariantsTests.FirstDifference(one, Run(name, bits, threads));
            Assert.True(difference is null, $"{name} at MaxVectorBits = {bits} on {threads} threads differs from one scalar thread: {difference}");
        }
        if (ParallelRunner.WorkerCount > 0 && HasAxisPasses(name))
            Assert.True(Kernels.AxisSplitRuns > before, $"{name}: no axis pass was split across threads");
    }

    // Mars reduces only whole tensors and Muon's matrix work is Newton–Schulz: neither runs an axis pass.
    private static bool HasAxisPasses(string name) =>
        !name.StartsWith("Mars", StringComparison.Ordinal) && !name.StartsWith("Muon", StringComparison.Ordinal);

    [Fact]
    public void SplitAxisPassesAllocateNothingOnAnyThread()
    {
        var problem = new Problem([[600, 1000], [3, 40, 300], [5000]]);
        var adafactor = new Adafactor();
        var terms = new TestAxisTerms();
        long before = Kernels.AxisSplitRuns;
        SplitStepAllocations.AssertNone(
            warmUp: () =>
            {
                problem.SetGradients(1);
                adafactor.Step(problem.Parameters);
                terms.Step(problem.Parameters);
            },
            steps: () =>
            {
                for (int i = 0; i < 10; i++)
                {
                    adafactor.Step(problem.Parameters);
                    terms.Step(problem.Parameters);
                }
                SplitStepAllocations.Pause();
                adafactor.Step(problem.Parameters);
            });
        if (ParallelRunner.WorkerCount > 0)
            Assert.True(Kernels.AxisSplitRuns > before, "no axis pass was split across threads");
    }

    /// <summary>
    /// The steps of <see cref="CutAndSplitMatricesStillMatchTheReference"/> for MARS and of
    /// <see cref="LargeTensorsGiveTheSameBitsForAnyThreadCountAndWidth"/>, with nothing asserted: in this order, with
    /// loops compiled fully optimized at once, they left the runtime's profile of a reduction helper shared by every
    /// kernel skewed towards one case, and the next kernel compiled with that profile read the wrong reduction term.
    /// </summary>
    internal static void StepShapedOptimizers()
    {
        foreach (string name in ShapedCases.Names.Where(n => n.StartsWith("Mars", StringComparison.Ordinal)))
            Policy.With(() => ShapedReferenceTests.Run(ShapedCases.Get(name)), threshold: 64, chunk: 64);
        foreach (string name in LargeCaseNames)
        {
            foreach ((int bits, int threads) in WidthsAndThreads)
                Run(name, bits, threads);
        }
    }

    // Weights and state after three steps at the default threshold and chunk length.
    private static List<float[]> Run(string name, int bits, int threads) => Policy.With(() =>
    {
        IOptimizer optimizer = name == nameof(TestAxisTerms) ? new TestAxisTerms() : ShapedCases.Get(name).Create();
        var problem = new Problem(LargeShapes);
        for (int step = 1; step <= 3; step++)
        {
            problem.SetGradients(step);
            optimizer.Step(problem.Parameters);
        }
        return LibraryInvariantsTests.Snapshot(optimizer, problem.Parameters);
    }, bits: bits, threads: threads);

    // TestAxisTerms' update of one tensor, in float64 from its float weights and gradient.
    private static double[] Expected(Parameter p, double lr)
    {
        MatrixView v = MatrixView.Of(p.Shape, TensorView.Stack);
        float[] w = p.Value.ToArray(), g = p.Grad.ToArray();
        double total = 0;
        for (int i = 0; i < w.Length; i++)
            total += (double)g[i] * w[i];
        var result = new double[w.Length];
        for (int m = 0; m < v.Matrices; m++)
        {
            double matSquares = 0, matMax = double.NegativeInfinity, matMin = double.PositiveInfinity;
            var rowSum = new double[v.Rows];
            var rowMax = new double[v.Rows];
            var rowMin = new double[v.Rows];
            var colMean = new double[v.Cols];
            var colMax = new double[v.Cols];
            var colMin = new double[v.Cols];
            Array.Fill(rowMax, double.NegativeInfinity);
            Array.Fill(rowMin, double.PositiveInfinity);
            Array.Fill(colMax, double.NegativeInfinity);
            Array.Fill(colMin, double.PositiveInfinity);
            for (int r = 0; r < v.Rows; r++)
            {
                for (int c = 0; c < v.Cols; c++)
                {
                    double x = g[(m * v.Rows + r) * v.Cols + c];
                    rowSum[r] += x;
                    rowMax[r] = Math.Max(rowMax[r], x);
                    rowMin[r] = Math.Min(rowMin[r], x);
                    colMean[c] += x * x / v.Rows;
                    colMax[c] = Math.Max(colMax[c], x);
                    colMin[c] = Math.Min(colMin[c], x);
                    matSquares += x * x;
                    matMax = Math.Max(matMax, x);
                    matMin = Math.Min(matMin, x);
                }
            }
            for (int r = 0; r < v.Rows; r++)
            {
                for (int c = 0; c < v.Cols; c++)
                {
                    int i = (m * v.Rows + r) * v.Cols + c;
                    double u = rowSum[r] + colMean[c] + colMax[c] - colMin[c] + Math.Sqrt(matSquares) + matMax - matMin + rowMax[r] - rowMin[r] + 0.001 * total;
                    result[i] = w[i] - lr * u;
                }
            }
        }
        return result;
    }

    // Tensors of the given shapes with gradients that depend on the weights and on the step.
    private sealed class Problem(int[][] shapes)
    {
        public Parameter[] Parameters { get; } = shapes.Select((s, k) => new Parameter(Initial(s, k), s, "p" + k)).ToArray();

        private static float[] Initial(int[] shape, int k)
        {
            var w = new float[shape.Aggregate(1, (a, d) => a * d)];
            for (int i = 0; i < w.Length; i++)
                w[i] = (float)Math.Sin(0.7 * i + k);
            return w;
        }

        public void SetGradients(int step)
        {
            foreach (Parameter p in Parameters)
            {
                Span<float> w = p.Value, g = p.Grad;
                for (int i = 0; i < g.Length; i++)
                    g[i] = (float)(Math.Cos(0.37 * i + step) + 0.1 * w[i]);
            }
        }
    }
}

using System.Threading;
using OptGen.Generator.Tests.Reliability;
using OptGen.Testing;

namespace OptGen.Generator.Tests.Planning;

/// <summary>
/// For the tests of planning steps that change where a value comes from and never its bits: an update generated with
/// the step and without it (its <c>SkippedForTests</c> switch), compiled, loaded and stepped on the same tensors (a
/// matrix, a stack and a vector, with gradients that depend on the weights), every weight and state value compared.
/// </summary>
internal static class PlanExecution
{
    private const int Steps = 4;
    private static readonly int[][] Shapes = [[6, 10], [3, 4, 5], [37]];

    private static string Source(string update) => $$""""
        using OptGen;

        namespace Demo;

        [Optimizer(LearningRate = 0.05)]
        [State("m"), State("r", Shape = StateShape.Row), State("c", Shape = StateShape.Column)]
        [Update("""
        {{update}}
        """)]
        public partial class Opt
        {
        }
        """";

    /// <summary>The generated code and an instance of the optimizer, made with <paramref name="skip"/> set to <paramref name="skipped"/>.</summary>
    public static (string Code, IOptimizer Optimizer) Build(string update, AsyncLocal<bool> skip, bool skipped) =>
        TryBuild(update, skip, skipped) ?? throw new Xunit.Sdk.XunitException($"The generator rejected: {update}");

    /// <summary>As <see cref="Build"/>; null where the generator rejects the update (an OPTG error).</summary>
    public static (string Code, IOptimizer Optimizer)? TryBuild(string update, AsyncLocal<bool> skip, bool skipped)
    {
        skip.Value = skipped;
        try
        {
            GeneratorOutput run = GeneratorHarness.Run(Source(update));
            if (run.GeneratorDiagnostics.Any(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error))
                return null;
            string code = string.Join("\n", run.GeneratedTrees().Select(t => t.ToString()));
            var optimizer = (IOptimizer)Activator.CreateInstance(GeneratorRuns.Load(run).GetType("Demo.Opt", throwOnError: true)!)!;
            return (code, optimizer);
        }
        finally
        {
            skip.Value = false;
        }
    }

    /// <summary>
    /// Builds <paramref name="update"/> with the planning step and without it (<paramref name="skip"/>), steps both and
    /// requires the same bits (<see cref="AssertSameBits"/>); returns both codes, for the caller to check the step did
    /// change something.
    /// </summary>
    public static (string With, string Without) AssertStepKeepsBits(string name, string update, AsyncLocal<bool> skip)
    {
        (string withCode, IOptimizer with) = Build(update, skip, skipped: false);
        (string withoutCode, IOptimizer without) = Build(update, skip, skipped: true);
        AssertSameBits(name, without, with);
        return (withCode, withoutCode);
    }

    /// <summary>
    /// Steps both optimizers on the same tensors and requires the same bits of every weight and state value; with
    /// <paramref name="anyNaN"/>, a NaN matches any NaN (random formulas make NaNs, and where two meet in one operation
    /// the payload is the JIT's choice of operand order, which may differ between two kernels that compute the same).
    /// </summary>
    public static void AssertSameBits(string name, IOptimizer expectedOptimizer, IOptimizer actualOptimizer, bool anyNaN = false)
    {
        List<int> expected = Run(expectedOptimizer), actual = Run(actualOptimizer);
        Assert.Equal(expected.Count, actual.Count);
        static bool IsNaN(int bits) => float.IsNaN(BitConverter.Int32BitsToSingle(bits));
        int first = Enumerable.Range(0, expected.Count).FirstOrDefault(i => expected[i] != actual[i] && !(anyNaN && IsNaN(expected[i]) && IsNaN(actual[i])), -1);
        Assert.True(first < 0, $"{name}: value {first} differs");
        if (!anyNaN)
            Assert.Contains(expected, x => x != 0); // the step did something
    }

    /// <summary>
    /// Steps both optimizers on the same tensors and requires every weight and state value within
    /// <paramref name="relative"/> of each other (relative to the larger, or absolute below 1).
    /// </summary>
    public static void AssertClose(string name, IOptimizer expectedOptimizer, IOptimizer actualOptimizer, double relative)
    {
        List<int> expected = Run(expectedOptimizer), actual = Run(actualOptimizer);
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            float x = BitConverter.Int32BitsToSingle(expected[i]), y = BitConverter.Int32BitsToSingle(actual[i]);
            double scale = Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y)));
            Assert.True(Math.Abs(x - y) <= relative * scale, $"{name}: value {i} is {y}, expected {x}");
        }
        Assert.Contains(expected, x => x != 0); // the step did something
    }

    private static List<int> Run(IOptimizer optimizer)
    {
        Parameter[] parameters = Shapes.Select((shape, k) =>
        {
            var p = new Parameter(shape, "p" + k);
            for (int i = 0; i < p.Length; i++)
                p.Value[i] = MathF.Sin(0.7f * i + k) * 0.5f;
            return p;
        }).ToArray();
        for (int t = 0; t < Steps; t++)
        {
            foreach (Parameter p in parameters)
            {
                for (int i = 0; i < p.Length; i++)
                    p.Grad[i] = 0.3f * p.Value[i] + 0.01f * MathF.Cos(1.3f * i + t);
            }
            optimizer.Step(parameters);
        }
        var bits = new List<int>();
        foreach (Parameter p in parameters)
            bits.AddRange(p.Value.ToArray().Select(BitConverter.SingleToInt32Bits));
        foreach (TensorState state in optimizer.State.Tensors)
        {
            for (int b = 0; b < state.BufferCount; b++)
                bits.AddRange(state.Buffer(b).ToArray().Select(BitConverter.SingleToInt32Bits));
        }
        return bits;
    }
}

using OptGen.Generator.Planning;
using OptGen.Generator.Tests.Reliability;
using OptGen.Testing;

namespace OptGen.Generator.Tests.Planning;

/// <summary>
/// The planner's recomputation changes where a value comes from, never its bits: each update below is generated
/// twice, with and without <see cref="Rematerializer"/>, both are compiled, loaded and stepped on the same tensors
/// (a matrix, a stack and a vector, with gradients that depend on the weights), and every weight and state value must
/// be bit for bit the same. Each case is one the planner does recompute (the generated code differs).
/// </summary>
public class RematerializerExecutionTests
{
    private const int Steps = 4;
    private static readonly int[][] Shapes = [[6, 10], [3, 4, 5], [37]];

    public static TheoryData<string, string> Cases => new()
    {
        { "a value of a buffer written by the earlier pass", "m = 0.9 * m + g\nu = m * 2 - w\nw -= lr * u / (norm(u) + 1)" },
        { "a rebound g and a min", "g = -g\nu = g * min(w, 1)\nw -= lr * u / (norm(u) + 1e-3)" },
        { "a chain with a select", "a = g * 2\nu = a > 0.01 ? a : -a\nw -= lr * u / (norm(u) + 1)" },
        { "across a global reduction, with a per-tensor scalar", "a = norm(w) / sqrt(n)\nu = g * a - w\nc = global_norm(u)\nw -= lr * u / (c + 1)" },
        { "per-row and per-column factors", "r = 0.9 * r + 0.1 * row_mean(g * g)\nc = 0.9 * c + 0.1 * col_mean(g * g)\nrs = 1 / sqrt(r + 1e-30)\ncs = 1 / sqrt(c + 1e-30)\nu = g * min(rs * cs, 1000)\nw -= lr * u / max(1, norm(u) / sqrt(n))" },
    };

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

    private static (string Code, IOptimizer Optimizer) Build(string update, bool recompute)
    {
        Rematerializer.SkippedForTests.Value = !recompute;
        try
        {
            GeneratorOutput run = GeneratorHarness.Run(Source(update));
            Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
            string code = string.Join("\n", run.GeneratedTrees().Select(t => t.ToString()));
            var optimizer = (IOptimizer)Activator.CreateInstance(GeneratorRuns.Load(run).GetType("Demo.Opt", throwOnError: true)!)!;
            return (code, optimizer);
        }
        finally
        {
            Rematerializer.SkippedForTests.Value = false;
        }
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

    [Theory]
    [MemberData(nameof(Cases))]
    public void RecomputingGivesTheBitsOfKeepingInScratch(string name, string update)
    {
        (string withCode, IOptimizer with) = Build(update, recompute: true);
        (string withoutCode, IOptimizer without) = Build(update, recompute: false);
        Assert.True(withCode != withoutCode, $"{name}: the planner recomputed nothing");
        Assert.Contains("ScratchReference", withoutCode, StringComparison.Ordinal);
        List<int> expected = Run(without), actual = Run(with);
        Assert.Equal(expected.Count, actual.Count);
        int first = Enumerable.Range(0, expected.Count).FirstOrDefault(i => expected[i] != actual[i], -1);
        Assert.True(first < 0, $"{name}: value {first} differs");
        Assert.Contains(expected, x => x != 0); // the step did something
    }
}

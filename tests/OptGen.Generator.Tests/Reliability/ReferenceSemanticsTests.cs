using System.Text;
using Microsoft.CodeAnalysis;
using OptGen.Testing;
using static OptGen.Generator.Tests.Reliability.ReferenceFormulas;

namespace OptGen.Generator.Tests.Reliability;

/// <summary>
/// Random updates (<see cref="ReferenceFormulas"/>: element values, locals, whole-tensor sums, means, norms, maxima and
/// dot products, per-row, per-column and per-matrix ones broadcast back, choices, states read back) generated, compiled and stepped, against the same updates evaluated plainly
/// by what the language says they mean: whatever the planner fused, moved, kept or dropped, each weight and state value
/// is the plain evaluation's within rounding. The other planning tests compare a plan with and without one step; this
/// one compares every step together with the language's meaning.
/// </summary>
public sealed class ReferenceSemanticsTests
{
    private const int Formulas = 48, Steps = 3;
    // A vector (one row), a matrix and a stack of matrices; 37 and 300 elements leave ragged tails at every width.
    private static readonly int[][] Shapes = [[37], [6, 10], [3, 4, 25]];

    // 144 updates; 4,800 in the long run (OPTGEN_LONG=1).
    public static readonly TheoryData<int> Seeds = new(Enumerable.Range(1, Long.Pick(3, 100)));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void GeneratedUpdatesComputeWhatTheirFormulasMean(int seed)
    {
        var random = new Random(seed);
        List<Statement>[] updates = Enumerable.Range(0, Formulas).Select(_ => ReferenceFormulas.Random(random)).ToArray();
        GeneratorOutput run = GeneratorRuns.Generate(Source(updates));
        Diagnostic[] errors = run.GeneratorDiagnostics.Concat(run.CompilationDiagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => e.ToString())));
        System.Reflection.Assembly assembly = GeneratorRuns.Load(run);
        int compared = 0;
        for (int k = 0; k < Formulas; k++)
        {
            var optimizer = (IOptimizer)Activator.CreateInstance(assembly.GetType($"Demo.Opt{k}", throwOnError: true)!)!;
            compared += Check(k, updates[k], optimizer) ? 1 : 0;
        }
        Assert.True(compared >= Formulas * 2 / 3, $"only {compared} of {Formulas} updates compared (the others made close calls)");
    }

    private static string Source(List<Statement>[] updates)
    {
        var sb = new StringBuilder("using OptGen;\n\nnamespace Demo;\n");
        for (int k = 0; k < updates.Length; k++)
        {
            sb.Append($$""""

                [Optimizer(LearningRate = 0.01)]
                [State("m"), State("v")]
                [Update("""
                {{Text(updates[k]).TrimEnd()}}
                """)]
                public partial class Opt{{k}}
                {
                }

                """");
        }
        return sb.ToString();
    }

    // Steps the optimizer and the evaluation; compares them unless the evaluation made a close call (a choice between
    // values that rounding may order either way), and says whether it did.
    private static bool Check(int k, List<Statement> update, IOptimizer optimizer)
    {
        Parameter[] parameters = Shapes.Select(shape => new Parameter(shape)).ToArray();
        Tensor[] expected = new Tensor[Shapes.Length];
        for (int j = 0; j < parameters.Length; j++)
        {
            for (int i = 0; i < parameters[j].Length; i++)
                parameters[j].Value[i] = MathF.Sin(0.7f * i + j) * 0.5f;
            int n = parameters[j].Length;
            expected[j] = new Tensor(parameters[j].Value.ToArray(), new float[n], new float[n], new float[n], Shapes[j]);
        }
        for (int t = 1; t <= Steps; t++)
        {
            for (int j = 0; j < parameters.Length; j++)
            {
                for (int i = 0; i < parameters[j].Length; i++)
                    parameters[j].Grad[i] = 0.3f * parameters[j].Value[i] + 0.01f * MathF.Cos(1.3f * i + t);
                parameters[j].Grad.CopyTo(expected[j].Arrays["g"]);
                Apply(update, expected[j], t, optimizer.LearningRate);
            }
            optimizer.Step(parameters);
        }
        if (expected.Any(x => x.CloseCallMade))
            return false;
        string[] buffers = optimizer.State.BufferNames;
        for (int j = 0; j < parameters.Length; j++)
        {
            Compare(k, update, "w", j, expected[j].Arrays["w"], parameters[j].Value);
            for (int b = 0; b < buffers.Length; b++)
                Compare(k, update, buffers[b], j, expected[j].Arrays[buffers[b]], optimizer.State.Tensors[j].Buffer(b));
        }
        return true;
    }

    // Within 1e-4 of the larger value, or absolutely below 1: rounding apart (a multiply-add fused, a division by a
    // per-tensor value made a multiplication by its reciprocal), a wrong plan is off by far more.
    private static void Compare(int k, List<Statement> update, string what, int tensor, float[] expected, ReadOnlySpan<float> actual)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            double scale = Math.Max(1, Math.Max(Math.Abs(expected[i]), Math.Abs(actual[i])));
            Assert.True(float.IsFinite(expected[i]) && Math.Abs(expected[i] - actual[i]) <= 1e-4 * scale,
                $"Opt{k}, tensor {tensor}, {what}[{i}] = {actual[i]:R}, expected {expected[i]:R}; the update:\n{Text(update)}");
        }
    }
}

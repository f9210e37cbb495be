using System.Text;
using Microsoft.CodeAnalysis;
using OptGen.Testing;
using static OptGen.Generator.Tests.Reliability.ReferenceFormulas;
using static OptGen.Generator.Tests.Reliability.ReferenceTransforms;

namespace OptGen.Generator.Tests.Reliability;

/// <summary>
/// Random updates (<see cref="ReferenceFormulaGen"/>: states of every shape, locals of every level, a branch on the
/// tensor's shape, reductions over the tensor and along its axes, choices, <c>newton_schulz</c>, <c>g</c> and <c>w</c>
/// set, a shared state; with transforms, <see cref="ReferenceTransforms"/>) generated, compiled and stepped, against the
/// same updates evaluated plainly by what the language says they mean (<see cref="ReferenceEvaluation"/>): whatever the
/// planner fused, moved, kept or dropped, each weight and state value is the plain evaluation's within rounding, and
/// the steps counted and skipped are its. The other planning tests compare a plan with and without one step; this
/// one compares every step together with the language's meaning.
/// </summary>
public sealed class ReferenceSemanticsTests
{
    private const int Formulas = 48, Steps = 3;
    // A vector (one row), a matrix, and stacks of matrices wider and taller than long (newton_schulz transposes the
    // latter); 37 and 300 elements leave ragged tails at every width. One update in four sees them through the
    // Channels view (one matrix, rows the first dimension).
    private static readonly int[][] Shapes = [[37], [6, 10], [3, 4, 25], [2, 9, 4]];

    // 144 updates; 4,800 in the long run (OPTGEN_LONG=1).
    public static readonly TheoryData<int> Seeds = new(Enumerable.Range(1, Long.Pick(3, 100)));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void GeneratedUpdatesComputeWhatTheirFormulasMean(int seed)
    {
        var random = new Random(seed);
        List<Line>[] updates = Enumerable.Range(0, Formulas).Select(_ => ReferenceFormulaGen.Update(random)).ToArray();
        Setting[] settings = updates.Select(_ => NewSetting(random)).ToArray();
        string source = Source(updates, settings);
        GeneratorOutput run = GeneratorRuns.Generate(source);
        string[] errors = Errors(run);
        if (errors.Length > 0)
        {
            // Which update: the one whose class the first error is in, named in it or, for an error in the input
            // (the formulas, the attributes), the class declared next after it.
            System.Text.RegularExpressions.Match at = System.Text.RegularExpressions.Regex.Match(errors[0], @"^Input\.cs\((\d+),");
            string after = at.Success ? string.Join("\n", source.Split('\n').Skip(int.Parse(at.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))) : errors[0];
            int k = int.Parse(System.Text.RegularExpressions.Regex.Match(after, @"Opt(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Fail(Report(updates[k], settings[k], errors[0], compiles: false));
        }
        System.Reflection.Assembly assembly = GeneratorRuns.Load(run);
        int compared = 0;
        for (int k = 0; k < Formulas; k++)
        {
            (bool close, string? mismatch) = Run(updates[k], settings[k], assembly, k);
            if (mismatch is not null)
                Assert.Fail(Report(updates[k], settings[k], mismatch, compiles: true));
            compared += close ? 0 : 1;
        }
        Assert.True(compared >= Formulas / 2, $"only {compared} of {Formulas} updates compared (the others made close calls)");
    }

    private static string[] Errors(GeneratorOutput run) =>
        run.GeneratorDiagnostics.Concat(run.CompilationDiagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).Select(e => e.ToString()).ToArray();

    // The failure, the update, and the smallest update found that fails the same way, with its failure.
    private static string Report(List<Line> update, Setting setting, string failure, bool compiles)
    {
        List<Line> small = ReferenceShrinker.Shrink(update, candidate => Failure(candidate, setting, compiles) is not null);
        return $"{failure}\nThe update ({setting}):\n{Text(update)}\nThe smallest that fails the same way:\n{Text(small)}{Failure(small, setting, compiles)}";
    }

    // What an update's generated code alone does wrong: with compiles false, a compiler error (the generator's own
    // diagnostics are rejections, not failures); otherwise the first value that differs from the evaluation, or what a
    // step throws. Null when nothing.
    private static string? Failure(List<Line> update, Setting setting, bool compiles)
    {
        GeneratorOutput run = GeneratorRuns.Generate(Source([update], [setting]));
        string[] errors = Errors(run);
        if (!compiles)
            return errors.Length > 0 && errors.All(e => !e.Contains("OPTG", StringComparison.Ordinal)) ? errors[0] : null;
        return errors.Length > 0 ? null : Run(update, setting, GeneratorRuns.Load(run), 0).Mismatch;
    }

    // Check of update k of the assembly; what a step throws is a mismatch too.
    private static (bool Close, string? Mismatch) Run(List<Line> update, Setting setting, System.Reflection.Assembly assembly, int k)
    {
        var optimizer = (IOptimizer)Activator.CreateInstance(assembly.GetType($"Demo.Opt{k}", throwOnError: true)!)!;
        try
        {
            return Check(update, setting, optimizer);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (false, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>
    /// How an update's class sees tensors (<c>View = TensorView.Channels</c>), its instance's <c>Flag</c>, its
    /// transforms, which call of <c>Step</c> (counting from 1; 0: none) gets a NaN gradient, with [SkipNonFinite], and
    /// whether <c>m</c> starts as a copy of the weights (<c>InitFromWeights</c>) and <c>v</c> at <see cref="VInit"/>.
    /// </summary>
    private sealed record Setting(bool Channels, bool Flag, TransformSet Transforms, int Poisoned, bool MFromWeights, bool VInitialised);

    private const float VInit = 0.25f;

    private static Setting NewSetting(Random random)
    {
        TransformSet transforms = ReferenceTransforms.Pick(random);
        int calls = Steps * (transforms.HasFlag(TransformSet.AccumulateGradients) ? ReferenceTransforms.MicroBatches : 1);
        return new Setting(Channels: random.Next(4) == 0, Flag: random.Next(2) == 0, transforms,
            Poisoned: transforms.HasFlag(TransformSet.SkipNonFinite) ? random.Next(1, calls + 1) : 0,
            MFromWeights: random.Next(4) == 0, VInitialised: random.Next(4) == 0);
    }

    // The states' attributes, m and v as the setting starts them, and the shared state.
    private static string StateAttributes(Setting setting) => string.Join(", ", States.Select(s => s.Name switch
    {
        "m" when setting.MFromWeights => """State("m", InitFromWeights = true)""",
        "v" when setting.VInitialised => """State("v", Init = 0.25)""", // VInit
        _ => s.Declaration,
    }).Append($"""State("{SharedState}", Shared = true)"""));

    private static string Source(List<Line>[] updates, Setting[] settings)
    {
        var sb = new StringBuilder("using OptGen;\n\nnamespace Demo;\n");
        for (int k = 0; k < updates.Length; k++)
        {
            string view = settings[k].Channels ? ", View = TensorView.Channels" : "";
            string transforms = ReferenceTransforms.Attributes(settings[k].Transforms) is { } list ? $"\n[{list}]" : "";
            string text = Text(updates[k]).TrimEnd().Replace("\n", "\n    ", StringComparison.Ordinal);
            sb.Append($$""""

                [Optimizer(LearningRate = 0.01{{view}})]{{transforms}}
                [{{StateAttributes(settings[k])}}]
                [Update("""
                    {{text}}
                    """)]
                public partial class Opt{{k}}
                {
                {{Hyperparameters}}
                }

                """");
        }
        return sb.ToString();
    }

    // Steps the optimizer and the evaluation; compares them unless the evaluation made a close call (a choice between
    // values that rounding may order either way). Whether it did, and the first value that differs.
    private static (bool Close, string? Mismatch) Check(List<Line> update, Setting setting, IOptimizer optimizer)
    {
        optimizer.GetType().GetProperty(Flag)!.SetValue(optimizer, setting.Flag);
        Parameter[] parameters = Shapes.Select(shape => new Parameter(shape)).ToArray();
        var expected = new ReferenceEvaluation.Tensor[Shapes.Length];
        for (int j = 0; j < parameters.Length; j++)
        {
            for (int i = 0; i < parameters[j].Length; i++)
                parameters[j].Value[i] = MathF.Sin(0.7f * i + j) * 0.5f;
            expected[j] = new ReferenceEvaluation.Tensor(parameters[j].Value.ToArray(), Shapes[j], setting.Channels) { Flag = setting.Flag };
            if (setting.MFromWeights)
                expected[j].Arrays["m"] = parameters[j].Value.ToArray();
            if (setting.VInitialised)
                Array.Fill(expected[j].Arrays["v"], VInit);
        }
        Stepping stepping = Step(update, setting, optimizer, parameters, expected);
        if (expected.Any(x => x.CloseCallMade))
            return (true, null);
        string? mismatch = stepping.Counts(optimizer) ?? Compare(SharedState, 0, [(float)stepping.Shared], [(float)Shared(optimizer)]);
        string[] buffers = optimizer.State.BufferNames;
        int scalar = Array.IndexOf(optimizer.State.ScalarNames, "k");
        for (int j = 0; j < parameters.Length && mismatch is null; j++)
        {
            ReferenceEvaluation.Tensor x = expected[j];
            mismatch = Compare("w", j, x.Arrays["w"], parameters[j].Value);
            for (int b = 0; b < buffers.Length && mismatch is null; b++)
            {
                // A tensor whose branches do not use a state has none; one they write must have it.
                ReadOnlySpan<float> actual = optimizer.State.Tensors[j].Buffer(b);
                mismatch = actual.Length > 0 ? Compare(buffers[b], j, Held(x, buffers[b]), actual)
                    : x.Written.Contains(buffers[b]) ? $"tensor {j} [{string.Join(", ", Shapes[j])}]: no {buffers[b]}, which its update writes" : null;
            }
            mismatch ??= Compare("k", j, [(float)x.K], [(float)optimizer.State.Tensors[j].Scalars[scalar]]);
        }
        return (false, mismatch);
    }

    // The calls of Step (a micro-batch one only adds to the accumulated gradient; a non-finite one changes nothing),
    // each evaluation step between the transforms; the shared state and the counts they leave.
    private static Stepping Step(List<Line> update, Setting setting, IOptimizer optimizer, Parameter[] parameters, ReferenceEvaluation.Tensor[] expected)
    {
        int micro = setting.Transforms.HasFlag(TransformSet.AccumulateGradients) ? MicroBatches : 1;
        float[][] sums = parameters.Select(p => new float[p.Length]).ToArray();
        var done = new Stepping();
        int pending = 0;
        for (int call = 1; done.Updates < Steps; call++)
        {
            for (int j = 0; j < parameters.Length; j++)
            {
                for (int i = 0; i < parameters[j].Length; i++)
                    parameters[j].Grad[i] = 0.3f * parameters[j].Value[i] + 0.01f * MathF.Cos(1.3f * i + call);
            }
            if (call == setting.Poisoned)
                parameters[call % parameters.Length].Grad[call % 7] = float.NaN;
            double loss = 0.5 + 0.25 * Math.Sin(call);
            if (optimizer is ILossAware aware)
                aware.Loss = loss;
            optimizer.Step(parameters);
            if (call == setting.Poisoned)
            {
                done.Skipped++;
                continue;
            }
            for (int j = 0; j < parameters.Length; j++)
            {
                for (int i = 0; i < parameters[j].Length; i++)
                    sums[j][i] = pending == 0 ? parameters[j].Grad[i] : sums[j][i] + parameters[j].Grad[i];
            }
            if (++pending < micro)
                continue;
            pending = 0;
            for (int j = 0; j < parameters.Length; j++)
            {
                for (int i = 0; i < parameters[j].Length; i++)
                    expected[j].Arrays["g"][i] = micro == 1 ? sums[j][i] : sums[j][i] / micro;
            }
            long t = ++done.Updates;
            ReferenceTransforms.Before(setting.Transforms, expected, optimizer.LearningRate);
            ReferenceEvaluation.Apply(update, expected, t, optimizer.LearningRate, loss, ref done.Shared);
            ReferenceTransforms.After(setting.Transforms, expected, t);
        }
        return done;
    }

    private sealed class Stepping
    {
        public int Updates, Skipped;
        public double Shared;

        // The step count and, with [SkipNonFinite], the skipped calls, as the optimizer counted them; null when right.
        public string? Counts(IOptimizer optimizer)
        {
            long skipped = optimizer.GetType().GetProperty(SkippedStepsProperty)?.GetValue(optimizer) is long n ? n : 0;
            return optimizer.StepCount == Updates && skipped == Skipped ? null
                : $"{optimizer.StepCount} steps and {skipped} skipped, expected {Updates} and {Skipped}";
        }
    }

    private const string SkippedStepsProperty = "SkippedSteps";

    private static double Shared(IOptimizer optimizer) =>
        optimizer.State.SharedScalars[Array.IndexOf(optimizer.State.SharedNames, SharedState)];

    // What the evaluation holds for a buffer: a factored state one value for each element that stands for one (x.Key),
    // in index order; the weight average its own; the accumulated gradient nothing after a whole step (zeros).
    private static float[] Held(ReferenceEvaluation.Tensor x, string buffer)
    {
        if (buffer == "ema")
            return Ema(x);
        if (buffer == "__acc")
            return new float[x.Length];
        Axes axes = States.Single(s => s.Name == buffer).Axes;
        return Enumerable.Range(0, x.Length).Where(i => x.Key(axes, i) == i).Select(i => x.Arrays[buffer][i]).ToArray();
    }

    // Within 1e-4 of the larger value, or absolutely below 1: rounding apart (a multiply-add fused, a division by a
    // per-tensor value made a multiplication by its reciprocal), a wrong plan is off by far more.
    private static string? Compare(string what, int tensor, float[] expected, ReadOnlySpan<float> actual)
    {
        if (expected.Length != actual.Length)
            return $"tensor {tensor} [{string.Join(", ", Shapes[tensor])}]: {what} holds {actual.Length} values, expected {expected.Length}";
        for (int i = 0; i < expected.Length; i++)
        {
            double scale = Math.Max(1, Math.Max(Math.Abs(expected[i]), Math.Abs(actual[i])));
            if (!(float.IsFinite(expected[i]) && Math.Abs(expected[i] - actual[i]) <= 1e-4 * scale))
                return $"tensor {tensor} [{string.Join(", ", Shapes[tensor])}]: {what}[{i}] = {actual[i]:R}, expected {expected[i]:R}";
        }
        return null;
    }
}

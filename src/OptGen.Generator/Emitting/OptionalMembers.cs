using OptGen.Generator.Binding;
using OptGen.Generator.Model;
using OptGen.Generator.Planning;
using OptGen.Generator.Transforms;

namespace OptGen.Generator.Emitting;

/// <summary>
/// The members a class gets only when its declaration uses a feature, written in the working class and (so that code
/// using them compiles) in the shell of a class with errors: <c>ILossAware.Loss</c> when the update reads <c>loss</c>
/// (with its check in <c>Step</c>), <c>Seed</c> when it draws (<see cref="RandomDraws"/>), and the
/// transforms' members besides their settings (<see cref="Transform.Members"/>): <c>SkippedSteps</c> ([SkipNonFinite])
/// and <c>GetWeightEma</c> ([WeightEma]). The transforms' settings are ordinary hyperparameters (<see cref="HyperparameterEmitter"/>).
/// </summary>
internal static class OptionalMembers
{
    private const string SkippedStepsDoc = "/// <summary>Steps abandoned because a gradient held NaN or Inf ([SkipNonFinite]).</summary>";
    private const string WeightEmaDoc = "/// <summary>The moving average of the weights of tensor <paramref name=\"tensorIndex\"/> ([WeightEma])";
    private const string WeightEmaSignature = "public System::ReadOnlySpan<float> " + TransformCatalog.GetWeightEma + "(int tensorIndex) => ";

    /// <summary>How the formula's <c>loss</c> is spelled in <c>Run</c>.</summary>
    public const string LossField = "this.__loss";

    public const string LossInterface = "OptGen::ILossAware";

    public static bool ReadsLoss(IEnumerable<Plan[]> plans) =>
        plans.SelectMany(p => p).Any(p => p.Reads(v => v.Kind == ValueKind.Builtin && v.Name == Builtins.Loss));

    public static bool Has(ClassSpec spec, TransformKind kind) => spec.Transforms.Any(t => t.Kind == kind);

    /// <summary>The members of a working optimizer.</summary>
    public static void Write(CodeWriter w, ClassSpec spec, bool readsLoss, bool draws)
    {
        if (readsLoss)
            WriteLoss(w);
        if (draws)
        {
            w.Line("/// <summary>");
            w.Line("/// Seed of the update's <c>uniform()</c> and <c>normal()</c>: each draw is a pure function of (Seed, step, tensor, element,");
            w.Line("/// call site), so the same seed gives the same run at any vector width and core count, and a resumed run continues it.");
            w.Line("/// </summary>");
            w.Line($"public ulong {GeneratedMembers.Seed} {{ get; set; }}");
            w.Line();
        }
        if (Has(spec, TransformKind.SkipNonFinite))
        {
            w.Line(SkippedStepsDoc);
            w.Line($"public long {TransformCatalog.SkippedSteps} {{ get; private set; }}");
            w.Line();
        }
        int ema = spec.Buffers.Select(s => s.Name).ToList().IndexOf(TransformCatalog.EmaState);
        if (Has(spec, TransformKind.WeightEma) && ema >= 0)
        {
            w.Line(WeightEmaDoc + "; empty before the first step.</summary>");
            w.Line(WeightEmaSignature + $"__state.IsInitialized ? __state.Tensors[tensorIndex].Buffer({ema}) : default;");
            w.Line();
        }
    }

    // ILossAware.Loss, kept in a field the kernels read, and whether the caller set it since the previous step.
    private static void WriteLoss(CodeWriter w)
    {
        w.Line("private double __loss;");
        w.Line("private bool __lossSet;");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Open("public double Loss");
        w.Line("get => __loss;");
        w.Open("set");
        w.Line("if (!double.IsFinite(value))");
        w.Line("    throw new System::ArgumentOutOfRangeException(nameof(Loss), value, \"Loss must be a finite number.\");");
        w.Line("__loss = value;");
        w.Line("__lossSet = true;");
        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>
    /// At the start of <c>Step</c>: the caller must have set the loss since the previous step (a stale loss would silently
    /// give a wrong step size).
    /// </summary>
    public static void WriteLossCheck(CodeWriter w, string optimizer)
    {
        w.Line("if (!__lossSet)");
        w.Line($"    throw new System::InvalidOperationException({Literals.String(optimizer + "'s update reads 'loss': set its Loss (ILossAware) to this batch's loss before each Step.")});");
    }

    /// <summary>After a completed step the loss is spent: the next step needs a new one.</summary>
    public static void WriteLossConsume(CodeWriter w) => w.Line("if (completed) __lossSet = false;");

    /// <summary>
    /// The same members in a shell, for what the declaration shows: Loss and Seed by the names its formulas use
    /// (<paramref name="namesUsed"/>), the transforms' by its attributes. No step runs, so nothing is skipped, checked or averaged.
    /// </summary>
    public static IEnumerable<(string[] Names, string[] Lines)> Shell(ClassSpec spec, ISet<string> namesUsed, string failure)
    {
        if (namesUsed.Contains(Builtins.Loss))
            yield return ([GeneratedMembers.Loss], ["/// <inheritdoc />", $"public double {GeneratedMembers.Loss} {{ get; set; }}"]);
        if (namesUsed.Contains(Builtins.Uniform) || namesUsed.Contains(Builtins.Normal))
            yield return ([GeneratedMembers.Seed], ["/// <summary>Seed of the update's <c>uniform()</c> and <c>normal()</c>.</summary>", $"public ulong {GeneratedMembers.Seed} {{ get; set; }}"]);
        if (Has(spec, TransformKind.SkipNonFinite))
            yield return ([TransformCatalog.SkippedSteps], [SkippedStepsDoc, $"public long {TransformCatalog.SkippedSteps} => 0;"]);
        if (Has(spec, TransformKind.WeightEma))
            yield return ([TransformCatalog.GetWeightEma], [WeightEmaDoc + ".</summary>", WeightEmaSignature + $"throw new System::InvalidOperationException({failure});"]);
    }
}

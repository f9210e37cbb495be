using OptGen.Generator.Model;
using OptGen.Generator.Transforms;

namespace OptGen.Generator.Emitting;

/// <summary>
/// The members transforms add to the class besides their settings (<see cref="Transform.Members"/>):
/// <c>SkippedSteps</c> ([SkipNonFinite]) and <c>GetWeightEma</c> ([WeightEma]), in the working class and in the shell
/// of a class with errors. Their settings are ordinary hyperparameters (<see cref="HyperparameterEmitter"/>).
/// </summary>
internal static class TransformMembers
{
    private const string SkippedStepsDoc = "/// <summary>Steps abandoned because a gradient held NaN or Inf ([SkipNonFinite]).</summary>";
    private const string WeightEmaDoc = "/// <summary>The moving average of the weights of tensor <paramref name=\"tensorIndex\"/> ([WeightEma])";
    private const string WeightEmaSignature = "public global::System.ReadOnlySpan<float> " + TransformCatalog.GetWeightEma + "(int tensorIndex) => ";

    public static bool Has(ClassSpec spec, TransformKind kind) => spec.Transforms.Any(t => t.Kind == kind);

    /// <summary>The members of a working optimizer; <paramref name="bufferNames"/> are its state buffers, in layout order.</summary>
    public static void Write(CodeWriter w, ClassSpec spec, IReadOnlyList<string> bufferNames)
    {
        if (Has(spec, TransformKind.SkipNonFinite))
        {
            w.Line(SkippedStepsDoc);
            w.Line($"public long {TransformCatalog.SkippedSteps} {{ get; private set; }}");
            w.Line();
        }
        int ema = bufferNames.ToList().IndexOf(TransformCatalog.EmaState);
        if (Has(spec, TransformKind.WeightEma) && ema >= 0)
        {
            w.Line(WeightEmaDoc + "; empty before the first step.</summary>");
            w.Line(WeightEmaSignature + $"__state.IsInitialized ? __state.Tensors[tensorIndex].Buffer({ema}) : default;");
            w.Line();
        }
    }

    /// <summary>The same members in a shell: no step runs, so nothing is skipped and no average exists.</summary>
    public static IEnumerable<(string[] Names, string[] Lines)> Shell(ClassSpec spec, string failure)
    {
        if (Has(spec, TransformKind.SkipNonFinite))
            yield return ([TransformCatalog.SkippedSteps], [SkippedStepsDoc, $"public long {TransformCatalog.SkippedSteps} => 0;"]);
        if (Has(spec, TransformKind.WeightEma))
            yield return ([TransformCatalog.GetWeightEma], [WeightEmaDoc + ".</summary>", WeightEmaSignature + $"throw new global::System.InvalidOperationException({failure});"]);
    }
}

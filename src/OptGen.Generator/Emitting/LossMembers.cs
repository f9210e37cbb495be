using OptGen.Generator.Binding;
using OptGen.Generator.Planning;

namespace OptGen.Generator.Emitting;

/// <summary>
/// What an optimizer whose update reads <c>loss</c> gets: <c>ILossAware.Loss</c>, kept in a field the kernels read, and
/// a check at the start of <c>Step</c> that the caller set it since the previous step (a stale loss would silently
/// give a wrong step size), cleared when a step completes.
/// </summary>
internal static class LossMembers
{
    /// <summary>How the formula's <c>loss</c> is spelled in <c>Run</c>.</summary>
    public const string Field = "this.__loss";

    public const string Interface = "global::OptGen.ILossAware";

    public static bool ReadsLoss(IEnumerable<Plan[]> plans) =>
        plans.SelectMany(p => p).Any(p => p.Reads(v => v.Kind == ValueKind.Builtin && v.Name == Builtins.Loss));

    public static void WriteProperty(CodeWriter w)
    {
        w.Line("private double __loss;");
        w.Line("private bool __lossSet;");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Open("public double Loss");
        w.Line("get => __loss;");
        w.Open("set");
        w.Line("if (!double.IsFinite(value))");
        w.Line("    throw new global::System.ArgumentOutOfRangeException(nameof(Loss), value, \"Loss must be a finite number.\");");
        w.Line("__loss = value;");
        w.Line("__lossSet = true;");
        w.Close();
        w.Close();
        w.Line();
    }

    public static void WriteCheck(CodeWriter w, string optimizer)
    {
        w.Line("if (!__lossSet)");
        w.Line($"    throw new global::System.InvalidOperationException({Literals.String(optimizer + "'s update reads 'loss': set its Loss (ILossAware) to this batch's loss before each Step.")});");
    }

    /// <summary>After a completed step the loss is spent: the next step needs a new one.</summary>
    public static void WriteConsume(CodeWriter w) => w.Line("if (completed) __lossSet = false;");
}

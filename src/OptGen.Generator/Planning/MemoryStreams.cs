using OptGen.Generator.Binding;

namespace OptGen.Generator.Planning;

/// <summary>
/// Which memory a value lives in, and whether that memory still holds it when a pass starts: what the planning steps
/// that move or repeat statements between passes (<see cref="Rematerializer"/>, <see cref="StoreSinker"/>) ask
/// before a later pass reads a value from memory instead of from the pass that computed it.
/// </summary>
internal static class MemoryStreams
{
    /// <summary>The memory a value lives in when it is w, g or a state buffer (any version); null for locals and scalars.</summary>
    public static (TargetKind Kind, int Index)? Of(Value v) => v switch
    {
        { Kind: ValueKind.Weight } or { Kind: ValueKind.Defined, Target.Kind: TargetKind.Weight } => (TargetKind.Weight, 0),
        { Kind: ValueKind.Gradient } => (TargetKind.Gradient, 0),
        { Kind: ValueKind.Buffer } => (TargetKind.Buffer, v.Index),
        { Kind: ValueKind.Defined, Target.Kind: TargetKind.Buffer } => (TargetKind.Buffer, v.Target.Index),
        _ => null,
    };

    /// <summary>
    /// Whether memory holds version <paramref name="x"/> of <paramref name="stream"/> when pass <paramref name="pass"/>'s
    /// loop starts: no later version was written by an earlier pass's loop or by the per-row/per-column statements run
    /// before that loop.
    /// </summary>
    public static bool HoldsAt(Plan plan, Value x, (TargetKind Kind, int Index) stream, int pass)
    {
        if (stream.Kind == TargetKind.Gradient)
            return x.Kind == ValueKind.Gradient; // the caller's gradient is never written; a reassigned g is a local
        int latest = 0;
        for (int p = 0; p < pass; p++)
        {
            foreach (ElementOp op in plan.Passes[p].Ops)
            {
                if (Of(op.Result) == stream)
                    latest = System.Math.Max(latest, op.Result.Version);
            }
        }
        foreach (ScalarDef s in plan.Scalars)
        {
            if (s.Pass <= pass && Of(s.Result) == stream)
                latest = System.Math.Max(latest, s.Result.Version);
        }
        return x.Version == latest;
    }
}

using System.Linq;
using System.Text;
using System.Threading;
using OptGen.Generator.Binding;
using OptGen.Generator.Planning;

namespace OptGen.Generator.Emitting;

/// <summary>
/// Writes the kernel of one pass: a <c>ref struct</c> whose fields are the tensor's streams (named after the state they
/// hold) and the pass's scalars, with one body over the vector type <c>V</c>. All iteration (widths, alignment, tails,
/// chunks, reductions) belongs to the runtime's driver, <c>OptGen.Internal.Kernels</c>.
/// </summary>
internal static class KernelWriter
{
    /// <summary>The alias of <c>OptGen.Internal</c> every generated optimizer file declares.</summary>
    public const string Runtime = "OptGenRt";

    public static void Write(CodeWriter w, PassModel model, CancellationToken cancellationToken)
    {
        PassPlan pass = model.Pass;
        string ops = pass.Ops.Count == 0 ? "no statements" : string.Join("; ", pass.Ops.Select(o => o.Result.ToString()));
        string reductions = pass.Reductions.Count == 0 ? ""
            : "; then " + string.Join(", ", pass.Reductions.Select(r => (r.IsGlobal ? "global " : "") + r.Kind.ToString().ToLowerInvariant()));
        w.Line($"// Pass {pass.Index}: {ops}{reductions}");
        w.Open($"private ref struct {model.TypeName} : {Runtime}::IElementKernel");
        foreach (var group in model.Streams.GroupBy(s => s.BFloat16))
            w.Line($"public ref {(group.Key ? "ushort" : "float")} {string.Join(", ", group.Select(s => s.Field))};");
        foreach (var group in model.Scalars.GroupBy(s => s.IsBool))
            w.Line($"public {(group.Key ? "bool" : "float")} {string.Join(", ", group.Select(s => s.Field))};");
        w.Line($"public static int SumCount => {model.SumCount};");
        w.Line($"public static int MaxCount => {model.MaxCount};");
        w.Line("public ref float Anchor => " + AnchorExpression(model) + ";");
        w.Line();
        w.Line($"public void Run<V>(nint i, ref {Runtime}::Terms<V> terms) where V : struct, {Runtime}::IFloatVector<V>");
        w.Begin();
        var writer = new ElementExpressionWriter(v => model.Names[v]);
        var sb = new StringBuilder();
        foreach ((Value value, KernelStream stream) in model.Loads)
            w.Line($"V {model.Names[value]} = V.{(stream.BFloat16 ? "LoadBf16" : "Load")}(ref {stream.Field}, i);");
        int written = 0;
        foreach (ElementOp op in pass.Ops)
        {
            if ((++written & 255) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            string name = model.Names[op.Result];
            sb.Clear();
            sb.Append("V ").Append(name).Append(" = ");
            WriteElement(writer, op.Expr, sb);
            sb.Append(';');
            w.Line(sb.ToString());
        }
        for (int j = 0; j < model.Terms.Count; j++)
            WriteTerm(w, writer, model, j, sb);
        foreach ((Value value, KernelStream stream) in model.Stores)
            w.Line($"V.{(stream.BFloat16 ? "StoreBf16" : "Store")}(ref {stream.Field}, i, {model.Names[value]});");
        w.Close();
        w.Close();
    }

    // An element statement whose right side is a per-step value (w = 0, m = lr) is still a vector.
    private static void WriteElement(ElementExpressionWriter writer, BExpr e, StringBuilder sb)
    {
        if (e.Level != Level.Element && e.Type == Binding.ValueType.Bool)
        {
            sb.Append("V.Mask(");
            writer.Write(e, sb);
            sb.Append(')');
            return;
        }
        writer.Write(e, sb);
    }

    private static void WriteTerm(CodeWriter w, ElementExpressionWriter writer, PassModel model, int j, StringBuilder sb)
    {
        ReduceDef r = model.Terms[j];
        string local = model.TermLocal(j);
        sb.Clear();
        sb.Append("V ").Append(local).Append(" = ");
        WriteElement(writer, r.Args[0], sb);
        sb.Append(';');
        w.Line(sb.ToString());
        sb.Clear();
        sb.Append("terms.T").Append(j).Append(" = ");
        switch (r.Kind)
        {
            case ReductionKind.Norm:
                sb.Append(local).Append(" * ").Append(local);
                break;
            case ReductionKind.MaxAbs:
                sb.Append("V.Abs(").Append(local).Append(')');
                break;
            case ReductionKind.Dot:
                sb.Append(local).Append(" * ");
                WriteElement(writer, r.Args[1], sb);
                break;
            default:
                sb.Append(local);
                break;
        }
        sb.Append(';');
        w.Line(sb.ToString());
    }

    private static string AnchorExpression(PassModel model) => model.Anchor switch
    {
        null => "ref global::System.Runtime.CompilerServices.Unsafe.NullRef<float>()", // no stream: nothing to align
        { BFloat16: true } a => $"ref global::System.Runtime.CompilerServices.Unsafe.As<ushort, float>(ref {a.Field})",
        { } a => "ref " + a.Field,
    };
}

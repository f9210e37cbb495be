using System;
using System.Text;
using OptGen.Generator.Binding;
using OptGen.Generator.Planning;

namespace OptGen.Generator.Emitting;

/// <summary>
/// Writes the kernel of one pass: a <c>ref struct</c> whose fields are the tensor's streams (named after the state they
/// hold) and the pass's scalars, with one body over the vector type <c>V</c>. All iteration (widths, alignment, tails,
/// chunks, rows, reductions) belongs to the runtime's driver, <c>OptGen.Internal.Kernels</c>.
/// </summary>
internal static class KernelWriter
{
    private const string Runtime = GeneratedAliases.Runtime;

    /// <summary>The runtime's <c>Terms&lt;V&gt;.SplatCapacity</c>: numbers a kernel keeps broadcast across the driver's loop.</summary>
    private const int SplatCapacity = 12;

    /// <summary>Slots a kernel with a bfloat16 store reads from registers on a machine with 16 vector registers.</summary>
    private const int Bf16SplatBudget = 4;

    /// <summary>On every kernel member the driver calls in its loops: inlined there, its constants fold (<c>Kernels.Inline</c> is <c>AggressiveInlining</c>).</summary>
    private const string AggressiveInlining = "[" + GeneratedAliases.InlineAttribute + "(" + Runtime + "::Kernels.Inline)]";

    /// <param name="bindSlot">
    /// Where the driver runs the pass over all tensors: the kernel is an <c>ITensorKernel</c> whose <c>Bind</c> reads its
    /// per-tensor numbers from the tensor's temp slots from this one on (<see cref="TensorsTogether"/>); else null.
    /// </param>
    public static void Write(CodeWriter w, PassModel model, int? bindSlot, CancellationToken cancellationToken)
    {
        PassPlan pass = model.Pass;
        string ops = pass.Ops.Count == 0 ? "no statements" : string.Join("; ", pass.Ops.Select(o => o.Result.ToString()));
        string reductions = pass.Reductions.Count == 0 ? ""
            : "; then " + string.Join(", ", pass.Reductions.Select(r => (r.IsGlobal ? "global " : "") + Builtins.ReductionName(r.Kind, r.Reduces)));
        w.Line($"// Pass {pass.Index}: {ops}{reductions}");
        w.Open($"private ref struct {model.TypeName} : {Runtime}::{(model.UsesAxes ? "IAxisKernel" : bindSlot is not null ? "ITensorKernel" : "IElementKernel")}");
        foreach (var group in model.Streams.GroupBy(s => s.BFloat16))
            w.Line($"public ref {(group.Key ? "ushort" : "float")} {string.Join(", ", group.Select(s => s.Field))};");
        foreach (var group in model.Scalars.GroupBy(s => s.IsBool))
            w.Line($"public {(group.Key ? "bool" : "float")} {string.Join(", ", group.Select(s => s.Field))};");
        if (model.Draws)
            w.Line($"public ulong {RandomDraws.KeyField};");
        if (model.UsesAxes)
        {
            w.Line($"public static int TermCount => {model.Terms.Count};");
            // Conditions, not a switch: the driver inlines it with a constant term, and .NET 10's JIT once misread a switch
            // on an inlined constant after profiling peeled its dominant case (the runtime's Terms<V>.Get says more).
            w.Line(AggressiveInlining);
            w.Line($"public static {Runtime}::AxisTerm TermKind(int term) => {TermKinds(model)};");
        }
        else
        {
            w.Line($"public static int SumCount => {model.SumCount};");
            w.Line($"public static int MaxCount => {model.MaxCount};");
            w.Line($"public static bool HasBFloat16Stream => {(model.Streams.Any(s => s.BFloat16) ? "true" : "false")};");
            if (NumbersInMemory(model))
                w.Line("public static bool NumbersInMemory => true;");
        }
        w.Line("public ref float Anchor => " + AnchorExpression(model) + ";");
        w.Line();
        // The JIT does not hoist a broadcast out of the driver's loop: the numbers are broadcast once, into slots of terms
        // that stay in registers. A bfloat16 store needs registers of its own: with 16 vector registers (AVX2) a kernel
        // with one keeps only its first Bf16SplatBudget numbers there and broadcasts the others where they are used (with
        // all of Adam's in registers, its bfloat16 loop spilled and ran 10-20% slower); with 32 (AVX-512, Arm64) it keeps
        // them all (bfloat16 Adam at 4 Ki: 0.415 -> 0.392 ns/param). Kernels.SlotOrSplat decides, a constant to the JIT.
        bool bf16 = model.Stores.Any(s => s.Stream.BFloat16);
        var splats = model.Scalars.Where(x => !x.IsBool).Take(SplatCapacity).Select((x, slot) => (x.Field, Slot: slot)).ToList();
        string element = model.UsesAxes ? "s.I" : "i";
        Func<int, string> slotText = k => bf16 && k >= Bf16SplatBudget ? $"{Runtime}::Kernels.SlotOrSplat({Slot(k)}, {splats[k].Field})" : Slot(k);
        // Run's body first: the max/min it writes tell Splat which slots to check.
        var broadcasts = new Dictionary<Value, string>();
        foreach ((Value value, KernelStream stream) in model.Loads)
        {
            if (BroadcastAt(stream) is string at)
                broadcasts[value] = at;
        }
        var writer = new ElementExpressionWriter(v => model.Names[v], element, field => splats.FindIndex(x => x.Field == field) is >= 0 and var k ? k : null, slotText,
            v => broadcasts.TryGetValue(v, out string? at) ? at : null);
        List<string> body = RunBody(writer, model, element, cancellationToken);
        w.Line(AggressiveInlining);
        w.Line($"public void Splat<V>(ref {Runtime}::Terms<V> terms) where V : struct, {Runtime}::IFloatVector<V>");
        w.Begin();
        foreach ((string field, int slot) in splats)
            w.Line($"{Slot(slot)} = V.Splat({field});");
        WriteOrdinaryFlags(w, max: true, writer.MaxSlots, splats);
        WriteOrdinaryFlags(w, max: false, writer.MinSlots, splats);
        w.Close();
        w.Line();
        if (model.UsesAxes)
            WriteBeginRow(w, writer.RowChecks);
        WritePrefetch(w, model);
        if (bindSlot is int firstSlot)
            WriteBind(w, model, firstSlot);
        // The driver calls Run once per vector; a large kernel the JIT would not inline on its own pays a call per vector
        // and keeps the loop's accumulators in memory (measured: axis passes ran twice as slow).
        w.Line(AggressiveInlining);
        w.Line(model.UsesAxes
            ? $"public void Run<V>(in {Runtime}::AxisSite s, ref {Runtime}::Terms<V> terms) where V : struct, {Runtime}::IFloatVector<V>"
            : $"public void Run<V>(nint i, ref {Runtime}::Terms<V> terms) where V : struct, {Runtime}::IFloatVector<V>");
        w.Begin();
        foreach (string line in body)
            w.Line(line);
        w.Close();
        w.Close();
    }

    // The streams pointed at one tensor's memory, and its per-tensor numbers read from its temp slots (written there by
    // ClassCode.WriteTensorNumbers, in field order); 'this.' since a field may share a parameter's name.
    private static void WriteBind(CodeWriter w, PassModel model, int slot)
    {
        w.Line("public void Bind(OptGen::Parameter parameter, OptGen::TensorState state)");
        w.Begin();
        foreach (KernelStream s in model.Streams)
            w.Line($"this.{s.Field} = ref {s.Source("parameter", "state")};");
        foreach (KernelScalar s in model.TensorNumbers)
        {
            string temp = $"state.Temps[{(slot++).ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
            w.Line(s.IsBool ? $"this.{s.Field} = {temp} != 0d;" : $"this.{s.Field} = (float){temp};");
        }
        w.Close();
        w.Line();
    }

    // Whether an element-wise pass's numbers and the values it loads are more than 16 vector registers hold: the driver
    // then keeps the numbers in memory on AVX2 (IElementKernel.NumbersInMemory). A pass with reductions keeps them in
    // registers whatever its count (in memory there, the JIT put the sums' accumulators in the frame too), so it is not
    // marked. Measured on the Zen 3, one core: AdEMAMix (13 numbers, 5 loads) 1.5-1.6x faster so, Adan (15, 6)
    // unchanged, schedule-free AdamW (12, 4) and MARS's second pass (11, 5) 1.1-1.3x slower; the count is a proxy for
    // the JIT's register pressure, and 16 the measured line.
    private static bool NumbersInMemory(PassModel model) =>
        model.Terms.Count == 0 && model.Scalars.Count(s => !s.IsBool) + model.Loads.Count > MaxNumbersAndLoadsInRegisters;

    private const int MaxNumbersAndLoadsInRegisters = 16;

    /// <summary>Splat slot <paramref name="k"/> of the kernel's <c>Terms&lt;V&gt; terms</c>.</summary>
    public static string Slot(int k) => "terms.S" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether <c>Splat</c> found slot <paramref name="k"/> fit for the one-instruction max (or min).</summary>
    public static string OrdinaryTest(int k, bool max) => $"({OrdinaryFlags(max)} & {Bit(k)}) != 0";

    // The runtime's Terms<V>.OrdinaryMax / OrdinaryMin; bit k is slot k's.
    private static string OrdinaryFlags(bool max) => max ? "terms.OrdinaryMax" : "terms.OrdinaryMin";

    private static string Bit(int k) => (1 << k).ToString(System.Globalization.CultureInfo.InvariantCulture);

    // terms.OrdinaryMax = (IsOrdinaryForMax(h2) ? 1 : 0) | ...: each slot checked once per loop.
    private static void WriteOrdinaryFlags(CodeWriter w, bool max, SortedSet<int> slots, List<(string Field, int Slot)> splats)
    {
        if (slots.Count == 0)
            return;
        string check = $"{Runtime}::Kernels.{(max ? "IsOrdinaryForMax" : "IsOrdinaryForMin")}";
        w.Line($"{OrdinaryFlags(max)} = {string.Join(" | ", slots.Select(k => $"({check}({splats[k].Field}) ? {Bit(k)} : 0)"))};");
    }

    // The statements of Run: loads, the pass's element statements, its reduction terms, stores.
    private static List<string> RunBody(ElementExpressionWriter writer, PassModel model, string element, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var sb = new StringBuilder();
        foreach ((Value value, KernelStream stream) in model.Loads)
            lines.Add($"V {model.Names[value]} = {Load(stream, element)};");
        int written = 0;
        foreach (ElementOp op in model.Pass.Ops)
        {
            if ((++written & 255) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            sb.Clear();
            sb.Append("V ").Append(model.Names[op.Result]).Append(" = ");
            WriteElement(writer, op.Expr, sb);
            sb.Append(';');
            lines.Add(sb.ToString());
        }
        for (int j = 0; j < model.Terms.Count; j++)
            WriteTerm(lines, writer, model, j, sb);
        (Value Value, KernelStream Stream)? pending = null; // a bfloat16 store waiting for a second to pair with
        foreach ((Value value, KernelStream stream) in model.Stores)
        {
            if (!stream.BFloat16)
                lines.Add($"V.Store(ref {stream.Field}, {element}, {model.Names[value]});");
            else if (pending is not { } first)
                pending = (value, stream);
            else
            {
                lines.Add($"V.StoreBf16Pair(ref {first.Stream.Field}, ref {stream.Field}, {element}, {model.Names[first.Value]}, {model.Names[value]});");
                pending = null;
            }
        }
        if (pending is { } last)
            lines.Add($"V.StoreBf16(ref {last.Stream.Field}, {element}, {model.Names[last.Value]});");
        return lines;
    }

    // terms.OrdinaryInRow = (IsOrdinaryForMin(ref muRow, s.RowIndex) ? 1 : 0) | ...: the per-row values each row's
    // max / min read, checked once per row (an empty body where there are none).
    private static void WriteBeginRow(CodeWriter w, List<(string At, bool Max)> checks)
    {
        w.Line(AggressiveInlining);
        string signature = $"public void BeginRow<V>(in {Runtime}::AxisSite s, ref {Runtime}::Terms<V> terms) where V : struct, {Runtime}::IFloatVector<V>";
        if (checks.Count == 0)
        {
            w.Line(signature + " { }");
        }
        else
        {
            w.Line(signature);
            w.Begin();
            w.Line("terms.OrdinaryInRow = " + string.Join(" | ", checks.Select((c, k) =>
                $"({Runtime}::Kernels.{(c.Max ? "IsOrdinaryForMax" : "IsOrdinaryForMin")}({c.At}) ? {Bit(k)} : 0)")) + ";");
            w.Close();
        }
        w.Line();
    }

    // The runtime's Kernels.Prefetch takes up to four float streams, or one bfloat16 stream, per call. Only the streams
    // with a value per element: an axis kernel's per-row and per-column arrays are small and stay in the caches.
    private static void WritePrefetch(CodeWriter w, PassModel model)
    {
        var calls = new List<string>();
        var streams = model.Streams.Where(s => s.Axes == Axes.All).ToList();
        var floats = streams.Where(s => !s.BFloat16).Select(s => "ref " + s.Field).ToList();
        for (int at = 0; at < floats.Count; at += 4)
            calls.Add($"{Runtime}::Kernels.Prefetch({string.Join(", ", floats.Skip(at).Take(4))}, i)");
        calls.AddRange(streams.Where(s => s.BFloat16).Select(s => $"{Runtime}::Kernels.Prefetch(ref {s.Field}, i)"));
        w.Line(AggressiveInlining);
        if (calls.Count == 0)
        {
            w.Line("public void Prefetch(nint i) { }");
        }
        else if (calls.Count == 1)
        {
            w.Line($"public void Prefetch(nint i) => {calls[0]};");
        }
        else
        {
            w.Line("public void Prefetch(nint i)");
            w.Begin();
            foreach (string call in calls)
                w.Line(call + ";");
            w.Close();
        }
        w.Line();
    }

    // A stream's values for the elements at hand: a vector of its own, or one value broadcast (per row, per matrix ...).
    private static string Load(KernelStream stream, string element) => stream.Axes switch
    {
        Axes.All => $"V.{(stream.BFloat16 ? "LoadBf16" : "Load")}(ref {stream.Field}, {element})",
        Axes.Matrix | Axes.Column => $"V.Load(ref {stream.Field}, s.Col)",
        Axes.Column => $"V.Load(ref {stream.Field}, s.ColIndex)",
        _ when BroadcastAt(stream) is string at => $"V.Broadcast({at})",
        // Rows and columns without the matrix: Levels makes such a value an element value, so no stream has these axes.
        _ => throw new System.InvalidOperationException($"No axis stream varies along {stream.Axes}"),
    };

    // "ref muRow, s.RowIndex": where a stream with one value for all the elements at hand (per row, per matrix ...) has
    // it, as the runtime's V.Broadcast and Kernels.IsOrdinaryForMax take it; null for a stream with a value per lane.
    private static string? BroadcastAt(KernelStream stream) => stream.Axes switch
    {
        Axes.Matrix | Axes.Row => $"ref {stream.Field}, s.Row",
        Axes.Matrix => $"ref {stream.Field}, s.Matrix",
        Axes.Row => $"ref {stream.Field}, s.RowIndex",
        _ => null,
    };

    /// <summary>What the axis driver does with a reduction's term.</summary>
    // "term == 0 ? A : term == 1 ? B : C" over the pass's terms; the last one without a condition.
    private static string TermKinds(PassModel model)
    {
        if (model.Terms.Count == 0)
            return Runtime + "::AxisTerm.TensorSum";
        var text = new StringBuilder();
        for (int j = 0; j < model.Terms.Count; j++)
        {
            string kind = Runtime + "::AxisTerm." + TermKind(model.Terms[j]);
            text.Append(j == model.Terms.Count - 1 ? kind : $"term == {j.ToString(System.Globalization.CultureInfo.InvariantCulture)} ? {kind} : ");
        }
        return text.ToString();
    }

    public static string TermKind(ReduceDef r)
    {
        string target = r.Reduces switch
        {
            Axes.Column => "Row",
            Axes.Row => "Column",
            Axes.Row | Axes.Column => "Matrix",
            _ => "Tensor",
        };
        string op = r.Kind switch
        {
            ReductionKind.MaxAbs or ReductionKind.Max => "Max",
            ReductionKind.Min => "Min",
            _ => "Sum",
        };
        return target + op;
    }

    // An element statement whose right side is a per-step value (w = 0, m = lr) is still a vector.
    private static void WriteElement(ElementExpressionWriter writer, BExpr e, StringBuilder sb)
    {
        if (e.Level < Level.Axis && e.Type == Binding.ValueType.Bool)
        {
            sb.Append("V.Mask(");
            writer.Write(e, sb);
            sb.Append(')');
            return;
        }
        writer.Write(e, sb);
    }

    private static void WriteTerm(List<string> lines, ElementExpressionWriter writer, PassModel model, int j, StringBuilder sb)
    {
        ReduceDef r = model.Terms[j];
        string local = model.TermLocal(j);
        sb.Clear();
        sb.Append("V ").Append(local).Append(" = ");
        WriteElement(writer, r.Args[0], sb);
        sb.Append(';');
        lines.Add(sb.ToString());
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
        lines.Add(sb.ToString());
    }

    private static string AnchorExpression(PassModel model) => model.Anchor switch
    {
        null => "ref System::Runtime.CompilerServices.Unsafe.NullRef<float>()", // no per-element stream: nothing to align
        { BFloat16: true } a => $"ref System::Runtime.CompilerServices.Unsafe.As<ushort, float>(ref {a.Field})",
        { } a => "ref " + a.Field,
    };
}

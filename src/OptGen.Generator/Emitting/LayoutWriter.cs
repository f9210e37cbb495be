using OptGen.Generator.Binding;
using OptGen.Generator.Model;
using OptGen.Generator.Planning;

namespace OptGen.Generator.Emitting;

/// <summary>
/// Writes the optimizer's <c>__state</c>: its <c>StateLayout</c> (buffers with their shapes, scalars, scratch, the
/// matrix view, accepted ranks) and, with branches on the tensor's shape, how a tensor's shape class is found and which
/// buffers, scratch buffers and axis arrays each class uses (the others are not allocated for its tensors).
/// </summary>
internal static class LayoutWriter
{
    /// <summary>One per-row, per-column or per-matrix array of the layout: its axes, and the shape class whose plan uses it.</summary>
    public readonly record struct AxisArray(int Axes, int ShapeClass);

    public static void Write(CodeWriter w, ClassSpec spec, IReadOnlyList<Plan[]> plans, Plan? accumulate, IReadOnlyList<BExpr> shapeConditions,
        IReadOnlyList<AxisArray> axisArrays)
    {
        var buffers = spec.Buffers.ToList();
        var scalars = spec.PerTensorScalars.ToList();
        var shared = spec.SharedStates.ToList();
        var all = plans.SelectMany(p => p).Concat(accumulate is null ? [] : new[] { accumulate }).ToList();
        w.Line($"private readonly OptGen::OptimizerState __state = new({Literals.String(spec.Name)}, new OptGen::StateLayout");
        w.Line("{");
        // A bfloat16 buffer's name carries the runtime's marker (its identity in checkpoints and interop): the runtime's
        // constant is named, not spelled again here.
        w.Line($"    BufferNames = [{string.Join(", ", buffers.Select(s => Literals.String(s.Name) + (s.BFloat16 ? " + OptGen::OptimizerState.BFloat16Suffix" : "")))}],");
        w.Line($"    BufferInit = [{string.Join(", ", buffers.Select(s => Literals.Float(s.Init)))}],");
        if (buffers.Any(s => s.FromWeights))
            w.Line($"    BufferFromWeights = [{string.Join(", ", buffers.Select(s => s.FromWeights ? "true" : "false"))}],");
        if (buffers.Any(s => s.Shape != StateShapeKind.Element))
            w.Line($"    BufferShapes = [{string.Join(", ", buffers.Select(s => "OptGen::StateShape." + s.Shape))}],");
        w.Line($"    ScalarNames = [{string.Join(", ", scalars.Select(s => Literals.String(s.Name)))}],");
        w.Line($"    ScalarInit = [{string.Join(", ", scalars.Select(s => Literals.Double(s.Init)))}],");
        if (shared.Count > 0)
        {
            w.Line($"    SharedNames = [{string.Join(", ", shared.Select(s => Literals.String(s.Name)))}],");
            w.Line($"    SharedInit = [{string.Join(", ", shared.Select(s => Literals.Double(s.Init)))}],");
        }
        int scratch = all.Max(p => p.ScratchSlots.Count);
        int temps = plans.SelectMany(classes => classes.Select(p => TensorsTogether.TempCount(p, singleClass: classes.Length == 1)))
            .Concat(accumulate is null ? [] : new[] { TensorsTogether.TempCount(accumulate, singleClass: true) }).Max();
        if (scratch > 0)
            w.Line($"    ScratchCount = {scratch},");
        if (axisArrays.Count > 0)
            w.Line($"    AxisScratch = [{string.Join(", ", axisArrays.Select(a => a.Axes.ToString(System.Globalization.CultureInfo.InvariantCulture)))}],");
        if (temps > 0)
            w.Line($"    TempCount = {temps},");
        if (spec.View == 1)
            w.Line("    View = OptGen::TensorView.Channels,");
        if (spec.MinRank > 0)
            w.Line($"    MinRank = {spec.MinRank},");
        if (spec.MaxRank > 0)
            w.Line($"    MaxRank = {spec.MaxRank},");
        if (shapeConditions.Count > 0)
        {
            // A shape condition reads only the shape built-ins and n, here from the view the runtime passes as 'v'.
            var writer = new ScalarExpressionWriter(v => ScalarExpressionWriter.ShapeFromView(v.Name, "v") ?? "(double)v.Length");
            w.Line($"    ShapeClass = static v => {string.Join(" | ", shapeConditions.Select((c, j) => $"({writer.Write(c)} ? {1 << j} : 0)"))},");
            var used = new List<string>();
            for (int c = 0; c < 1 << shapeConditions.Count; c++)
                used.Add("0x" + plans.Select(p => BuffersOf(p[c])).Aggregate(0UL, (a, b) => a | b).ToString("X", System.Globalization.CultureInfo.InvariantCulture) + "UL");
            w.Line($"    BuffersUsed = [{string.Join(", ", used)}],");
            // Scratch slots are numbered from 0 in each plan: a class uses as many as its plans (and accumulation) need.
            // A matrix's Adafactor update needs none, its vector's one: a matrix then allocates no buffer of its size.
            if (scratch > 0)
            {
                int accumulated = accumulate?.ScratchSlots.Count ?? 0;
                var counts = Enumerable.Range(0, 1 << shapeConditions.Count)
                    .Select(c => System.Math.Max(accumulated, plans.Max(p => p[c].ScratchSlots.Count)).ToString(System.Globalization.CultureInfo.InvariantCulture));
                w.Line($"    ScratchUsed = [{string.Join(", ", counts)}],");
            }
            if (axisArrays.Count > 0)
                w.Line($"    AxisScratchClasses = [{string.Join(", ", axisArrays.Select(a => a.ShapeClass.ToString(System.Globalization.CultureInfo.InvariantCulture)))}],");
        }
        w.Line("});");
    }

    // The buffers a plan reads or writes (bit b for buffer b).
    private static ulong BuffersOf(Plan plan)
    {
        ulong mask = 0;
        void Add(Value v)
        {
            if (v.Kind == ValueKind.Buffer)
                mask |= 1UL << v.Index;
            else if (v.Kind == ValueKind.Defined && v.Target.Kind == TargetKind.Buffer)
                mask |= 1UL << v.Target.Index;
        }
        foreach (PassPlan pass in plan.Passes)
        {
            foreach (ElementOp op in pass.Ops)
            {
                Add(op.Result);
                Planner.Uses(op.Expr).ForEach(Add);
            }
            foreach (ReduceDef r in pass.Reductions)
                r.Args.SelectMany(Planner.Uses).ToList().ForEach(Add);
            foreach (MatrixOpDef m in pass.MatrixOps)
                Add(m.Input);
        }
        foreach (ScalarDef s in plan.Scalars)
        {
            Add(s.Result);
            Planner.Uses(s.Expr).ForEach(Add);
        }
        return mask;
    }
}

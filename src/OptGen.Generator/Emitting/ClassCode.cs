using OptGen.Generator.Binding;
using OptGen.Generator.Planning;

namespace OptGen.Generator.Emitting;

/// <summary>
/// The code of one shape class (one plan) inside a <c>Run</c> method: its per-step scalars, its kernels, and per tensor
/// of the class its per-tensor scalars, per-row/column/matrix loops, pass calls and matrix built-ins. Names of computed
/// values carry the class's tag, so several classes live in one method.
/// </summary>
internal sealed partial class ClassCode(CodeWriter w, Plan plan, string tag, string suffix, int axisOffset, IReadOnlyList<Model.StateSpec> buffers,
    string? skipGuard, CancellationToken cancellationToken)
{
    private const string Runtime = GeneratedAliases.Runtime;

    private readonly CodeWriter _w = w;
    private readonly string? _skipGuard = skipGuard;
    private readonly CancellationToken _cancellationToken = cancellationToken;
    private ScalarExpressionWriter? _scalarWriter;

    // Spells per-step and per-tensor values with this class's names (ScalarName), so it is made on first use.
    private ScalarExpressionWriter Scalars => _scalarWriter ??= new ScalarExpressionWriter(ScalarName);

    public Plan Plan { get; } = plan;

    /// <summary>Appended to the names of this class's values and kernels ("" when there is one class).</summary>
    public string Tag { get; } = tag;

    /// <summary>Where this class's axis arrays start among the layout's.</summary>
    public int AxisOffset { get; } = axisOffset;

    /// <summary>The kernel of each pass with a loop, by pass index.</summary>
    public Dictionary<int, PassModel> Models { get; } = plan.Passes.Where(p => p.HasLoop).ToDictionary(p => p.Index, p =>
    {
        string index = p.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return PassModel.Build(plan, p, Model.GeneratedMembers.PassKernelPrefix + index + suffix + tag, "pass" + index + tag, buffers, axisOffset);
    });

    /// <summary>True when the class's code needs the tensor's matrix view.</summary>
    public bool UsesView => Models.Values.Any(m => m.UsesAxes) || Plan.Passes.Any(p => p.MatrixOps.Count > 0) || Plan.AxisSlots.Count > 0
        // A per-tensor value from per-row, per-column or per-matrix ones (sum(rs)) is reduced over the view too.
        || Plan.Scalars.Any(s => s.Result.Level == Level.Axis || Planner.Uses(s.Expr).Any(v => v.Level == Level.Axis || IsShapeBuiltin(v)))
        // A shape built-in read in a loop, by a statement or a reduction's argument (mean(g + cols)).
        || Plan.Passes.Any(p => p.Reads().Any(IsShapeBuiltin));

    private static bool IsShapeBuiltin(Value v) => v.Kind == ValueKind.Builtin && Builtins.ShapeNames.Contains(v.Name);

    /// <summary>The C# spelling, in Run, of a per-step or per-tensor value.</summary>
    public string ScalarName(Value v) => v.Kind switch
    {
        ValueKind.Hyperparameter when v.Type == ValueType.Bool => $"this.{v.Name}",
        ValueKind.Hyperparameter => $"(double)this.{v.Name}",
        ValueKind.Builtin when v.Name == Builtins.Length => "(double)n",
        ValueKind.Builtin when ScalarExpressionWriter.ShapeFromView(v.Name, "view") is { } shape => shape,
        ValueKind.Builtin when v.Name == Builtins.Loss => OptionalMembers.LossField,
        ValueKind.Builtin => v.Name + "_",
        ValueKind.ScalarState => ScalarStateLocal(v.Name),
        ValueKind.SharedState => $"this.__state.SharedScalars[{v.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)}]",
        _ => v.Name + "_" + v.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) + Tag,
    };

    // A scalar state as it was before the step. Not "{name}_0": that is how hoisted and reduction values
    // (h0, r0, ... at version 0) are spelled, so a state named "h0" would collide with them.
    public static string ScalarStateLocal(string name) => name + "_in";

    private List<PassPlan> PassesOf(int phase) => Plan.Passes.Where(p => p.Phase == phase).ToList();

    private IEnumerable<ScalarDef> DefsOf(int phase)
    {
        var passes = new HashSet<int>(PassesOf(phase).Select(p => p.Index));
        return Plan.Scalars.Where(s => passes.Contains(s.Pass));
    }

    public List<ReduceDef> Globals(int phase) => PassesOf(phase).SelectMany(p => p.Reductions).Where(r => r.IsGlobal).ToList();

    public bool NeedsTensorLoop(int phase, bool last) =>
        PassesOf(phase).Any(p => p.HasLoop || p.MatrixOps.Count > 0) || DefsOf(phase).Any(s => s.Result.Level >= Level.Tensor)
        || (last && Plan.FinalScalarStates.Count > 0);

    /// <summary>
    /// Whether a phase run together has per-tensor work besides its pass: per-tensor scalars or states, values kept for a
    /// later phase, or per-tensor numbers of the kernel, which a loop before the driver call computes.
    /// </summary>
    public bool NeedsLoopBeforeTensors(int phase, bool last) =>
        Models[PassesOf(phase)[0].Index].TensorNumbers.Any() || DefsOf(phase).Any(s => s.Result.Level >= Level.Tensor)
        || Plan.TempSlots.Keys.Any(v => Plan.PhaseOf(v) == phase) || (last && Plan.FinalScalarStates.Count > 0);

    /// <summary>The phase's one pass over all tensors (<see cref="TensorsTogether"/>), its global reductions taken.</summary>
    public void WriteTensorsCall(int phase)
    {
        PassModel model = Models[PassesOf(phase)[0].Index];
        string results = "red" + model.Pass.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (model.Terms.Count == 0)
        {
            _w.Line($"{Runtime}::Kernels.RunTensors(ref {model.Variable}, tensors);");
            return;
        }
        _w.Line($"{Runtime}::Kernels.RunTensors(ref {model.Variable}, tensors, out {Runtime}::Reductions {results});");
        WriteGlobalTerms(model, results);
    }

    /// <summary>The locals <see cref="WriteStepScalars"/> declares for <paramref name="phase"/>: their C# type and name.</summary>
    public IEnumerable<(string Type, string Name)> StepLocals(int phase) =>
        DefsOf(phase).Where(s => s.Result.Level < Level.Tensor)
            .Select(s => (s.Expr is not BReduce && s.Result.Type == ValueType.Bool ? "bool" : "double", ScalarName(s.Result)));

    public void WriteStepScalars(int phase)
    {
        foreach (ScalarDef s in DefsOf(phase).Where(s => s.Result.Level < Level.Tensor))
            WriteScalarDef(s);
    }

    // The kernel of a pass, created once per phase with the scalars that are the same for every tensor.
    public void WriteKernelCreations(int phase)
    {
        foreach (PassPlan pass in PassesOf(phase).Where(p => p.HasLoop))
        {
            PassModel model = Models[pass.Index];
            var fields = model.Scalars.Where(s => s.Value.Level < Level.Tensor).Select(s => $"{s.Field} = {FieldValue(s)}").ToList();
            _w.Line(fields.Count == 0 ? $"var {model.Variable} = new {model.TypeName}();" : $"var {model.Variable} = new {model.TypeName} {{ {string.Join(", ", fields)} }};");
        }
    }

    /// <summary>
    /// Inside the tensor loop: this class's work for one tensor in one phase. <paramref name="together"/>: the pass runs
    /// over all tensors after the loop, which leaves its kernel's per-tensor numbers in the tensor's temp slots.
    /// <paramref name="parameter"/>: how the tensor's <c>Parameter</c> is spelled there.
    /// </summary>
    public void WriteTensorWork(int phase, bool last, bool together, string parameter)
    {
        foreach (var kv in Plan.TempSlots.Where(kv => Plan.PhaseOf(kv.Key) < phase).OrderBy(kv => kv.Value))
            _w.Line(kv.Key.Type == ValueType.Bool // temp slots are doubles: a per-tensor condition is kept as 1 or 0
                ? $"bool {ScalarName(kv.Key)} = st.Temps[{kv.Value}] != 0d;"
                : $"double {ScalarName(kv.Key)} = st.Temps[{kv.Value}];");
        foreach (PassPlan pass in PassesOf(phase))
        {
            foreach (ScalarDef s in Plan.Scalars.Where(s => s.Pass == pass.Index && s.Result.Level >= Level.Tensor))
            {
                if (s.Result.Level == Level.Axis)
                    WriteAxisDef(s);
                else
                    WriteScalarDef(s);
            }
            if (pass.HasLoop && together)
                WriteTensorNumbers(Models[pass.Index]);
            else if (pass.HasLoop)
                WritePassCall(Models[pass.Index], parameter);
            foreach (MatrixOpDef m in pass.MatrixOps)
                WriteMatrixOp(m, parameter);
        }
        foreach (var kv in Plan.TempSlots.Where(kv => Plan.PhaseOf(kv.Key) == phase).OrderBy(kv => kv.Value))
            _w.Line(kv.Key.Type == ValueType.Bool ? $"st.Temps[{kv.Value}] = {ScalarName(kv.Key)} ? 1d : 0d;" : $"st.Temps[{kv.Value}] = {ScalarName(kv.Key)};");
        if (last)
        {
            foreach (var kv in Plan.FinalScalarStates.OrderBy(kv => kv.Key))
                _w.Line($"st.Scalars[{kv.Key}] = {ScalarName(kv.Value)};");
        }
    }

    // Binds the kernel to this tensor's memory and per-tensor scalars, runs it, and takes its reductions.
    private void WritePassCall(PassModel model, string parameter)
    {
        string kernel = model.Variable;
        foreach (KernelStream s in model.Streams)
            _w.Line($"{kernel}.{s.Field} = ref {s.Source(parameter, "st")};");
        foreach (KernelScalar s in model.TensorNumbers)
            _w.Line($"{kernel}.{s.Field} = {FieldValue(s)};");
        if (model.Draws)
            _w.Line($"{kernel}.{RandomDraws.KeyField} = {RandomDraws.KeyExpression};");
        string results = "red" + model.Pass.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (model.UsesAxes)
        {
            var outputs = model.Terms.Select(r => r.Reduces == Axes.All ? "default" : $"st.AxisScratch({AxisOffset + Plan.AxisSlots[r.Result]})");
            _w.Line($"{Runtime}::Kernels.RunAxes(ref {kernel}, view, out {Runtime}::Reductions {results}{string.Concat(outputs.Select(o => ", " + o))});");
            foreach (ReduceDef r in model.Terms.Where(r => r.Reduces != Axes.All))
                WriteAxisResultFinish(r);
        }
        else if (model.Terms.Count == 0)
        {
            _w.Line($"{Runtime}::Kernels.Run(ref {kernel}, n);");
            return;
        }
        else
        {
            _w.Line($"{Runtime}::Kernels.Run(ref {kernel}, n, out {Runtime}::Reductions {results});");
        }
        WriteGlobalTerms(model, results);
        for (int j = 0; j < model.Terms.Count; j++)
        {
            ReduceDef r = model.Terms[j];
            if (r.Reduces != Axes.All || r.IsGlobal)
                continue;
            string acc = $"{results}.R{j}";
            string value = r.Kind switch
            {
                ReductionKind.Mean => $"{acc} / n",
                ReductionKind.Norm => $"System::Math.Sqrt({acc})",
                _ => acc,
            };
            _w.Line($"double {ScalarName(r.Result)} = {value};");
        }
    }

    // The kernel's per-tensor numbers, for its Bind (KernelWriter.WriteBind): conditions as 1 or 0, numbers in double
    // (Bind rounds them to float, as a field set here would be).
    private void WriteTensorNumbers(PassModel model)
    {
        int slot = TensorsTogether.FirstSlot(Plan);
        foreach (KernelScalar s in model.TensorNumbers)
        {
            string value = s.IsBool ? $"{ScalarName(s.Value)} ? 1d : 0d" : ScalarName(s.Value);
            _w.Line($"st.Temps[{(slot++).ToString(System.Globalization.CultureInfo.InvariantCulture)}] = {value}; // {model.Variable}.{s.Field}");
        }
    }

    // A pass's global reductions added into the step's accumulators (gacc..., which start at 0): sums added, maxima taken.
    private void WriteGlobalTerms(PassModel model, string results)
    {
        for (int j = 0; j < model.Terms.Count; j++)
        {
            ReduceDef r = model.Terms[j];
            if (r.Reduces != Axes.All || !r.IsGlobal)
                continue;
            string acc = $"{results}.R{j}";
            _w.Line(r.Kind == ReductionKind.MaxAbs
                ? $"gacc{r.Result.Name} = System::Math.Max(gacc{r.Result.Name}, {acc});"
                : $"gacc{r.Result.Name} += {acc};");
        }
    }

    // A kernel field's value: per-step conditions as they are, numbers rounded once to float.
    private string FieldValue(KernelScalar s) => s.Value switch
    {
        { Type: ValueType.Bool } v => ScalarName(v),
        { Kind: ValueKind.Hyperparameter } v => $"(float)this.{v.Name}",
        var v => $"(float){ScalarName(v)}",
    };

    private void WriteScalarDef(ScalarDef s)
    {
        if (s.Expr is BReduce reduction)
        {
            // A per-tensor reduction of per-row, per-column or per-matrix values, from their memory: over the axes it
            // reduces only (mat_sum of a row-index value is one matrix's sum, whatever the stack).
            _w.Line($"double {ScalarName(s.Result)} = {Runtime}::AxisMath.Total({AxisKind(reduction.Kind)}, {SpanOf(reduction.Args[0])}, {(int)Levels.AxesOf(reduction.Args[0])}, {(int)reduction.Reduces}, view);");
            return;
        }
        string type = s.Result.Type == ValueType.Bool ? "bool" : "double";
        _w.Line($"{type} {ScalarName(s.Result)} = {Scalars.Write(s.Expr)};");
        if (Planner.Uses(s.Expr).Count == 0)
            _w.Line($"_ = {ScalarName(s.Result)}; // a constant local that may never be read (CS0219)");
        // Only the guard [SkipNonFinite] defines (its first statement), not a user's local that happens to share the name.
        if (_skipGuard is not null && s.Result.Name == _skipGuard && s.Result.Version == 1 && s.Result.Type == ValueType.Bool)
            _w.Line($"if ({ScalarName(s.Result)}) return false; // nothing has been written yet");
    }
}

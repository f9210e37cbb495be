using System.Collections.Generic;
using System.Linq;
using System.Threading;
using OptGen.Generator.Binding;
using OptGen.Generator.Planning;

namespace OptGen.Generator.Emitting;

/// <summary>
/// Writes one <c>Run</c> method (a variant's step, or the micro-batch step of gradient accumulation) and its kernels.
/// Per phase: the per-step scalars in double, one kernel per pass holding them, then per tensor the per-tensor
/// scalars, the kernel's streams bound to the tensor's memory, and the driver called for each pass.
/// </summary>
internal sealed class RunWriter
{
    private const string Runtime = KernelWriter.Runtime;

    private readonly CodeWriter _w;
    private readonly Plan _plan;
    private readonly string _suffix;
    private readonly IReadOnlyList<string> _scalarStateNames;
    private readonly Dictionary<int, PassModel> _models = new();
    private readonly ScalarExpressionWriter _scalars;
    private readonly string? _skipGuard;
    private readonly CancellationToken _cancellationToken;

    public RunWriter(CodeWriter w, Plan plan, string suffix, IReadOnlyList<string> bufferNames, IReadOnlyList<bool> bf16Buffers,
        IReadOnlyList<string> scalarStateNames, bool skipsNonFinite, CancellationToken cancellationToken)
    {
        _w = w;
        _plan = plan;
        _suffix = suffix;
        _scalarStateNames = scalarStateNames;
        _cancellationToken = cancellationToken;
        _scalars = new ScalarExpressionWriter(ScalarName);
        _skipGuard = skipsNonFinite ? Compiling.TransformExpander.SkipGuard : null;
        foreach (PassPlan pass in plan.Passes.Where(p => p.HasLoop))
            _models[pass.Index] = PassModel.Build(plan, pass, "Pass" + pass.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) + suffix, bufferNames, bf16Buffers);
    }

    public void Write(string? variantComment)
    {
        if (variantComment is not null)
            _w.Line("// Variant: " + variantComment);
        _w.Line($"private bool Run{_suffix}(global::System.ReadOnlySpan<global::OptGen.Parameter> parameters, global::OptGen.TensorState[] tensors, double t_, double lr_)");
        _w.Begin();
        for (int phase = 0; phase < _plan.PhaseCount; phase++)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            WritePhase(phase);
        }
        _w.Line("return true;");
        _w.Close();
        foreach (PassModel model in _models.Values)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            _w.Line();
            KernelWriter.Write(_w, model, _cancellationToken);
        }
    }

    private void WritePhase(int phase)
    {
        var passes = _plan.Passes.Where(p => p.Phase == phase).ToList();
        var passIndexes = new HashSet<int>(passes.Select(p => p.Index));
        var defs = _plan.Scalars.Where(s => passIndexes.Contains(s.Pass)).ToList();
        _w.Line($"// phase {phase}");
        foreach (ScalarDef s in defs.Where(s => s.Result.Level != Level.Tensor))
            WriteScalarDef(s);
        var globals = passes.SelectMany(p => p.Reductions).Where(r => r.IsGlobal).ToList();
        foreach (ReduceDef r in globals)
            _w.Line($"double gacc{r.Result.Name} = 0;");
        foreach (PassPlan pass in passes.Where(p => p.HasLoop))
            WriteKernelCreation(_models[pass.Index]);

        bool last = phase == _plan.PhaseCount - 1;
        if (passes.Any(p => p.HasLoop) || defs.Any(s => s.Result.Level == Level.Tensor) || (last && _plan.FinalScalarStates.Count > 0))
            WriteTensorLoop(phase, passes, defs, last);

        foreach (ReduceDef r in globals)
            _w.Line($"double {ScalarName(r.Result)} = {(r.Kind == ReductionKind.Norm ? $"global::System.Math.Sqrt(gacc{r.Result.Name})" : $"gacc{r.Result.Name}")};");
    }

    // The kernel of a pass, created once per phase with the scalars that are the same for every tensor.
    private void WriteKernelCreation(PassModel model)
    {
        var fields = model.Scalars.Where(s => s.Value.Level != Level.Tensor).Select(s => $"{s.Field} = {FieldValue(s)}").ToList();
        _w.Line(fields.Count == 0 ? $"var {model.Variable} = new {model.TypeName}();" : $"var {model.Variable} = new {model.TypeName} {{ {string.Join(", ", fields)} }};");
    }

    private void WriteTensorLoop(int phase, List<PassPlan> passes, List<ScalarDef> defs, bool lastPhase)
    {
        _w.Open("for (int k = 0; k < parameters.Length; k++)");
        _w.Line("global::OptGen.TensorState st = tensors[k];");
        _w.Line("int n = st.Length;");
        for (int i = 0; i < _scalarStateNames.Count; i++)
            _w.Line($"double {ScalarStateLocal(_scalarStateNames[i])} = st.Scalars[{i}];");
        foreach (var kv in _plan.TempSlots.Where(kv => _plan.PhaseOf(kv.Key) < phase).OrderBy(kv => kv.Value))
            _w.Line(kv.Key.Type == ValueType.Bool // temp slots are doubles: a per-tensor condition is kept as 1 or 0
                ? $"bool {ScalarName(kv.Key)} = st.Temps[{kv.Value}] != 0d;"
                : $"double {ScalarName(kv.Key)} = st.Temps[{kv.Value}];");

        foreach (PassPlan pass in passes)
        {
            foreach (ScalarDef s in defs.Where(s => s.Pass == pass.Index && s.Result.Level == Level.Tensor))
                WriteScalarDef(s);
            if (pass.HasLoop)
                WritePassCall(_models[pass.Index]);
        }

        foreach (var kv in _plan.TempSlots.Where(kv => _plan.PhaseOf(kv.Key) == phase).OrderBy(kv => kv.Value))
            _w.Line(kv.Key.Type == ValueType.Bool ? $"st.Temps[{kv.Value}] = {ScalarName(kv.Key)} ? 1d : 0d;" : $"st.Temps[{kv.Value}] = {ScalarName(kv.Key)};");
        if (lastPhase)
        {
            foreach (var kv in _plan.FinalScalarStates.OrderBy(kv => kv.Key))
                _w.Line($"st.Scalars[{kv.Key}] = {ScalarName(kv.Value)};");
        }
        _w.Close();
    }

    // Binds the kernel to this tensor's memory and per-tensor scalars, runs it, and takes its reductions.
    private void WritePassCall(PassModel model)
    {
        string kernel = model.Variable;
        foreach (KernelStream s in model.Streams)
            _w.Line($"{kernel}.{s.Field} = ref {StreamSource(s)};");
        foreach (KernelScalar s in model.Scalars.Where(s => s.Value.Level == Level.Tensor))
            _w.Line($"{kernel}.{s.Field} = {FieldValue(s)};");
        if (model.Terms.Count == 0)
        {
            _w.Line($"{Runtime}::Kernels.Run(ref {kernel}, n);");
            return;
        }
        string results = "red" + model.Pass.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _w.Line($"{Runtime}::Kernels.Run(ref {kernel}, n, out {Runtime}::Reductions {results});");
        for (int j = 0; j < model.Terms.Count; j++)
        {
            ReduceDef r = model.Terms[j];
            string acc = $"{results}.R{j}";
            if (r.IsGlobal)
            {
                _w.Line(r.Kind == ReductionKind.MaxAbs
                    ? $"gacc{r.Result.Name} = global::System.Math.Max(gacc{r.Result.Name}, {acc});"
                    : $"gacc{r.Result.Name} += {acc};");
                continue;
            }
            string value = r.Kind switch
            {
                ReductionKind.Mean => $"{acc} / n",
                ReductionKind.Norm => $"global::System.Math.Sqrt({acc})",
                _ => acc,
            };
            _w.Line($"double {ScalarName(r.Result)} = {value};");
        }
    }

    private static string StreamSource(KernelStream s) => s.Kind switch
    {
        StreamKind.Weight => "parameters[k].ValueReference",
        StreamKind.Gradient => "parameters[k].GradReference",
        StreamKind.Buffer when s.BFloat16 => $"st.Bf16Reference({s.Index})",
        StreamKind.Buffer => $"st.BufferReference({s.Index})",
        _ => $"st.ScratchReference({s.Index})",
    };

    // A kernel field's value: per-step conditions as they are, numbers rounded once to float.
    private string FieldValue(KernelScalar s) => s.Value switch
    {
        { Type: ValueType.Bool } v => ScalarName(v),
        { Kind: ValueKind.Hyperparameter } v => $"(float)this.{v.Name}",
        var v => $"(float){ScalarName(v)}",
    };

    private void WriteScalarDef(ScalarDef s)
    {
        string type = s.Result.Type == ValueType.Bool ? "bool" : "double";
        _w.Line($"{type} {ScalarName(s.Result)} = {_scalars.Write(s.Expr)};");
        if (Planner.Uses(s.Expr).Count == 0)
            _w.Line($"_ = {ScalarName(s.Result)}; // a constant local that may never be read (CS0219)");
        // Only the guard [SkipNonFinite] defines (its first statement), not a user's local that happens to share the name.
        if (_skipGuard is not null && s.Result.Name == _skipGuard && s.Result.Version == 1 && s.Result.Type == ValueType.Bool)
            _w.Line($"if ({ScalarName(s.Result)}) return false; // nothing has been written yet");
    }

    /// <summary>The C# spelling, in Run, of a per-step or per-tensor value.</summary>
    private static string ScalarName(Value v) => v.Kind switch
    {
        ValueKind.Hyperparameter when v.Type == ValueType.Bool => $"this.{v.Name}",
        ValueKind.Hyperparameter => $"(double)this.{v.Name}",
        ValueKind.Builtin when v.Name == "n" => "(double)n",
        ValueKind.Builtin => v.Name + "_",
        ValueKind.ScalarState => ScalarStateLocal(v.Name),
        _ => v.Name + "_" + v.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    // A scalar state as it was before the step. Not "{name}_0": that is how hoisted and reduction values
    // (h0, r0, ... at version 0) are spelled, so a state named "h0" would collide with them.
    private static string ScalarStateLocal(string name) => name + "_in";
}

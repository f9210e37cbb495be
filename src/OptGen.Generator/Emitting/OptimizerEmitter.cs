using OptGen.Generator.Binding;
using OptGen.Generator.Model;
using OptGen.Generator.Planning;
using OptGen.Generator.Transforms;

namespace OptGen.Generator.Emitting;

/// <summary>
/// Writes the C# for one optimizer: hyperparameter properties, the <c>IOptimizer</c> members and <c>Step</c>, and per
/// variant a <c>Run</c> method with its pass kernels (<see cref="RunWriter"/>, <see cref="KernelWriter"/>).
/// </summary>
internal sealed class OptimizerEmitter
{
    private readonly ClassSpec _spec;
    private readonly IReadOnlyList<Plan[]> _plans; // per variant (bit i of the index is the i-th bool hyperparameter), per shape class
    private readonly IReadOnlyList<BExpr> _shapeConditions; // bit j of a shape class is condition j
    private readonly Plan? _accumulatePlan;      // the micro-batch step of [AccumulateGradients]
    private readonly List<int[]> _axisOffsets = new(); // per variant, per class: where its axis arrays start
    private readonly List<LayoutWriter.AxisArray> _axisArrays = new(); // every axis array of the layout: its axes, and the shape class whose plan uses it
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<int, int> _flagOf = new(); // hyperparameter index -> flag index
    private readonly StateSpec[] _buffers;
    private readonly string[] _scalarStateNames;
    private readonly CodeWriter _w = new();
    private readonly bool _readsLoss;
    private readonly bool _draws;

    private OptimizerEmitter(ClassSpec spec, IReadOnlyList<Plan[]> plans, IReadOnlyList<BExpr> shapeConditions, Plan? accumulatePlan, CancellationToken cancellationToken)
    {
        _spec = spec;
        _plans = plans;
        _shapeConditions = shapeConditions;
        _accumulatePlan = accumulatePlan;
        _cancellationToken = cancellationToken;
        // Every plan's per-row/column/matrix values get arrays of their own in the layout (they are few and small).
        foreach (Plan[] classes in plans)
        {
            var offsets = new int[classes.Length];
            for (int c = 0; c < classes.Length; c++)
            {
                offsets[c] = _axisArrays.Count;
                int shapeClass = c;
                _axisArrays.AddRange(classes[c].AxisSlots.OrderBy(kv => kv.Value).Select(kv => new LayoutWriter.AxisArray((int)kv.Key.Axes, shapeClass)));
            }
            _axisOffsets.Add(offsets);
        }
        for (int i = 0; i < spec.Hyperparameters.Count; i++)
        {
            if (spec.Hyperparameters[i].Type == HyperparameterType.Bool)
                _flagOf[i] = _flagOf.Count;
        }
        _buffers = spec.Buffers.ToArray();
        _scalarStateNames = spec.PerTensorScalars.Select(s => s.Name).ToArray();
        _readsLoss = OptionalMembers.ReadsLoss(plans);
        _draws = RandomDraws.In(plans);
    }

    public static string Emit(ClassSpec spec, IReadOnlyList<Plan[]> plans, IReadOnlyList<BExpr> shapeConditions, Plan? accumulatePlan, CancellationToken cancellationToken)
    {
        var emitter = new OptimizerEmitter(spec, plans, shapeConditions, accumulatePlan, cancellationToken);
        emitter.WriteFile();
        return emitter._w.ToString();
    }

    private void WriteFile()
    {
        _w.StartFile(_spec.Namespace, ["#nullable enable", ScheduleEmitter.NoSelfComparisonWarning, "", .. GeneratedAliases.Usings, GeneratedAliases.InlineUsing]);
        WriteClassDoc(_w, _spec, "Update");
        _w.Open($"partial class {Literals.Identifier(_spec.Name)} : OptGen::IOptimizer, OptGen::IHyperparameters, OptGen::Schedules.IScheduledHyperparameters{(_readsLoss ? ", " + OptionalMembers.LossInterface : "")}");
        foreach (HyperparameterSpec h in _spec.Hyperparameters)
            HyperparameterEmitter.Write(_w, h);
        HyperparameterEmitter.WriteCatalog(_w, _spec);
        WriteOptimizerMembers();
        WriteStep();
        if (_accumulatePlan is not null)
        {
            _w.Line("// The micro-batch step: only adds the gradient to the accumulator.");
            WriteRun([_accumulatePlan], [0], GeneratedMembers.AccumulateSuffix, null);
        }
        for (int variant = 0; variant < _plans.Count; variant++)
        {
            if (variant > 0 || _accumulatePlan is not null)
                _w.Line();
            WriteRun(_plans[variant], _axisOffsets[variant], _plans.Count == 1 ? "" : "_" + VariantName(variant), _plans.Count > 1 ? VariantComment(variant) : null);
        }
        _w.Close();
    }

    private void WriteRun(Plan[] classes, int[] axisOffsets, string suffix, string? comment) =>
        new RunWriter(_w, _spec.Name, classes, axisOffsets, suffix, _buffers, _scalarStateNames, HasTransform(TransformKind.SkipNonFinite), _cancellationToken)
            .Write(comment);

    private bool HasTransform(TransformKind kind) => OptionalMembers.Has(_spec, kind);

    public static void WriteClassDoc(CodeWriter w, ClassSpec spec, string what)
    {
        w.Line("/// <remarks>");
        w.Line($"/// {what} generated by OptGen from:");
        w.Line("/// <code>");
        foreach (FormulaText f in spec.Formulas)
        {
            // Every character C# takes as a line break ends the comment line, so split on all of them.
            foreach (string line in f.Text.Split('\n', '\r', '\u0085', '\u2028', '\u2029'))
            {
                if (line.Trim().Length > 0)
                    w.Line("/// " + Literals.Xml(line.TrimEnd()));
            }
        }
        w.Line("/// </code>");
        w.Line("/// </remarks>");
    }

    private void WriteOptimizerMembers()
    {
        LayoutWriter.Write(_w, _spec, _plans, _accumulatePlan, _shapeConditions, _axisArrays);
        _w.Line($"private float __learningRate = {Literals.Float(_spec.LearningRate)};");
        _w.Line();
        _w.Line("/// <inheritdoc />");
        _w.Open("public float LearningRate");
        _w.Line("get => __learningRate;");
        _w.Open("set");
        _w.Line("if (!(value >= 0f) || float.IsInfinity(value))");
        _w.Line("    throw new System::ArgumentOutOfRangeException(nameof(LearningRate), value, \"LearningRate must be a finite number >= 0.\");");
        _w.Line("__learningRate = value;");
        _w.Close();
        _w.Close();
        _w.Line();
        _w.Line("/// <inheritdoc />");
        _w.Line("public OptGen::ILearningRateSchedule? Schedule { get; set; }");
        _w.Line();
        WriteHyperparameterSchedules(_w, _spec.Name);
        _w.Line("/// <inheritdoc />");
        _w.Line("public long StepCount => __state.StepCount;");
        _w.Line();
        _w.Line("/// <inheritdoc />");
        _w.Line("public OptGen::OptimizerState State => __state;");
        _w.Line();
        _w.Line("/// <inheritdoc />");
        _w.Line("public void Reset() => __state.Reset();");
        _w.Line();
        OptionalMembers.Write(_w, _spec, _readsLoss, _draws);
    }

    /// <summary>The <c>HyperparameterSchedules</c> member (<c>IScheduledHyperparameters</c>), created on first use.</summary>
    public static void WriteHyperparameterSchedules(CodeWriter w, string className)
    {
        w.Line("private OptGen::Schedules.HyperparameterSchedules? __hyperparameterSchedules;");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"public OptGen::Schedules.HyperparameterSchedules HyperparameterSchedules => __hyperparameterSchedules ??= new(this, {Literals.String(className)});");
        w.Line();
    }

    private void WriteStep()
    {
        _w.Line("/// <inheritdoc />");
        _w.Open("public void Step(params System::ReadOnlySpan<OptGen::Parameter> parameters)");
        if (_readsLoss)
            OptionalMembers.WriteLossCheck(_w, _spec.Name);
        _w.Line("OptGen::TensorState[] tensors = __state.BeginStep(parameters);");
        // With accumulation or skipping, a step can run to its end without being an update ('ran' but not 'completed').
        bool transformsEndEarly = _accumulatePlan is not null || HasTransform(TransformKind.SkipNonFinite);
        _w.Line(transformsEndEarly ? "bool completed = false, ran = false;" : "bool completed = false;");
        _w.Open("try");
        _w.Line("long step = __state.StepCount + 1;");
        _w.Line($"double lr = Schedule is {{ }} schedule ? {GeneratedAliases.Runtime}::ScalarMath.CheckedRate(schedule.GetLearningRate(step - 1, __learningRate), {Literals.String(_spec.Name)}, step) : __learningRate;");
        _w.Line("__hyperparameterSchedules?.Apply(step - 1); // scheduled hyperparameters take this step's values before any formula reads them");
        if (_accumulatePlan is not null)
        {
            // Gradient accumulation: all but the last micro-batch only accumulate, and are not counted as steps.
            _w.Open($"if (__state.MicroStep + 1 < {TransformCatalog.AccumulationSteps})");
            _w.Line(HasTransform(TransformKind.SkipNonFinite) ? $"if ({GeneratedMembers.RunAccumulate}(parameters, tensors, step, lr)) __state.MicroStep++; else {TransformCatalog.SkippedSteps}++;" : $"{GeneratedMembers.RunAccumulate}(parameters, tensors, step, lr);");
            if (!HasTransform(TransformKind.SkipNonFinite))
                _w.Line("__state.MicroStep++;");
            _w.Line("ran = true;");
            _w.Line("return;");
            _w.Close();
        }
        if (_flagOf.Count == 0)
        {
            _w.Line($"completed = {GeneratedMembers.Run}(parameters, tensors, step, lr);");
        }
        else
        {
            // One specialised Run per combination of the bool hyperparameters, chosen once per step.
            var flags = _flagOf.OrderBy(kv => kv.Value).Select(kv => _spec.Hyperparameters[kv.Key].Name).ToArray();
            _w.Line("int variant = " + string.Join(" | ", flags.Select((f, i) => $"({f} ? {1 << i} : 0)")) + ";");
            _w.Open("switch (variant)");
            for (int v = 0; v < _plans.Count; v++)
            {
                string label = v == _plans.Count - 1 ? "default" : "case " + v;
                _w.Line($"{label}: completed = {GeneratedMembers.VariantRunPrefix}{VariantName(v)}(parameters, tensors, step, lr); break;");
            }
            _w.Close();
        }
        if (HasTransform(TransformKind.SkipNonFinite))
            _w.Line($"if (!completed) {TransformCatalog.SkippedSteps}++;");
        if (_accumulatePlan is not null)
            _w.Line("if (completed) __state.MicroStep = 0;");
        if (transformsEndEarly)
            _w.Line("ran = true;");
        _w.Close();
        _w.Open("finally");
        if (_readsLoss)
            OptionalMembers.WriteLossConsume(_w);
        _w.Line(transformsEndEarly ? "__state.EndStep(completed, ran);" : "__state.EndStep(completed);");
        _w.Close();
        _w.Close();
        _w.Line();
    }

    /// <summary>The variant's name: each bool hyperparameter as written, or prefixed "Not".</summary>
    private string VariantName(int variant) => string.Concat(_flagOf.OrderBy(kv => kv.Value)
        .Select(kv => ((variant >> kv.Value) & 1) != 0 ? _spec.Hyperparameters[kv.Key].Name : "Not" + _spec.Hyperparameters[kv.Key].Name));

    private string VariantComment(int variant) => string.Join(", ", _flagOf.OrderBy(kv => kv.Value)
        .Select(kv => _spec.Hyperparameters[kv.Key].Name + " = " + (((variant >> kv.Value) & 1) != 0 ? "true" : "false")));
}

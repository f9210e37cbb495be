using OptGen.Generator.Binding;
using OptGen.Generator.Model;
using OptGen.Generator.Planning;

namespace OptGen.Generator.Emitting;

/// <summary>
/// Writes one <c>Run</c> method (a variant's step, or the micro-batch step of gradient accumulation) and its kernels.
/// Per phase: the per-step scalars in double, one kernel per pass holding them, then per tensor the per-tensor
/// scalars, the kernel's streams bound to the tensor's memory, and the driver called for each pass; or, where a phase's
/// loop is one element pass (<see cref="TensorsTogether"/>), one driver call that runs it over all tensors, after a loop
/// for whatever else the phase does per tensor; or, where a phase's tensors do not depend on each other
/// (<see cref="TensorPrograms"/>), one driver call that runs a program per tensor: the loop's body in a method of its
/// own, with the per-step values it reads copied into a struct. With branches on the tensor's shape, each shape class
/// has its own plan: every tensor runs its class's code in each phase.
/// </summary>
internal sealed class RunWriter
{
    private const string Runtime = GeneratedAliases.Runtime;

    private readonly CodeWriter _w;
    private readonly ClassCode[] _classes;
    private readonly string _suffix;
    private readonly IReadOnlyList<string> _scalarStateNames;
    private readonly string? _skipGuard;
    private readonly CancellationToken _cancellationToken;
    private readonly string _className;

    // The locals Run has declared so far that a later phase's per-tensor code may read (its parameters, per-step values,
    // global results), and the phases run as programs per tensor: the locals and kernels each holds, and its code.
    private readonly List<(string Type, string Name)> _locals = [("double", "t_"), ("double", "lr_")];
    private readonly List<(int Phase, List<(string Type, string Name)> Fields, string Code)> _programs = new();

    /// <param name="className">The optimizer's class (a program per tensor calls back into it).</param>
    /// <param name="classes">One plan per shape class (a single one when the update has no shape branch).</param>
    /// <param name="axisOffsets">Where each class's axis arrays start among the layout's <c>AxisScratch</c>.</param>
    public RunWriter(CodeWriter w, string className, IReadOnlyList<Plan> classes, IReadOnlyList<int> axisOffsets, string suffix, IReadOnlyList<StateSpec> buffers,
        IReadOnlyList<string> scalarStateNames, bool skipsNonFinite, CancellationToken cancellationToken)
    {
        _w = w;
        _className = className;
        _suffix = suffix;
        _scalarStateNames = scalarStateNames;
        _cancellationToken = cancellationToken;
        _skipGuard = skipsNonFinite ? Transforms.TransformCatalog.SkipGuard : null;
        _classes = new ClassCode[classes.Count];
        for (int c = 0; c < classes.Count; c++)
        {
            string tag = classes.Count == 1 ? "" : "_S" + c.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _classes[c] = new ClassCode(w, classes[c], tag, suffix, axisOffsets[c], buffers, skipsNonFinite ? _skipGuard : null, cancellationToken);
        }
    }

    public void Write(string? variantComment)
    {
        if (variantComment is not null)
            _w.Line("// Variant: " + variantComment);
        _w.Line($"private bool {GeneratedMembers.Run}{_suffix}(System::ReadOnlySpan<OptGen::Parameter> parameters, OptGen::TensorState[] tensors, double t_, double lr_)");
        _w.Begin();
        int phases = _classes[0].Plan.PhaseCount;
        for (int phase = 0; phase < phases; phase++)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            WritePhase(phase, phase == phases - 1);
        }
        // Shared states change once, after every tensor has read their old values (a global value: any class's will do).
        foreach (var kv in _classes[0].Plan.FinalSharedStates.OrderBy(kv => kv.Key))
            _w.Line($"__state.SharedScalars[{kv.Key}] = {_classes[0].ScalarName(kv.Value)};");
        _w.Line("return true;");
        _w.Close();
        foreach (ClassCode code in _classes)
        {
            foreach (PassModel model in code.Models.Values)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                _w.Line();
                KernelWriter.Write(_w, model, RunsTensorsTogether(model.Pass.Phase) ? TensorsTogether.FirstSlot(code.Plan) : null, _cancellationToken);
            }
            code.WriteAxisMethods();
        }
        foreach ((int phase, List<(string Type, string Name)> fields, string code) in _programs)
            WriteProgram(phase, fields, code);
    }

    private void WritePhase(int phase, bool last)
    {
        _w.Line($"// phase {phase}");
        foreach (ClassCode code in _classes)
        {
            code.WriteStepScalars(phase);
            _locals.AddRange(code.StepLocals(phase));
        }
        // Global reductions are the same in every class (they come before any shape branch): one accumulator each.
        List<ReduceDef> globals = _classes[0].Globals(phase);
        foreach (ReduceDef r in globals)
            _w.Line($"double gacc{r.Result.Name} = 0;");
        foreach (ClassCode code in _classes)
            code.WriteKernelCreations(phase);

        if (RunsTensorsTogether(phase))
        {
            if (_classes[0].NeedsLoopBeforeTensors(phase, last))
                WriteTensorLoop(phase, last, together: true);
            _classes[0].WriteTensorsCall(phase);
        }
        else if (TensorPrograms.Applies(_classes.Select(c => c.Plan).ToList(), phase))
        {
            WriteProgramCall(phase, last);
        }
        else if (_classes.Any(c => c.NeedsTensorLoop(phase, last)))
        {
            WriteTensorLoop(phase, last, together: false);
        }

        foreach (ClassCode code in _classes)
        {
            foreach (ReduceDef r in code.Globals(phase))
            {
                _w.Line($"double {code.ScalarName(r.Result)} = {(r.Kind == ReductionKind.Norm ? $"System::Math.Sqrt(gacc{r.Result.Name})" : $"gacc{r.Result.Name}")};");
                _locals.Add(("double", code.ScalarName(r.Result)));
            }
        }
    }

    // The phase's program: a struct holding the locals of Run its per-tensor code reads and the phase's kernels, run over
    // the tensors. The code is written here, where Run's locals are known, and taken back to go into the program's
    // method after Run (a method in the class, as deep as Run's body).
    private void WriteProgramCall(int phase, bool last)
    {
        int mark = _w.Mark();
        WriteTensorCode(phase, last, together: false, parameter: "parameter");
        string code = _w.Cut(mark);
        var fields = _locals.Where(l => ReadsName(code, l.Name)).ToList();
        foreach (ClassCode c in _classes)
            fields.AddRange(c.Models.Values.Where(m => m.Pass.Phase == phase).OrderBy(m => m.Pass.Index).Select(m => (m.TypeName, m.Variable)));
        string variable = "phase" + phase.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _w.Line($"var {variable} = new {TensorPrograms.TypeName(phase, _suffix)} {{ Self = this{string.Concat(fields.Select(f => $", {f.Name} = {f.Name}"))} }};");
        _w.Line(TensorPrograms.KeepsThreadBuffers(_classes, phase)
            ? $"{Runtime}::Kernels.RunTensorPrograms(ref {variable}, tensors, perThreadBuffers: true);"
            : $"{Runtime}::Kernels.RunTensorPrograms(ref {variable}, tensors);");
        _programs.Add((phase, fields, code));
    }

    // Whether generated code reads a local of this name (names are identifiers of letters, digits and '_').
    private static bool ReadsName(string code, string name) =>
        System.Text.RegularExpressions.Regex.IsMatch(code, @"(?<![A-Za-z0-9_])" + System.Text.RegularExpressions.Regex.Escape(name) + "(?![A-Za-z0-9_])");

    // The struct the driver calls for each tensor, and the method it calls back: copies of the locals it reads, then the
    // tensor loop's body as written for it.
    private void WriteProgram(int phase, List<(string Type, string Name)> fields, string code)
    {
        string type = TensorPrograms.TypeName(phase, _suffix), method = TensorPrograms.MethodName(phase, _suffix);
        _w.Line();
        _w.Line($"// Phase {phase.ToString(System.Globalization.CultureInfo.InvariantCulture)} over one tensor, with the values of the step it reads.");
        _w.Open($"private ref struct {type} : {Runtime}::ITensorProgram");
        _w.Line($"public {Literals.Identifier(_className)} Self;");
        foreach ((string fieldType, string name) in fields)
            _w.Line($"public {fieldType} {name};");
        _w.Line($"public void RunTensor(OptGen::Parameter parameter, OptGen::TensorState state, int index) => Self.{method}(ref this, parameter, state, index);");
        _w.Close();
        _w.Line();
        _w.Open($"private void {method}(ref {type} phase, OptGen::Parameter parameter, OptGen::TensorState st, int k)");
        // Values copied; kernels bound where they are, in the struct (each thread running tensors has its own copy).
        foreach ((string fieldType, string name) in fields)
            _w.Line(fieldType is "double" or "bool" ? $"{fieldType} {name} = phase.{name};" : $"ref {fieldType} {name} = ref phase.{name};");
        _w.Raw(code);
        _w.Close();
    }

    private void WriteTensorLoop(int phase, bool last, bool together)
    {
        _w.Open("for (int k = 0; k < parameters.Length; k++)");
        _w.Line("OptGen::TensorState st = tensors[k];");
        WriteTensorCode(phase, last, together, "parameters[k]");
        _w.Close();
    }

    // One tensor's work in a phase, in the tensor loop or a program's method: the tensor is 'st', number 'k'.
    private void WriteTensorCode(int phase, bool last, bool together, string parameter)
    {
        _w.Line("int n = st.Length;");
        if (_classes.Any(c => c.UsesView))
            _w.Line("OptGen::MatrixView view = st.View;");
        if (_classes.Length == 1)
        {
            WriteTensorBody(_classes[0], phase, last, together, parameter);
            return;
        }
        _w.Open("switch (st.ShapeClass)");
        for (int c = 0; c < _classes.Length; c++)
        {
            _w.Line(c == _classes.Length - 1 ? "default:" : $"case {c}:");
            _w.Begin();
            WriteTensorBody(_classes[c], phase, last, together, parameter);
            _w.Line("break;");
            _w.Close();
        }
        _w.Close();
    }

    // With branches on the shape each class has its own kernels, bound in the tensor loop's switch.
    private bool RunsTensorsTogether(int phase) => TensorsTogether.Applies(_classes[0].Plan, phase, singleClass: _classes.Length == 1);

    private void WriteTensorBody(ClassCode code, int phase, bool last, bool together, string parameter)
    {
        for (int i = 0; i < _scalarStateNames.Count; i++)
            _w.Line($"double {ClassCode.ScalarStateLocal(_scalarStateNames[i])} = st.Scalars[{i}];");
        code.WriteTensorWork(phase, last, together, parameter);
    }
}

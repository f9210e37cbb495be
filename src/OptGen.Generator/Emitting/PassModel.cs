using OptGen.Generator.Binding;
using OptGen.Generator.Planning;

namespace OptGen.Generator.Emitting;

/// <summary>Where a kernel stream lives: the parameter's value or gradient, a state buffer, a scratch buffer or an axis array.</summary>
internal enum StreamKind
{
    Weight,
    Gradient,
    Buffer,
    Scratch,
    AxisScratch,
}

/// <summary>
/// One memory stream of a pass kernel: a <c>ref float</c> (or <c>ref ushort</c> for bfloat16) field. <see cref="Axes"/> is
/// what it varies along: all axes for per-element memory, fewer for factored state and per-row/column/matrix arrays.
/// </summary>
internal sealed record KernelStream(string Field, StreamKind Kind, int Index, bool BFloat16, Axes Axes = Axes.All)
{
    /// <summary>The stream's first element, from the tensor's <c>Parameter</c> and <c>TensorState</c> spelled as given.</summary>
    public string Source(string parameter, string state) => Kind switch
    {
        StreamKind.Weight => parameter + ".ValueReference",
        StreamKind.Gradient => parameter + ".GradReference",
        StreamKind.Buffer when BFloat16 => $"{state}.Bf16Reference({Index})",
        StreamKind.Buffer => $"{state}.BufferReference({Index})",
        StreamKind.AxisScratch => $"{state}.AxisScratchReference({Index})",
        _ => $"{state}.ScratchReference({Index})",
    };
}

/// <summary>A per-step or per-tensor scalar the kernel reads, as a field (float, or bool for a per-step condition).</summary>
internal sealed record KernelScalar(Value Value, string Field)
{
    public bool IsBool => Value.Type == Binding.ValueType.Bool;
}

/// <summary>
/// Everything the writers need about one pass, worked out once: the kernel's streams, scalar fields and local names,
/// what it loads and stores, and its reductions in the driver's order (sums, then maxima; any order for an axis pass).
/// </summary>
internal sealed class PassModel(PassPlan pass, string typeName, string variable)
{
    /// <summary>Members of every kernel, and the names its Run method uses; no stream, field or local may take them.</summary>
    private static readonly string[] s_reserved = ["Run", "Bind", "Anchor", "Splat", "Prefetch", "BeginRow", "SumCount", "MaxCount", "HasBFloat16Stream", "NumbersInMemory", "TermCount", "TermKind", "V", "i", "s", "terms", RandomDraws.KeyField];

    private readonly HashSet<string> _used = new(s_reserved);
    private readonly HashSet<Value> _definedHere = new(pass.Ops.Select(o => o.Result));

    public PassPlan Pass { get; } = pass;

    /// <summary>The kernel struct's name (<c>Pass0</c>, <c>Pass1_Nesterov</c>, ...).</summary>
    public string TypeName { get; } = typeName;

    /// <summary>The local that holds the kernel in the Run method.</summary>
    public string Variable { get; } = variable;

    /// <summary>
    /// True when the pass sees the matrix view: it reads per-row, per-column or per-matrix values or reduces along rows,
    /// columns or matrices. Its kernel is an <c>IAxisKernel</c>, run row by row.
    /// </summary>
    public bool UsesAxes { get; private set; }

    public List<KernelStream> Streams { get; } = new();
    public List<KernelScalar> Scalars { get; } = new();

    /// <summary>
    /// The scalar fields that differ from tensor to tensor, in field order (set per tensor; for a pass run over all
    /// tensors together, kept in the tensor's temp slots in this order: <see cref="TensorsTogether"/>).
    /// </summary>
    public IEnumerable<KernelScalar> TensorNumbers => Scalars.Where(s => s.Value.Level == Level.Tensor);

    /// <summary>Values read from memory at the start of the body (elements, and per-row/column/matrix values), with their stream.</summary>
    public List<(Value Value, KernelStream Stream)> Loads { get; } = new();

    /// <summary>Values written to memory at the end of the body.</summary>
    public List<(Value Value, KernelStream Stream)> Stores { get; } = new();

    /// <summary>The pass's reductions in term order: for a flat pass every sum (sum, mean, norm, dot) first, then every max-abs.</summary>
    public List<ReduceDef> Terms { get; } = new();

    public int SumCount { get; private set; }

    /// <summary>True when the pass draws random numbers: its kernel has a key field, set per tensor.</summary>
    public bool Draws { get; private set; }
    public int MaxCount => Terms.Count - SumCount;

    /// <summary>Kernel-local names of element and axis values and field names of scalars.</summary>
    public Dictionary<Value, string> Names { get; } = new();

    /// <summary>The stream the driver aligns: the first per-element one stored (w when written), else one loaded.</summary>
    public KernelStream? Anchor { get; private set; }

    public static PassModel Build(Plan plan, PassPlan pass, string typeName, string variable, IReadOnlyList<Model.StateSpec> buffers, int axisOffset)
    {
        var model = new PassModel(pass, typeName, variable);
        model.Fill(plan, buffers, axisOffset);
        return model;
    }

    private void Fill(Plan plan, IReadOnlyList<Model.StateSpec> buffers, int axisOffset)
    {
        List<Value> uses = Pass.Reads();
        UsesAxes = uses.Any(v => v.Level == Level.Axis) || Pass.Reductions.Any(r => r.Reduces != Axes.All);
        Draws = RandomDraws.In(Pass);

        var streams = new Dictionary<(StreamKind, int), KernelStream>();
        KernelStream StreamOf(StreamKind kind, int index, Axes axes)
        {
            if (!streams.TryGetValue((kind, index), out KernelStream? s))
            {
                string preferred = kind switch
                {
                    StreamKind.Weight => "w",
                    StreamKind.Gradient => "g",
                    StreamKind.Buffer => buffers[index].Name,
                    StreamKind.Scratch => NameOfSlot(plan.ScratchSlots, index),
                    _ => NameOfSlot(plan.AxisSlots, index - axisOffset),
                };
                s = new KernelStream(Take(preferred), kind, index, kind == StreamKind.Buffer && buffers[index].BFloat16, axes);
                streams[(kind, index)] = s;
            }
            return s;
        }

        // Loads, in reading order, one per stream: element values, and per-row/column/matrix values from their memory.
        var loaded = new HashSet<KernelStream>();
        foreach (Value v in uses)
        {
            if (v.Level < Level.Axis || DefinedHere(v) || Names.ContainsKey(v))
                continue;
            (StreamKind kind, int index) = MemoryOf(plan, v, axisOffset);
            KernelStream s = StreamOf(kind, index, v.Axes);
            if (!loaded.Add(s))
                continue;
            Loads.Add((v, s));
            Names[v] = Take(LocalName(v));
        }

        // Stores: the last write of w and of each buffer, in stream order; then every value a later pass reads.
        var lastWrite = new Dictionary<(StreamKind, int), Value>();
        foreach (ElementOp op in Pass.Ops)
        {
            if (op.Result.Target.Kind == TargetKind.Weight)
                lastWrite[(StreamKind.Weight, 0)] = op.Result;
            else if (op.Result.Target.Kind == TargetKind.Buffer)
                lastWrite[(StreamKind.Buffer, op.Result.Target.Index)] = op.Result;
        }
        foreach (var kv in lastWrite.OrderBy(kv => kv.Key.Item1).ThenBy(kv => kv.Key.Item2))
            Stores.Add((kv.Value, StreamOf(kv.Key.Item1, kv.Key.Item2, Axes.All)));
        foreach (ElementOp op in Pass.Ops)
        {
            if (plan.ScratchSlots.TryGetValue(op.Result, out int slot))
                Stores.Add((op.Result, StreamOf(StreamKind.Scratch, slot, Axes.All)));
        }
        Streams.AddRange(streams.Values);
        Anchor = Stores.Select(s => s.Stream).Concat(Loads.Select(l => l.Stream)).FirstOrDefault(s => !s.BFloat16 && s.Axes == Axes.All)
            ?? Streams.FirstOrDefault(s => s.Axes == Axes.All);

        // Scalar fields, in the order first read.
        foreach (Value v in uses)
        {
            if (v.Level < Level.Axis && !Names.ContainsKey(v))
            {
                Names[v] = Take(ScalarName(v));
                Scalars.Add(new KernelScalar(v, Names[v]));
            }
        }
        foreach (ElementOp op in Pass.Ops)
            Names[op.Result] = Take(LocalName(op.Result));

        Terms.AddRange(Pass.Reductions.Where(r => UsesAxes || r.Kind != ReductionKind.MaxAbs));
        SumCount = Terms.Count;
        Terms.AddRange(Pass.Reductions.Where(r => !UsesAxes && r.Kind == ReductionKind.MaxAbs));
    }

    /// <summary>A fresh name for a reduction operand local.</summary>
    public string TermLocal(int term) => Take("red" + term.ToString(System.Globalization.CultureInfo.InvariantCulture));

    // A name no other member or local of the kernel has, as a C# identifier ('@' before a keyword).
    private string Take(string preferred)
    {
        string name = preferred;
        for (int k = 2; !_used.Add(name); k++)
            name = preferred + "_" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Literals.Identifier(name);
    }

    // An element value one of the pass's statements computes (a value an earlier pass computed too when the planner
    // recomputes it here: see Rematerializer).
    private bool DefinedHere(Value v) => v.Level == Level.Element && _definedHere.Contains(v);

    /// <summary>Where a value read by a pass but computed before it lives (axis arrays numbered after <paramref name="axisOffset"/>).</summary>
    public static (StreamKind, int) MemoryOf(Plan plan, Value v, int axisOffset) => v switch
    {
        { Kind: ValueKind.Weight } or { Kind: ValueKind.Defined, Target.Kind: TargetKind.Weight } => (StreamKind.Weight, 0),
        { Kind: ValueKind.Gradient } => (StreamKind.Gradient, 0),
        { Kind: ValueKind.Buffer } => (StreamKind.Buffer, v.Index),
        { Kind: ValueKind.Defined, Target.Kind: TargetKind.Buffer } => (StreamKind.Buffer, v.Target.Index),
        _ when v.Level == Level.Axis => (StreamKind.AxisScratch, axisOffset + plan.AxisSlots[v]),
        _ => (StreamKind.Scratch, plan.ScratchSlots[v]),
    };

    private static string NameOfSlot(Dictionary<Value, int> slots, int slot) => slots.First(kv => kv.Value == slot).Key.Name;

    // An element value's local: its name and version (m0 is m before the step, m1 after its first assignment).
    private static string LocalName(Value v) => Versioned(v.Name, v.Version);

    // A scalar field: hoisted and reduced values (h0, r0) by name, others with their version.
    private static string ScalarName(Value v) => v.Kind is ValueKind.Defined && v.Version > 0 ? Versioned(v.Name, v.Version) : v.Name;

    private static string Versioned(string name, int version)
    {
        string number = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return char.IsDigit(name[name.Length - 1]) ? name + "_" + number : name + number;
    }
}

namespace OptGen.Generator.Model;

/// <summary>The C# types a hyperparameter may have.</summary>
internal enum HyperparameterType
{
    Float,
    Double,
    Int,
    Long,
    Bool,
}

/// <summary>
/// A <c>[Hyperparameter]</c> property as declared: by the class (a partial property), by a transform
/// (<see cref="Synthesized"/>) or by an interface the class implements (<see cref="FromInterface"/>; the class gets the
/// whole property, which implements the interface's implicitly).
/// </summary>
internal sealed record HyperparameterSpec(
    string Name, HyperparameterType Type, string Accessibility, double Default, double Min, double Max, SourceSpanInfo? Location,
    bool Synthesized = false, bool FromInterface = false)
{
    /// <summary>Whether the class declares the property (partial) and OptGen writes the implementing part.</summary>
    public bool IsPartial => !Synthesized && !FromInterface;
}

/// <summary>
/// The values a state holds in the matrix view: <c>OptGen.StateShape</c> (in OptGen.Attributes, which the generator
/// cannot reference), member for member in the same order, so the attribute's number casts to it.
/// </summary>
internal enum StateShapeKind
{
    Element,
    Row,
    Column,
    Matrix,
    RowIndex,
    ColumnIndex,
}

/// <summary>A <c>[State]</c> declaration.</summary>
internal sealed record StateSpec(string Name, double Init, bool Scalar, SourceSpanInfo? Location, bool BFloat16 = false, StateShapeKind Shape = StateShapeKind.Element,
    bool FromWeights = false, bool Shared = false)
{
    /// <summary>One value per tensor, kept between steps (not shared by the step's tensors).</summary>
    public bool PerTensorScalar => Scalar && !Shared;
}

/// <summary>
/// Everything the generator needs from one <c>[Optimizer]</c> or <c>[Schedule]</c> class, as plain data.
/// <see cref="Diagnostics"/> holds what extraction already found wrong with the declaration itself.
/// </summary>
internal sealed record ClassSpec(
    string? Namespace,
    string Name,
    bool IsSchedule,
    double LearningRate,
    EquatableArray<HyperparameterSpec> Hyperparameters,
    EquatableArray<StateSpec> States,
    EquatableArray<FormulaText> Formulas,
    SourceSpanInfo? Location,
    EquatableArray<DiagnosticInfo> Diagnostics,
    EquatableArray<TransformSpec> Transforms = default,
    int View = 0,
    int MinRank = 0,
    int MaxRank = 0)
{
    public string FullName => Namespace is null ? Name : Namespace + "." + Name;

    /// <summary>The state buffers (per element, or factored), in layout order: a buffer value's index is its place here.</summary>
    public IEnumerable<StateSpec> Buffers => States.Where(s => !s.Scalar);

    /// <summary>The per-tensor scalar states, in layout order.</summary>
    public IEnumerable<StateSpec> PerTensorScalars => States.Where(s => s.PerTensorScalar);

    /// <summary>The scalar states shared by all tensors of a step, in layout order.</summary>
    public IEnumerable<StateSpec> SharedStates => States.Where(s => s.Shared);
}

/// <summary>
/// A transform attribute on an optimizer and its constructor argument: the default of the hyperparameter it adds
/// (<see cref="Transforms.TransformCatalog"/> says which).
/// </summary>
internal sealed record TransformSpec(Transforms.TransformKind Kind, double Default);

/// <summary>
/// What the generator produces for one class: a source file, unless the class cannot be implemented at all. The
/// diagnostics are the analyzer's to report (<see cref="Analysis.OptGenAnalyzer"/>), so they are not part of it, but
/// for <see cref="Failure"/>: the generator's own failure on this class (OPTG0090), which only the generator sees.
/// </summary>
internal sealed record GenerationResult(string HintName, string? Source, DiagnosticInfo? Failure = null);

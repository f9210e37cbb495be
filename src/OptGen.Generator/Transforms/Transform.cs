using OptGen.Generator.Model;

namespace OptGen.Generator.Transforms;

/// <summary>
/// The transform attributes, in the order the generator applies them whatever the order of the attributes (the enum's
/// order is that order). Each name is its attribute's class name without "Attribute".
/// </summary>
internal enum TransformKind
{
    SkipNonFinite,
    AccumulateGradients,
    ClipGradientValue,
    ClipGradientNorm,
    L2Penalty,
    DecoupledWeightDecay,
    ClipWeights,
    WeightEma,
}

/// <summary>
/// The hyperparameter property a transform adds to the class: its name, type and valid range. Its default is the
/// attribute's constructor argument, raised to <see cref="LowestDefault"/>.
/// </summary>
internal sealed record TransformSetting(string Name, HyperparameterType Type, double Min, double Max, double LowestDefault = double.NegativeInfinity);

/// <summary>
/// Everything the generator knows about one transform (<see cref="TransformCatalog"/>): the attribute it comes from,
/// the hyperparameter it adds, the formula statements it runs before and after the user's [Update], the state buffer
/// it keeps, and the other members it adds to the class.
/// </summary>
internal sealed class Transform(
    TransformKind kind,
    TransformSetting? setting = null,
    string[]? before = null,
    string[]? after = null,
    string? state = null,
    string[]? members = null,
    string[]? microBatch = null)
{
    public TransformKind Kind { get; } = kind;

    /// <summary>The attribute's simple class name (in namespace <c>OptGen</c>).</summary>
    public string AttributeName { get; } = kind + "Attribute";

    /// <summary>The validated hyperparameter property it adds; null when it has no setting.</summary>
    public TransformSetting? Setting { get; } = setting;

    /// <summary>Statements run before the update, on the gradient (or, for weight decay, on w before the update).</summary>
    public string[] Before { get; } = before ?? [];

    /// <summary>Statements run after the update, on the updated weights.</summary>
    public string[] After { get; } = after ?? [];

    /// <summary>The per-element state buffer it keeps (starting at 0), if any.</summary>
    public string? State { get; } = state;

    /// <summary>Members it adds to the class besides its setting's property.</summary>
    public string[] Members { get; } = members ?? [];

    /// <summary>
    /// Statements of a micro-batch call of <c>Step</c> (one that only accumulates, [AccumulateGradients]); the micro-batch
    /// step exists only with that transform, and runs these of every transform present, in order.
    /// </summary>
    public string[] MicroBatch { get; } = microBatch ?? [];

    /// <summary>Every member of the class this transform writes: its setting's property and <see cref="Members"/>.</summary>
    public string[] GeneratedMembers { get; } = setting is null ? members ?? [] : [setting.Name, .. members ?? []];
}

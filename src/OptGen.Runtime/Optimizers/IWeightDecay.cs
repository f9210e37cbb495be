namespace OptGen.Optimizers;

/// <summary>
/// The weight decay of an optimizer family, declared once (docs/dsl.md, "A family of optimizers"). How the decay
/// applies (an L2 penalty added to the gradient, or a decay of the weights decoupled from it) is each optimizer's, as
/// its summary says; a class with another default declares the property itself.
/// </summary>
internal interface IWeightDecay
{
    /// <summary>Weight decay, λ (<c>weight_decay</c>; default 0, none); the optimizer's summary says where it applies.</summary>
    [Hyperparameter(0, Min = 0)] float WeightDecay { get; set; }
}

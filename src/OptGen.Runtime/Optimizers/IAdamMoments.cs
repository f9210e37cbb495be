namespace OptGen.Optimizers;

/// <summary>
/// The hyperparameters of the two moment estimates of Adam and the optimizers built like it, declared once for the
/// family (docs/dsl.md, "A family of optimizers"): the generator gives each class that implements this interface these
/// properties, with these defaults and ranges, unless the class declares one itself with a default of its own.
/// </summary>
internal interface IAdamMoments
{
    /// <summary>Decay of the first moment, the running average of the gradient (<c>betas[0]</c>, or <c>b1</c>; default 0.9).</summary>
    [Hyperparameter(0.9, Min = 0, Max = 1)] float Beta1 { get; set; }

    /// <summary>Decay of the second moment, the running estimate of the gradient's scale that divides the step (<c>betas[1]</c>, or <c>b2</c>; default 0.999).</summary>
    [Hyperparameter(0.999, Min = 0, Max = 1)] float Beta2 { get; set; }

    /// <summary>Added for stability where the step divides by the second moment (<c>eps</c>; default 1e-8).</summary>
    [Hyperparameter(1e-8, Min = 0)] float Eps { get; set; }
}

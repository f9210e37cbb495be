namespace OptGen.Optimizers;

/// <summary>
/// The two switches of <c>torch.optim.Adam</c> and the optimizers that follow it, AMSGrad and <see cref="IMaximize"/>,
/// declared once (docs/dsl.md, "A family of optimizers"), in that order.
/// </summary>
internal interface IAmsgradMaximize : IMaximize
{
    /// <summary>Use the AMSGrad variant: the step divides by the running maximum of the second moment (<c>amsgrad</c>; default false).</summary>
    [Hyperparameter(false)] bool Amsgrad { get; set; }
}

namespace OptGen;

/// <summary>
/// An optimizer whose update reads the loss (the name <c>loss</c> in its formula, e.g. Polyak's step size
/// <c>(loss - f*) / |g|²</c>). The generator implements it for such optimizers; the caller sets <see cref="Loss"/> to
/// the loss at the current weights before each <c>Step</c>, as <c>Trainer</c> (OptGen.Training) does.
/// </summary>
public interface ILossAware
{
    /// <summary>
    /// The loss of the batch whose gradients the next <c>Step</c> applies. It must be set (to a finite value) before
    /// every step: a step that finds no loss set since the previous step throws <see cref="System.InvalidOperationException"/>
    /// naming the optimizer. A non-finite value is an <see cref="System.ArgumentOutOfRangeException"/>.
    /// </summary>
    double Loss { get; set; }
}

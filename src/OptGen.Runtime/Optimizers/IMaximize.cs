namespace OptGen.Optimizers;

/// <summary>The switch to ascend instead of descend, declared once for the optimizers that have it (docs/dsl.md, "A family of optimizers").</summary>
internal interface IMaximize
{
    /// <summary>Maximise the objective instead of minimising it: the gradient's sign is flipped (<c>maximize</c>; default false).</summary>
    [Hyperparameter(false)] bool Maximize { get; set; }
}

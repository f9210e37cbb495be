namespace OptGen.Samples.Declared;

/// <summary>
/// A random rate α_t = α_min + (α_max − α_min) · U(0, 1), a fresh draw every step, independent of lr0 (as
/// SeedFormulas' UniformRandomRate). The draw is a pure function of <c>Seed</c> and the step: reproducible.
/// </summary>
[Schedule("MinRate + (MaxRate - MinRate) * uniform()")]
public sealed partial class UniformRandomRate
{
    /// <summary>α_min.</summary>
    [Hyperparameter(0.01, Min = 0)] public partial double MinRate { get; set; }

    /// <summary>α_max.</summary>
    [Hyperparameter(0.2, Min = 0)] public partial double MaxRate { get; set; }
}

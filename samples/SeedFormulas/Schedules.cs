// The learning-rate schedules of the documents OptGen started from, declared exactly as written there.
// Strategies that are library standards are used from OptGen.Schedules instead (see Catalogue.cs).
namespace OptGen.SeedFormulas;

/// <summary>
/// 2. η_t = η0 / sqrt(1 + δ^t). Unusual: δ^t grows (or shrinks) exponentially with t, where the common
/// form is 1 + δ·t (strategy 9); kept as written.
/// </summary>
[Schedule("lr0 / sqrt(1 + Delta^t)")]
public partial class ExponentialRootDecay
{
    /// <summary>δ (default 1.01).</summary>
    [Hyperparameter(1.01, Min = 0)] public partial double Delta { get; set; }
}

/// <summary>
/// 3. Random rate η_t = η0 (1 − t/T)^α · β^z with z ~ N(0, 1): a polynomial decay with log-normal noise.
/// Reproducible from <c>Seed</c>.
/// </summary>
[Schedule("lr0 * (1 - t / T)^Alpha * Beta^normal()")]
public partial class NoisyPolynomialDecay
{
    /// <summary>α, the power of the decay (default 1).</summary>
    [Hyperparameter(1.0, Min = 0)] public partial double Alpha { get; set; }

    /// <summary>β, the base of the log-normal factor (default 1.5).</summary>
    [Hyperparameter(1.5, Min = 0)] public partial double Beta { get; set; }
}

/// <summary>5. Phase strategy: a linear warm-up to the large rate η0, then exponential decay.</summary>
[Schedule("t < WarmupSteps ? lr0 * (t + 1) / WarmupSteps : lr0 * Gamma^((t - WarmupSteps) / DecaySteps)")]
public partial class WarmupThenDecay
{
    /// <summary>Steps of warm-up (default 10).</summary>
    [Hyperparameter(10, Min = 1)] public partial long WarmupSteps { get; set; }

    /// <summary>Decay per <c>DecaySteps</c> after the warm-up (default 0.5).</summary>
    [Hyperparameter(0.5, Min = 0)] public partial double Gamma { get; set; }

    /// <summary>Steps per factor of Gamma (default 100).</summary>
    [Hyperparameter(100, Min = 1)] public partial long DecaySteps { get; set; }
}

/// <summary>9. η = η0 / sqrt(1 + α t).</summary>
[Schedule("lr0 / sqrt(1 + Alpha * t)")]
public partial class InverseSqrtDecay
{
    /// <summary>α (default 0.01).</summary>
    [Hyperparameter(0.01, Min = 0)] public partial double Alpha { get; set; }
}

/// <summary>13. Linear decay η = η0 (1 − t/T) over <c>TotalSteps</c>.</summary>
[Schedule("lr0 * (1 - t / T)")]
public partial class LinearToZero
{
}

/// <summary>14. η_t = η / sqrt(1 + α t / T): the inverse square root of training progress.</summary>
[Schedule("lr0 / sqrt(1 + Alpha * t / T)")]
public partial class InverseSqrtProgress
{
    /// <summary>α (default 10).</summary>
    [Hyperparameter(10.0, Min = 0)] public partial double Alpha { get; set; }
}

/// <summary>
/// 20. Random α_t = α_min + (α_max − α_min) · U(0, 1): a fresh uniform rate each step, independent of lr0.
/// Reproducible from <c>Seed</c>.
/// </summary>
[Schedule("MinRate + (MaxRate - MinRate) * uniform()")]
public partial class UniformRandomRate
{
    /// <summary>α_min (default 1e-3).</summary>
    [Hyperparameter(1e-3, Min = 0)] public partial double MinRate { get; set; }

    /// <summary>α_max (default 1e-1).</summary>
    [Hyperparameter(1e-1, Min = 0)] public partial double MaxRate { get; set; }
}

namespace OptGen.Schedules;

/// <summary>
/// <c>lr0 · Gamma^(t / DecaySteps)</c>, or with <c>Staircase</c> <c>Gamma^floor(t / DecaySteps)</c>
/// (PyTorch <c>ExponentialLR</c> with DecaySteps = 1; Optax <c>exponential_decay</c>).
/// </summary>
[Schedule("lr0 * Gamma^(Staircase ? floor(t / DecaySteps) : t / DecaySteps)")]
public sealed partial class ExponentialSchedule
{
    /// <summary>Decay per <c>DecaySteps</c> steps (PyTorch <c>gamma</c>, default 0.9).</summary>
    [Hyperparameter(0.9, Min = 0)] public partial double Gamma { get; set; }

    /// <summary>Steps per factor of Gamma (Optax <c>transition_steps</c>, default 1).</summary>
    [Hyperparameter(1, Min = 1)] public partial long DecaySteps { get; set; }

    /// <summary>Decay in whole steps of <c>DecaySteps</c> (Optax <c>staircase</c>).</summary>
    [Hyperparameter(false)] public partial bool Staircase { get; set; }
}

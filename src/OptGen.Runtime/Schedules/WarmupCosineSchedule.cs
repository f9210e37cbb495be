namespace OptGen.Schedules;

/// <summary>
/// Linear warm-up from <c>InitValue</c> to the peak <c>lr0</c> over <c>WarmupSteps</c>, then cosine decay to
/// <c>EndValue</c> until step <c>DecaySteps</c> (which includes the warm-up), as Optax
/// <c>warmup_cosine_decay_schedule</c>.
/// </summary>
[Schedule("""
    t < WarmupSteps
        ? InitValue + (lr0 - InitValue) * t / WarmupSteps
        : EndValue + (lr0 - EndValue) * (1 + cos(pi * min(t - WarmupSteps, DecaySteps - WarmupSteps) / (DecaySteps - WarmupSteps))) / 2
    """)]
public sealed partial class WarmupCosineSchedule
{
    /// <summary>Steps of linear warm-up (default 100).</summary>
    [Hyperparameter(100, Min = 0)] public partial long WarmupSteps { get; set; }

    /// <summary>Step at which the decay ends, warm-up included (default 1000).</summary>
    [Hyperparameter(1000, Min = 1)] public partial long DecaySteps { get; set; }

    /// <summary>Rate at step 0 (default 0).</summary>
    [Hyperparameter(0.0, Min = 0)] public partial double InitValue { get; set; }

    /// <summary>Rate after the decay (default 0).</summary>
    [Hyperparameter(0.0, Min = 0)] public partial double EndValue { get; set; }
}

using OptGen;

namespace OptGen.Cli.Declared;

/// <summary>Cosine annealing from the base rate down to <c>MinFactor</c> of it over the run; the trainer sets <c>T</c>.</summary>
[Schedule("lr0 * (MinFactor + (1 - MinFactor) * 0.5 * (1 + cos(pi * min(t, T) / max(T, 1))))")]
public sealed partial class CosineSchedule : ITotalStepsSchedule
{
    /// <summary>The final rate as a fraction of the base rate.</summary>
    [Hyperparameter(0.01, Min = 0, Max = 1)] public partial float MinFactor { get; set; }
}

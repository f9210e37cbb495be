namespace OptGen.Schedules;

/// <summary>
/// Cosine annealing from <c>lr0</c> to <c>EtaMin</c> over <c>TMax</c> steps, in PyTorch's closed form
/// (<c>CosineAnnealingLR</c>): <c>EtaMin + (lr0 - EtaMin)(1 + cos(π t / TMax)) / 2</c>.
/// </summary>
[Schedule("EtaMin + (lr0 - EtaMin) * (1 + cos(pi * t / TMax)) / 2")]
public sealed partial class CosineAnnealingSchedule
{
    /// <summary>Half-period in steps (PyTorch <c>T_max</c>, default 100).</summary>
    [Hyperparameter(100, Min = 1)] public partial long TMax { get; set; }

    /// <summary>Smallest rate (PyTorch <c>eta_min</c>, default 0).</summary>
    [Hyperparameter(0.0, Min = 0)] public partial double EtaMin { get; set; }
}

namespace OptGen.Schedules;

/// <summary>
/// SGDR: cosine annealing restarted after <c>T0</c> steps, each period <c>TMult</c> times longer than the last
/// (PyTorch <c>CosineAnnealingWarmRestarts</c>, same closed form for the current period).
/// </summary>
[Schedule("""
    n = TMult == 1 ? floor(t / T0) : floor(log(t / T0 * (TMult - 1) + 1) / log(TMult))
    start = TMult == 1 ? n * T0 : T0 * (TMult^n - 1) / (TMult - 1)
    period = T0 * TMult^n
    EtaMin + (lr0 - EtaMin) * (1 + cos(pi * (t - start) / period)) / 2
    """)]
public sealed partial class CosineWarmRestartsSchedule
{
    /// <summary>Steps of the first period (PyTorch <c>T_0</c>, default 10).</summary>
    [Hyperparameter(10, Min = 1)] public partial long T0 { get; set; }

    /// <summary>Growth factor of the period (PyTorch <c>T_mult</c>, default 1).</summary>
    [Hyperparameter(1, Min = 1)] public partial long TMult { get; set; }

    /// <summary>Smallest rate (PyTorch <c>eta_min</c>, default 0).</summary>
    [Hyperparameter(0.0, Min = 0)] public partial double EtaMin { get; set; }
}

namespace OptGen.Schedules;

/// <summary>
/// SGDR: cosine annealing restarted after <c>T0</c> steps, each period <c>TMult</c> times longer than the last
/// (PyTorch <c>CosineAnnealingWarmRestarts</c>, same closed form for the current period). The period index from
/// the logarithm is corrected by one where rounding puts it on the wrong side of a restart (log(243) / log(3) &lt; 5),
/// so restarts fall exactly where PyTorch's <c>step()</c> puts them.
/// </summary>
[Schedule("""
    k = TMult == 1 ? floor(t / T0) : floor(log(t / T0 * (TMult - 1) + 1) / log(TMult))
    n = TMult == 1 ? k : (t < T0 * (TMult^k - 1) / (TMult - 1) ? k - 1 : (t >= T0 * (TMult^(k + 1) - 1) / (TMult - 1) ? k + 1 : k))
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

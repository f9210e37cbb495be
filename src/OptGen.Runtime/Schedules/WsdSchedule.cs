namespace OptGen.Schedules;

/// <summary>
/// Warmup–stable–decay (MiniCPM; Hägele et al., "Scaling Laws and Compute-Optimal Training Beyond Fixed Training
/// Durations"): a linear warm-up over <see cref="WarmupSteps"/>, the base rate <c>lr0</c> on a plateau, then a decay
/// over the last <see cref="DecayFraction"/> of the <c>T</c> = <c>TotalSteps</c> steps, shaped by
/// <see cref="DecayShape"/>, to <c>lr0 · MinFactor</c> — the rule of Hugging Face's <c>get_wsd_schedule</c>
/// (linear warm-up, <c>num_cycles = 0.5</c>, <c>min_lr_ratio = MinFactor</c>).
/// </summary>
/// <remarks>
/// With <c>D = floor(DecayFraction · T + 0.5)</c> decay steps starting at <c>S = T − D</c>, <c>W = WarmupSteps</c> and
/// <c>m = MinFactor</c>, after <c>t</c> completed steps:
/// <list type="bullet">
/// <item><c>t &lt; W</c>: <c>lr0 · (m + (1 − m) · t / W)</c> (from <c>lr0 · m</c> on the first step);</item>
/// <item><c>W ≤ t &lt; S</c>: exactly <c>lr0</c>;</item>
/// <item><c>t ≥ S</c>: <c>lr0 · (m + (1 − m) · f(p))</c> with <c>p = min((t − S) / max(D, 1), 1)</c> and
/// <c>f(p) = 1 − p</c> (<see cref="Linear"/>), <c>(1 + cos(π p)) / 2</c> (<see cref="Cosine"/>) or
/// <c>1 − √p</c> (<see cref="OneMinusSqrt"/>); the last step (<c>t = T − 1</c>) has <c>p = (D − 1) / D</c>, and from
/// <c>t = T</c> on the rate is <c>lr0 · m</c>.</item>
/// </list>
/// While <c>TotalSteps</c> is 0 (unknown) there is no decay: the rate stays on its plateau, so a run can be extended
/// and decayed later by setting <c>TotalSteps</c>. <c>Trainer</c> (OptGen.Training) sets it from the epochs when it is 0.
/// </remarks>
[Schedule("""
    decaySteps = floor(DecayFraction * T + 0.5)
    decayStart = T > 0 ? T - decaySteps : t + 1
    p = t < WarmupSteps ? t / WarmupSteps : min((t - decayStart) / max(decaySteps, 1), 1)
    shape = DecayShape == 0 ? 1 - p : (DecayShape == 1 ? (1 + cos(pi * p)) / 2 : 1 - sqrt(p))
    t >= WarmupSteps && t < decayStart ? lr0 : lr0 * (MinFactor + (1 - MinFactor) * (t < WarmupSteps ? p : shape))
    """)]
public sealed partial class WsdSchedule
{
    /// <summary><see cref="DecayShape"/>: <c>1 − p</c>, a straight line to the end value (the default).</summary>
    public const int Linear = 0;

    /// <summary><see cref="DecayShape"/>: <c>(1 + cos(π p)) / 2</c>, half a cosine.</summary>
    public const int Cosine = 1;

    /// <summary><see cref="DecayShape"/>: <c>1 − √p</c>, the cooldown Hägele et al. found best.</summary>
    public const int OneMinusSqrt = 2;

    /// <summary>Steps of linear warm-up (default 0: none).</summary>
    [Hyperparameter(0, Min = 0)] public partial long WarmupSteps { get; set; }

    /// <summary>Fraction of the total steps spent decaying, at the end (default 0.2).</summary>
    [Hyperparameter(0.2, Min = 0, Max = 1)] public partial double DecayFraction { get; set; }

    /// <summary>Shape of the decay: <see cref="Linear"/> (default), <see cref="Cosine"/> or <see cref="OneMinusSqrt"/>.</summary>
    [Hyperparameter(0, Min = 0, Max = 2)] public partial int DecayShape { get; set; }

    /// <summary>Rate at the end of the decay and at the start of the warm-up, as a fraction of <c>lr0</c> (default 0).</summary>
    [Hyperparameter(0.0, Min = 0, Max = 1)] public partial double MinFactor { get; set; }
}

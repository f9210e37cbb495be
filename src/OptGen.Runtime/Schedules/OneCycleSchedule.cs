namespace OptGen.Schedules;

/// <summary>
/// The 1cycle policy with cosine annealing (PyTorch <c>OneCycleLR</c>, two phases): from <c>lr0 / DivFactor</c>
/// up to the peak <c>lr0</c> in the first <c>PctStart</c> of <c>T</c> (= <c>TotalSteps</c>) steps, then down to
/// <c>lr0 / (DivFactor · FinalDivFactor)</c>.
/// </summary>
[Schedule("""
    up = PctStart * T - 1
    down = T - 1
    initial = lr0 / DivFactor
    lowest = initial / FinalDivFactor
    p = t <= up ? t / up : (t - up) / (down - up)
    a = t <= up ? initial : lr0
    b = t <= up ? lr0 : lowest
    b + (a - b) / 2 * (1 + cos(pi * p))
    """)]
public sealed partial class OneCycleSchedule
{
    /// <summary>Fraction of the steps spent increasing the rate (PyTorch <c>pct_start</c>, default 0.3).</summary>
    [Hyperparameter(0.3, Min = 0, Max = 1)] public partial double PctStart { get; set; }

    /// <summary>Peak rate / initial rate (PyTorch <c>div_factor</c>, default 25).</summary>
    [Hyperparameter(25.0, Min = 1)] public partial double DivFactor { get; set; }

    /// <summary>Initial rate / final rate (PyTorch <c>final_div_factor</c>, default 1e4).</summary>
    [Hyperparameter(1e4, Min = 1)] public partial double FinalDivFactor { get; set; }
}

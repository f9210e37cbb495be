namespace OptGen.Schedules;

/// <summary><c>lr0 / (1 + DecayRate · t / DecaySteps)</c>, optionally in whole steps (Keras <c>InverseTimeDecay</c>).</summary>
[Schedule("lr0 / (1 + DecayRate * (Staircase ? floor(t / DecaySteps) : t / DecaySteps))")]
public sealed partial class InverseTimeSchedule
{
    /// <summary>Decay rate β (default 1).</summary>
    [Hyperparameter(1.0, Min = 0)] public partial double DecayRate { get; set; }

    /// <summary>Steps per unit of time (default 1).</summary>
    [Hyperparameter(1, Min = 1)] public partial long DecaySteps { get; set; }

    /// <summary>Decay in whole steps of <c>DecaySteps</c>.</summary>
    [Hyperparameter(false)] public partial bool Staircase { get; set; }
}

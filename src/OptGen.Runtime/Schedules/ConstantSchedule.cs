namespace OptGen.Schedules;

/// <summary>The base rate at every step (PyTorch: no scheduler; Optax <c>constant_schedule</c>).</summary>
[Schedule("lr0 * Factor")]
public sealed partial class ConstantSchedule
{
    /// <summary>Multiplier of the base rate (default 1).</summary>
    [Hyperparameter(1.0, Min = 0)] public partial double Factor { get; set; }
}

namespace OptGen.Schedules;

/// <summary>
/// Polynomial decay from <c>lr0</c> to <c>EndValue</c> over <c>TotalIters</c> steps, then constant
/// (PyTorch <c>PolynomialLR</c> with EndValue 0; Optax <c>polynomial_schedule</c>).
/// </summary>
[Schedule("(lr0 - EndValue) * (1 - min(t, TotalIters) / TotalIters)^Power + EndValue")]
public sealed partial class PolynomialSchedule
{
    /// <summary>Steps over which to decay (PyTorch <c>total_iters</c>, default 5).</summary>
    [Hyperparameter(5, Min = 1)] public partial long TotalIters { get; set; }

    /// <summary>Power of the polynomial (PyTorch <c>power</c>, default 1).</summary>
    [Hyperparameter(1.0, Min = 0)] public partial double Power { get; set; }

    /// <summary>Rate at the end (Optax <c>end_value</c>, default 0).</summary>
    [Hyperparameter(0.0, Min = 0)] public partial double EndValue { get; set; }
}

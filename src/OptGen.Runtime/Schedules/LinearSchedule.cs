namespace OptGen.Schedules;

/// <summary>
/// The rate moves linearly from <c>StartFactor · lr0</c> to <c>EndFactor · lr0</c> over <c>TotalIters</c> steps
/// (PyTorch <c>LinearLR</c>).
/// </summary>
[Schedule("lr0 * (StartFactor + (EndFactor - StartFactor) * min(t, TotalIters) / TotalIters)")]
public sealed partial class LinearSchedule
{
    /// <summary>Factor at step 0 (PyTorch <c>start_factor</c>, default 1/3).</summary>
    [Hyperparameter(1.0 / 3, Min = 0)] public partial double StartFactor { get; set; }

    /// <summary>Factor from <c>TotalIters</c> on (PyTorch <c>end_factor</c>, default 1).</summary>
    [Hyperparameter(1.0, Min = 0)] public partial double EndFactor { get; set; }

    /// <summary>Steps to go from start to end (PyTorch <c>total_iters</c>, default 5).</summary>
    [Hyperparameter(5, Min = 1)] public partial long TotalIters { get; set; }
}

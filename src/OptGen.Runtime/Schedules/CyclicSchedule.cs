namespace OptGen.Schedules;

/// <summary>
/// Triangular cyclic rate between <c>lr0</c> (the base) and <c>MaxLr</c> (PyTorch <c>CyclicLR</c>,
/// <c>mode='triangular'</c>): up over <c>StepSizeUp</c> steps, down over <c>StepSizeDown</c>.
/// </summary>
[Schedule("""
    down = StepSizeDown == 0 ? StepSizeUp : StepSizeDown
    total = StepSizeUp + down
    ratio = StepSizeUp / total
    cycle = floor(1 + t / total)
    x = 1 + t / total - cycle
    scale = x <= ratio ? x / ratio : (x - 1) / (ratio - 1)
    lr0 + (MaxLr - lr0) * scale
    """)]
public sealed partial class CyclicSchedule
{
    /// <summary>Upper rate of the cycle (PyTorch <c>max_lr</c>, default 0.01).</summary>
    [Hyperparameter(0.01, Min = 0)] public partial double MaxLr { get; set; }

    /// <summary>Steps going up (PyTorch <c>step_size_up</c>, default 2000).</summary>
    [Hyperparameter(2000, Min = 1)] public partial long StepSizeUp { get; set; }

    /// <summary>Steps going down (PyTorch <c>step_size_down</c>); 0, the default, means the same as <c>StepSizeUp</c> (PyTorch's None).</summary>
    [Hyperparameter(0, Min = 0)] public partial long StepSizeDown { get; set; }
}

namespace OptGen.Schedules;

/// <summary>
/// Cyclic rate between <c>lr0</c> (the base) and <c>MaxLr</c> (PyTorch <c>CyclicLR</c>): up over <c>StepSizeUp</c>
/// steps, down over <c>StepSizeDown</c>. <see cref="Mode"/> picks PyTorch's amplitude policy: <see cref="Triangular"/>
/// (constant), <see cref="Triangular2"/> (halved every cycle) or <see cref="ExpRange"/> (times <c>Gamma^t</c>).
/// </summary>
[Schedule("""
    down = StepSizeDown == 0 ? StepSizeUp : StepSizeDown
    total = StepSizeUp + down
    ratio = StepSizeUp / total
    cycle = floor(1 + t / total)
    x = 1 + t / total - cycle
    scale = x <= ratio ? x / ratio : (x - 1) / (ratio - 1)
    amplitude = Mode == 1 ? 0.5^(cycle - 1) : (Mode == 2 ? Gamma^t : 1)
    lr0 + (MaxLr - lr0) * scale * amplitude
    """)]
public sealed partial class CyclicSchedule
{
    /// <summary><see cref="Mode"/>: the same amplitude every cycle (PyTorch <c>mode='triangular'</c>).</summary>
    public const int Triangular = 0;

    /// <summary><see cref="Mode"/>: the amplitude halves each cycle (PyTorch <c>mode='triangular2'</c>).</summary>
    public const int Triangular2 = 1;

    /// <summary><see cref="Mode"/>: the amplitude is multiplied by <c>Gamma^t</c> (PyTorch <c>mode='exp_range'</c>).</summary>
    public const int ExpRange = 2;

    /// <summary>Amplitude policy: <see cref="Triangular"/> (default), <see cref="Triangular2"/> or <see cref="ExpRange"/>.</summary>
    [Hyperparameter(0, Min = 0, Max = 2)] public partial int Mode { get; set; }

    /// <summary>Base of the <see cref="ExpRange"/> decay (PyTorch <c>gamma</c>, default 1).</summary>
    [Hyperparameter(1.0, Min = 0)] public partial double Gamma { get; set; }

    /// <summary>Upper rate of the cycle (PyTorch <c>max_lr</c>, default 0.01).</summary>
    [Hyperparameter(0.01, Min = 0)] public partial double MaxLr { get; set; }

    /// <summary>Steps going up (PyTorch <c>step_size_up</c>, default 2000).</summary>
    [Hyperparameter(2000, Min = 1)] public partial long StepSizeUp { get; set; }

    /// <summary>Steps going down (PyTorch <c>step_size_down</c>); 0, the default, means the same as <c>StepSizeUp</c> (PyTorch's None).</summary>
    [Hyperparameter(0, Min = 0)] public partial long StepSizeDown { get; set; }
}

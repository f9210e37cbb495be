namespace OptGen.Schedules;

/// <summary>Multiplies the rate by <c>Gamma</c> every <c>StepSize</c> steps (PyTorch <c>StepLR</c>).</summary>
[Schedule("lr0 * Gamma^floor(t / StepSize)")]
public sealed partial class StepSchedule
{
    /// <summary>Decay factor (PyTorch <c>gamma</c>, default 0.1).</summary>
    [Hyperparameter(0.1, Min = 0)] public partial double Gamma { get; set; }

    /// <summary>Steps between decays (PyTorch <c>step_size</c>, default 30).</summary>
    [Hyperparameter(30, Min = 1)] public partial long StepSize { get; set; }
}

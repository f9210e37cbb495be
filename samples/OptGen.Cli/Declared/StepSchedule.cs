using OptGen;

namespace OptGen.Cli.Declared;

/// <summary>Multiplies the rate by <c>Gamma</c> every <c>StepSize</c> steps.</summary>
[Schedule("lr0 * Gamma^floor(t / StepSize)")]
public sealed partial class StepSchedule
{
    /// <summary>Factor applied at every boundary.</summary>
    [Hyperparameter(0.5, Min = 0, Max = 1)] public partial float Gamma { get; set; }

    /// <summary>Steps between boundaries.</summary>
    [Hyperparameter(1000, Min = 1)] public partial int StepSize { get; set; }
}

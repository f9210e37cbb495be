namespace OptGen.Schedules;

/// <summary>
/// Multiplies the rate by <c>Gamma</c> at each milestone step (PyTorch <c>MultiStepLR</c>), for up to four
/// milestones; an unused milestone is left at its default, which is never reached.
/// </summary>
[Schedule("""
    passed = (t >= Milestone1 ? 1 : 0) + (t >= Milestone2 ? 1 : 0) + (t >= Milestone3 ? 1 : 0) + (t >= Milestone4 ? 1 : 0)
    lr0 * Gamma^passed
    """)]
public sealed partial class MultiStepSchedule
{
    /// <summary>Decay factor (PyTorch <c>gamma</c>, default 0.1).</summary>
    [Hyperparameter(0.1, Min = 0)] public partial double Gamma { get; set; }

    /// <summary>First milestone (steps completed).</summary>
    [Hyperparameter(1e18, Min = 0)] public partial long Milestone1 { get; set; }

    /// <summary>Second milestone.</summary>
    [Hyperparameter(1e18, Min = 0)] public partial long Milestone2 { get; set; }

    /// <summary>Third milestone.</summary>
    [Hyperparameter(1e18, Min = 0)] public partial long Milestone3 { get; set; }

    /// <summary>Fourth milestone.</summary>
    [Hyperparameter(1e18, Min = 0)] public partial long Milestone4 { get; set; }
}

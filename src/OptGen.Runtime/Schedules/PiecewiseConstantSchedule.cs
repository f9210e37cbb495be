namespace OptGen.Schedules;

/// <summary>
/// The base rate multiplied by <c>ScaleK</c> from step <c>BoundaryK</c> on, for up to four boundaries
/// (Optax <c>piecewise_constant_schedule</c>); an unused boundary is left at its default, never reached.
/// </summary>
[Schedule("""
    lr0 * (t >= Boundary1 ? Scale1 : 1) * (t >= Boundary2 ? Scale2 : 1)
        * (t >= Boundary3 ? Scale3 : 1) * (t >= Boundary4 ? Scale4 : 1)
    """)]
public sealed partial class PiecewiseConstantSchedule
{
    /// <summary>First boundary (steps completed).</summary>
    [Hyperparameter(1e18, Min = 0)] public partial long Boundary1 { get; set; }

    /// <summary>Scale applied from the first boundary on.</summary>
    [Hyperparameter(1.0, Min = 0)] public partial double Scale1 { get; set; }

    /// <summary>Second boundary.</summary>
    [Hyperparameter(1e18, Min = 0)] public partial long Boundary2 { get; set; }

    /// <summary>Scale applied from the second boundary on.</summary>
    [Hyperparameter(1.0, Min = 0)] public partial double Scale2 { get; set; }

    /// <summary>Third boundary.</summary>
    [Hyperparameter(1e18, Min = 0)] public partial long Boundary3 { get; set; }

    /// <summary>Scale applied from the third boundary on.</summary>
    [Hyperparameter(1.0, Min = 0)] public partial double Scale3 { get; set; }

    /// <summary>Fourth boundary.</summary>
    [Hyperparameter(1e18, Min = 0)] public partial long Boundary4 { get; set; }

    /// <summary>Scale applied from the fourth boundary on.</summary>
    [Hyperparameter(1.0, Min = 0)] public partial double Scale4 { get; set; }
}

namespace OptGen.Training;

/// <summary>
/// A schedule whose formula uses <c>T</c>, the total number of steps. Every <c>[Schedule]</c> class already has a
/// <c>TotalSteps</c> property; add this interface to its declaration
/// (<c>public partial class Cosine : ITotalStepsSchedule</c>) and <see cref="Trainer.Fit"/> sets it from the epochs
/// and batches when it is still 0.
/// </summary>
public interface ITotalStepsSchedule : ILearningRateSchedule
{
    /// <summary>Total number of steps, <c>T</c> in the formula.</summary>
    long TotalSteps { get; set; }
}

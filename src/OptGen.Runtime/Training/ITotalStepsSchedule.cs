namespace OptGen.Training;

/// <summary>
/// A schedule that knows the total number of steps (<c>T</c> in a formula). The generator implements it on every
/// <c>[Schedule]</c> class, and <c>Trainer.Fit</c> (OptGen.Training) sets <c>TotalSteps</c> from the epochs and batches when it
/// is still 0.
/// </summary>
public interface ITotalStepsSchedule : ILearningRateSchedule
{
    /// <summary>Total number of steps, <c>T</c> in the formula.</summary>
    long TotalSteps { get; set; }
}

namespace OptGen.Schedules;

/// <summary>
/// An optimizer whose hyperparameters (other than the learning rate) can follow schedules. Every optimizer declared
/// with <see cref="OptimizerAttribute"/> implements it; an optimizer over several others (routing) can too, by
/// owning a <see cref="Schedules.HyperparameterSchedules"/> over its own catalogue and applying it in its step.
/// </summary>
public interface IScheduledHyperparameters
{
    /// <summary>The schedules on this optimizer's hyperparameters (empty until one is set).</summary>
    HyperparameterSchedules HyperparameterSchedules { get; }
}

namespace OptGen;

/// <summary>A learning-rate schedule. Implemented by the generator for every <see cref="ScheduleAttribute"/> class.</summary>
public interface ILearningRateSchedule
{
    /// <summary>
    /// The learning rate for the step that follows <paramref name="completedSteps"/> completed steps
    /// (0 on the first step), given the optimizer's base rate <paramref name="baseLearningRate"/>.
    /// </summary>
    double GetLearningRate(long completedSteps, double baseLearningRate);
}

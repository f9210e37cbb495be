namespace OptGen.Training.Tests.Training;

/// <summary>
/// Wraps an optimizer (as a routing optimizer wraps several) and, after every step, records the learning rate and
/// each scheduled hyperparameter that step used: the schedule's rate for the step just taken, and the properties,
/// which hold the values of the last step.
/// </summary>
internal sealed class HyperparameterRecorder(IOptimizer inner) : IOptimizer, IHyperparameters, IScheduledHyperparameters
{
    public List<double[]> Seen { get; } = [];

    public IOptimizer Inner => inner;

    public float LearningRate { get => inner.LearningRate; set => inner.LearningRate = value; }

    public ILearningRateSchedule? Schedule { get => inner.Schedule; set => inner.Schedule = value; }

    public long StepCount => inner.StepCount;

    public OptimizerState State => inner.State;

    public HyperparameterSchedules HyperparameterSchedules => ((IScheduledHyperparameters)inner).HyperparameterSchedules;

    public IReadOnlyList<HyperparameterInfo> Hyperparameters => ((IHyperparameters)inner).Hyperparameters;

    public double GetHyperparameter(string name) => ((IHyperparameters)inner).GetHyperparameter(name);

    public void SetHyperparameter(string name, double value) => ((IHyperparameters)inner).SetHyperparameter(name, value);

    public void Reset() => inner.Reset();

    public void Step(params ReadOnlySpan<Parameter> parameters)
    {
        inner.Step(parameters);
        IReadOnlyList<string> names = HyperparameterSchedules.Names;
        var row = new double[names.Count + 1];
        row[0] = Schedule is { } s ? s.GetLearningRate(StepCount - 1, LearningRate) : LearningRate;
        for (int i = 0; i < names.Count; i++)
            row[i + 1] = GetHyperparameter(names[i]);
        Seen.Add(row);
    }
}

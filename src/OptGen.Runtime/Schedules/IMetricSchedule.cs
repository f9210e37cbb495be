namespace OptGen.Schedules;

/// <summary>A schedule driven by a metric the trainer reports, e.g. the validation loss after each epoch.</summary>
public interface IMetricSchedule : ILearningRateSchedule
{
    /// <summary>Reports the latest value of the monitored metric.</summary>
    void ReportMetric(double value);
}

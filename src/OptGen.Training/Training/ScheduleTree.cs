using System;
using System.Collections.Generic;
using OptGen.Schedules;

namespace OptGen.Training;

/// <summary>
/// Every schedule an optimizer follows — its learning-rate schedule, each hyperparameter's schedule, and the parts of
/// a <see cref="JoinedSchedule"/> among them — so the trainer can give each its <c>TotalSteps</c> and metric, and a
/// checkpoint can keep each one's state under a stable key path.
/// </summary>
internal static class ScheduleTree
{
    /// <summary>
    /// Calls <paramref name="visit"/> once per schedule instance (a schedule shared by the rate and a hyperparameter is
    /// visited once, at its first path), with its key path and the step at which it starts: the learning-rate schedule
    /// at <c>""</c>, a hyperparameter's at <c>"hp.{Name}."</c>, part <c>i</c> of a joined schedule at
    /// <c>"{path}part{i}."</c>, starting at its boundary.
    /// </summary>
    public static void Visit(IOptimizer optimizer, Action<ILearningRateSchedule, string, long> visit)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Visit(optimizer.Schedule, "", 0, seen, visit);
        if (optimizer is IScheduledHyperparameters scheduled)
        {
            HyperparameterSchedules schedules = scheduled.HyperparameterSchedules;
            foreach (string name in schedules.Names)
                Visit(schedules.Get(name), "hp." + name + ".", 0, seen, visit);
        }
    }

    /// <summary>Sets <c>TotalSteps</c> of every schedule that has none yet: the run's total, less the steps before its part starts.</summary>
    public static void SetTotalSteps(IOptimizer optimizer, long total) => Visit(optimizer, (schedule, _, start) =>
    {
        if (schedule is ITotalStepsSchedule t && t.TotalSteps == 0 && total > start)
            t.TotalSteps = total - start;
    });

    /// <summary>Reports the monitored metric to every metric-driven schedule (e.g. <see cref="ReduceOnPlateau"/>).</summary>
    public static void ReportMetric(IOptimizer optimizer, double metric) => Visit(optimizer, (schedule, _, _) =>
    {
        if (schedule is IMetricSchedule m)
            m.ReportMetric(metric);
    });

    private static void Visit(ILearningRateSchedule? schedule, string path, long start, HashSet<object> seen, Action<ILearningRateSchedule, string, long> visit)
    {
        if (schedule is null || !seen.Add(schedule))
            return;
        visit(schedule, path, start);
        if (schedule is JoinedSchedule joined)
        {
            for (int i = 0; i < joined.Schedules.Count; i++)
                Visit(joined.Schedules[i], path + "part" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".", start + (i == 0 ? 0 : joined.Boundaries[i - 1]), seen, visit);
        }
    }
}

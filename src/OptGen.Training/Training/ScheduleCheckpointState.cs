using System;
using System.Collections.Generic;
using System.Globalization;
using OptGen.Schedules;

namespace OptGen.Training;

/// <summary>
/// The state of every schedule an optimizer follows (see <see cref="ScheduleTree"/>) as trainer checkpoint entries:
/// <c>TotalSteps</c> and a <see cref="ReduceOnPlateau"/>'s counters, for the learning-rate schedule, each part of a
/// <see cref="JoinedSchedule"/> and each hyperparameter's schedule, plus the names of the scheduled hyperparameters,
/// which must match on load. The schedules themselves are configuration, rebuilt by the caller.
/// </summary>
internal sealed class ScheduleCheckpointState
{
    private const string NamesKey = "hyperparameterSchedules";

    private readonly List<(ILearningRateSchedule Target, long? TotalSteps, (double Best, int BadReports, int CooldownLeft, int Reductions)? Metric)> _pending = [];

    /// <summary>Writes the entries (keys without the trainer prefix) through <paramref name="put"/>.</summary>
    public static void Capture(IOptimizer optimizer, Action<string, string> put)
    {
        string names = ScheduledNames(optimizer);
        if (names.Length > 0)
            put(NamesKey, names);
        ScheduleTree.Visit(optimizer, (schedule, path, _) =>
        {
            if (schedule is ITotalStepsSchedule t)
                put(path + "totalSteps", t.TotalSteps.ToString(CultureInfo.InvariantCulture));
            if (schedule is ReduceOnPlateau m)
            {
                put(path + "schedule.best", TrainerState.Hex(BitConverter.DoubleToUInt64Bits(m.Best)));
                put(path + "schedule.badReports", m.BadReports.ToString(CultureInfo.InvariantCulture));
                put(path + "schedule.cooldownLeft", m.CooldownLeft.ToString(CultureInfo.InvariantCulture));
                put(path + "schedule.reductions", m.Reductions.ToString(CultureInfo.InvariantCulture));
            }
        });
    }

    /// <summary>Reads and checks the entries against <paramref name="optimizer"/>'s schedules without changing them.</summary>
    public static ScheduleCheckpointState Parse(TrainerState.Reader reader, IOptimizer optimizer, string source)
    {
        string saved = reader.Has(NamesKey) ? reader.Get(NamesKey) : "";
        string mine = ScheduledNames(optimizer);
        if (saved != mine)
        {
            throw new ArgumentException($"Checkpoint '{source}' was saved with schedules on the hyperparameters [{saved}], but this optimizer has schedules on [{mine}]; "
                + "set the same hyperparameter schedules before loading.", "trainer");
        }
        var state = new ScheduleCheckpointState();
        ScheduleTree.Visit(optimizer, (schedule, path, _) =>
        {
            long? total = schedule is ITotalStepsSchedule && reader.Has(path + "totalSteps") ? reader.Long(path + "totalSteps") : null;
            (double, int, int, int)? metric = schedule is ReduceOnPlateau
                ? (BitConverter.UInt64BitsToDouble(reader.Hex(path + "schedule.best")), reader.Int(path + "schedule.badReports"),
                    reader.Int(path + "schedule.cooldownLeft"), reader.Int(path + "schedule.reductions"))
                : null;
            if (total is not null || metric is not null)
                state._pending.Add((schedule, total, metric));
        });
        return state;
    }

    public void Apply()
    {
        foreach ((ILearningRateSchedule target, long? total, var metric) in _pending)
        {
            if (total is { } steps && target is ITotalStepsSchedule t)
                t.TotalSteps = steps;
            if (metric is { } m && target is ReduceOnPlateau plateau)
            {
                plateau.Best = m.Best;
                plateau.BadReports = m.BadReports;
                plateau.CooldownLeft = m.CooldownLeft;
                plateau.Reductions = m.Reductions;
            }
        }
    }

    // Sorted, so the order in which the caller set the schedules does not matter.
    private static string ScheduledNames(IOptimizer optimizer)
    {
        if (optimizer is not IScheduledHyperparameters { HyperparameterSchedules.Count: > 0 } scheduled)
            return "";
        var names = new List<string>(scheduled.HyperparameterSchedules.Names);
        names.Sort(StringComparer.Ordinal);
        return string.Join(",", names);
    }
}

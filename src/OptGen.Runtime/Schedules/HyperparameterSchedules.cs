using System;
using System.Collections.Generic;
using System.Globalization;

namespace OptGen.Schedules;

/// <summary>
/// Schedules on hyperparameters other than the learning rate — weight decay, momentum, betas — as Optax's
/// <c>inject_hyperparams</c> and PyTorch's edits of <c>param_groups</c>. At the start of each step, before any
/// formula reads them, every scheduled hyperparameter is set through its property to
/// <c>schedule.GetLearningRate(t, base)</c>, where <c>t</c> is the number of completed steps (as for
/// <c>lr</c>) and <c>base</c> is the hyperparameter's value when its schedule was set. Between steps the property
/// shows the value the last step used.
/// </summary>
/// <remarks>
/// <para>A schedule that returns its base (e.g. <see cref="ConstantSchedule"/> with factor 1) gives results
/// bit-identical to no schedule: the base is the property's own value, widened to <c>double</c> and narrowed back.</para>
/// <para>Only <c>float</c> and <c>double</c> hyperparameters can be scheduled; an int, long or bool one is refused
/// when the schedule is set (rounding a schedule onto a step count or a switch would hide a mistake).</para>
/// <para>The values of a step are checked before any is set: NaN, an infinity, a value outside the hyperparameter's
/// <see cref="HyperparameterInfo.Min"/>/<see cref="HyperparameterInfo.Max"/> or beyond <c>float</c>'s range for a
/// float throws an <see cref="InvalidOperationException"/> naming the hyperparameter, the step and the value, and
/// neither the hyperparameters nor the optimizer's state change (the step is not taken).</para>
/// <para>Applying allocates nothing. Schedules are configuration, like <see cref="IOptimizer.Schedule"/>: a trainer
/// checkpoint keeps their state (<c>TotalSteps</c>, a <see cref="ReduceOnPlateau"/>'s counters), not the schedules.</para>
/// </remarks>
public sealed class HyperparameterSchedules
{
    private readonly IHyperparameters _owner;
    private readonly string _ownerName;
    private Entry[] _entries = [];
    private double[] _values = [];
    private double[] _previous = [];

    private readonly record struct Entry(string Name, HyperparameterInfo Info, ILearningRateSchedule Schedule, double Base);

    /// <summary>Schedules over the hyperparameters of <paramref name="owner"/>, named <paramref name="ownerName"/> in messages.</summary>
    public HyperparameterSchedules(IHyperparameters owner, string ownerName)
    {
        _owner = owner ?? throw new ArgumentNullException(nameof(owner));
        _ownerName = ownerName ?? throw new ArgumentNullException(nameof(ownerName));
    }

    /// <summary>How many hyperparameters follow a schedule.</summary>
    public int Count => _entries.Length;

    /// <summary>The scheduled hyperparameters' names, in the order their schedules were first set.</summary>
    public IReadOnlyList<string> Names => Array.ConvertAll(_entries, e => e.Name);

    /// <summary>
    /// Makes the hyperparameter <paramref name="name"/> follow <paramref name="schedule"/> from the next step on,
    /// with its current value as the base (replacing any schedule it had, whose base it keeps).
    /// </summary>
    /// <exception cref="ArgumentException">There is no such hyperparameter, or it is not a float or double.</exception>
    public void Set(string name, ILearningRateSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(schedule);
        int i = IndexOf(name);
        if (i >= 0)
        {
            _entries[i] = _entries[i] with { Schedule = schedule };
            return;
        }
        HyperparameterInfo info = Find(name);
        if (info.Kind is not (HyperparameterKind.Float or HyperparameterKind.Double))
            throw new ArgumentException($"{_ownerName}.{name} is {(info.Kind == HyperparameterKind.Int ? "an" : "a")} {info.Kind.ToString().ToLowerInvariant()} hyperparameter; only float and double hyperparameters can follow a schedule.", nameof(name));
        var entry = new Entry(name, info, schedule, _owner.GetHyperparameter(name));
        _entries = [.. _entries, entry];
        _values = new double[_entries.Length];
        _previous = new double[_entries.Length];
    }

    /// <summary>The schedule <paramref name="name"/> follows, or null.</summary>
    public ILearningRateSchedule? Get(string name) => IndexOf(name) is >= 0 and int i ? _entries[i].Schedule : null;

    /// <summary>The base value of the scheduled hyperparameter <paramref name="name"/> (its value when the schedule was set).</summary>
    /// <exception cref="ArgumentException">The hyperparameter follows no schedule.</exception>
    public double GetBase(string name) => IndexOf(name) is >= 0 and int i
        ? _entries[i].Base
        : throw new ArgumentException($"{_ownerName}.{name} follows no schedule.", nameof(name));

    /// <summary>Stops scheduling <paramref name="name"/> and sets it back to its base; false when it had no schedule.</summary>
    public bool Remove(string name)
    {
        int i = IndexOf(name);
        if (i < 0)
            return false;
        Entry entry = _entries[i];
        _owner.SetHyperparameter(entry.Name, entry.Base);
        _entries = [.. _entries.AsSpan(0, i), .. _entries.AsSpan(i + 1)];
        _values = new double[_entries.Length];
        _previous = new double[_entries.Length];
        return true;
    }

    /// <summary>
    /// Sets every scheduled hyperparameter to its schedule's value after <paramref name="completedSteps"/> steps.
    /// Optimizers call this at the start of each step; all values are checked before any is set.
    /// </summary>
    /// <exception cref="InvalidOperationException">A schedule returned NaN, an infinity, or a value out of range.</exception>
    public void Apply(long completedSteps)
    {
        Entry[] entries = _entries;
        for (int i = 0; i < entries.Length; i++)
            _values[i] = Checked(entries[i], entries[i].Schedule.GetLearningRate(completedSteps, entries[i].Base), completedSteps);
        int set = 0;
        try
        {
            for (; set < entries.Length; set++)
            {
                _previous[set] = _owner.GetHyperparameter(entries[set].Name);
                _owner.SetHyperparameter(entries[set].Name, _values[set]);
            }
        }
        catch
        {
            // A property stricter than its catalogue range: put back what this call already set.
            for (int i = 0; i < set; i++)
                _owner.SetHyperparameter(entries[i].Name, _previous[i]);
            throw;
        }
    }

    /// <summary>The value <paramref name="name"/> takes after <paramref name="completedSteps"/> steps, checked as <see cref="Apply"/> does.</summary>
    /// <exception cref="ArgumentException">The hyperparameter follows no schedule.</exception>
    public double GetValue(string name, long completedSteps)
    {
        int i = IndexOf(name);
        if (i < 0)
            throw new ArgumentException($"{_ownerName}.{name} follows no schedule.", nameof(name));
        return Checked(_entries[i], _entries[i].Schedule.GetLearningRate(completedSteps, _entries[i].Base), completedSteps);
    }

    private double Checked(in Entry e, double value, long completedSteps)
    {
        HyperparameterInfo h = e.Info;
        bool ok = double.IsFinite(value) && value >= h.Min && value <= h.Max && (h.Kind != HyperparameterKind.Float || float.IsFinite((float)value));
        if (ok)
            return value;
        string range = string.Create(CultureInfo.InvariantCulture, $"[{h.Min}, {h.Max}]");
        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"The schedule of {_ownerName}.{e.Name} returned {value} for step {completedSteps + 1}; {e.Name} must be a finite {h.Kind.ToString().ToLowerInvariant()} in {range}. Nothing was changed."));
    }

    private int IndexOf(string name)
    {
        for (int i = 0; i < _entries.Length; i++)
        {
            if (string.Equals(_entries[i].Name, name, StringComparison.Ordinal))
                return i;
        }
        return -1;
    }

    private HyperparameterInfo Find(string name)
    {
        foreach (HyperparameterInfo h in _owner.Hyperparameters)
        {
            if (string.Equals(h.Name, name, StringComparison.Ordinal))
                return h;
        }
        if (name == nameof(IOptimizer.LearningRate))
            throw new ArgumentException($"The learning rate of {_ownerName} follows IOptimizer.Schedule, not a hyperparameter schedule.", nameof(name));
        throw Internal.HyperparameterValues.Unknown(_ownerName, name, _owner.Hyperparameters);
    }
}

using System;
using System.Collections.Generic;

namespace OptGen.Schedules;

/// <summary>
/// Runs schedules one after another, switching at step boundaries, as Optax <c>join_schedules</c> (and PyTorch
/// <c>SequentialLR</c>): from boundary <c>b</c> on, the next schedule sees <c>t - b</c> steps, so each part starts at
/// its own step 0. Example: a linear warm-up for 100 steps, then cosine decay.
/// </summary>
public sealed class JoinedSchedule : ILearningRateSchedule
{
    private readonly ILearningRateSchedule[] _schedules;
    private readonly long[] _boundaries;

    /// <summary>
    /// Joins <paramref name="schedules"/>; <paramref name="boundaries"/> has one step count fewer than there are
    /// schedules, strictly increasing: schedule <c>i + 1</c> takes over when <c>boundaries[i]</c> steps are completed.
    /// </summary>
    public JoinedSchedule(ILearningRateSchedule[] schedules, long[] boundaries)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        ArgumentNullException.ThrowIfNull(boundaries);
        if (schedules.Length == 0)
            throw new ArgumentException("Join at least one schedule.", nameof(schedules));
        if (boundaries.Length != schedules.Length - 1)
            throw new ArgumentException($"{schedules.Length} schedules need {schedules.Length - 1} boundaries, not {boundaries.Length}.", nameof(boundaries));
        for (int i = 0; i < schedules.Length; i++)
        {
            if (schedules[i] is null)
                throw new ArgumentNullException(nameof(schedules), $"Schedule {i} is null.");
        }
        for (int i = 0; i < boundaries.Length; i++)
        {
            if (boundaries[i] < 0 || (i > 0 && boundaries[i] <= boundaries[i - 1]))
                throw new ArgumentException($"Boundaries must be non-negative and strictly increasing; boundary {i} is {boundaries[i]}.", nameof(boundaries));
        }
        _schedules = (ILearningRateSchedule[])schedules.Clone();
        _boundaries = (long[])boundaries.Clone();
        Schedules = Array.AsReadOnly(_schedules);
        Boundaries = Array.AsReadOnly(_boundaries);
    }

    /// <summary>The joined schedules, in order (copies of the constructor's array are kept, so this is read-only).</summary>
    public IReadOnlyList<ILearningRateSchedule> Schedules { get; }

    /// <summary>The step counts at which each next schedule takes over.</summary>
    public IReadOnlyList<long> Boundaries { get; }

    /// <inheritdoc />
    public double GetLearningRate(long completedSteps, double baseLearningRate)
    {
        int part = 0;
        long start = 0;
        while (part < _boundaries.Length && completedSteps >= _boundaries[part])
        {
            start = _boundaries[part];
            part++;
        }
        return _schedules[part].GetLearningRate(completedSteps - start, baseLearningRate);
    }
}

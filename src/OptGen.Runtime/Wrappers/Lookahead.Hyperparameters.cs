using System;
using System.Collections.Generic;
using OptGen.Internal;
using OptGen.Schedules;

namespace OptGen;

// The catalogue by name (for a command line's --set, sweeps and schedules on hyperparameters): the wrapper's own two
// settings, then the inner optimizer's, so "Beta2" reaches a wrapped AdamW.
public sealed partial class Lookahead : IHyperparameters, IScheduledHyperparameters
{
    private static readonly HyperparameterInfo[] s_own =
    [
        new(nameof(SyncPeriod), HyperparameterKind.Int, 6, 1, double.PositiveInfinity),
        new(nameof(SlowStepSize), HyperparameterKind.Float, 0.5, 0, 1),
    ];

    private HyperparameterInfo[]? _catalogue;
    private HyperparameterSchedules? _schedules;

    /// <summary>
    /// <see cref="SyncPeriod"/> and <see cref="SlowStepSize"/>, then the inner optimizer's hyperparameters (when it has a
    /// catalogue), by their own names.
    /// </summary>
    public IReadOnlyList<HyperparameterInfo> Hyperparameters =>
        _catalogue ??= _inner is IHyperparameters inner ? [.. s_own, .. inner.Hyperparameters] : s_own;

    /// <summary>
    /// Schedules on <see cref="SlowStepSize"/> or on the inner optimizer's hyperparameters, applied at the start of each
    /// step before the inner step (a <c>Trainer</c> (OptGen.Training) sees these, so set them here rather than on the
    /// inner optimizer).
    /// </summary>
    public HyperparameterSchedules HyperparameterSchedules => _schedules ??= new HyperparameterSchedules(this, nameof(Lookahead));

    /// <inheritdoc />
    public double GetHyperparameter(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            nameof(SyncPeriod) => SyncPeriod,
            nameof(SlowStepSize) => SlowStepSize,
            _ => InnerCatalogue(name).GetHyperparameter(name),
        };
    }

    /// <inheritdoc />
    public void SetHyperparameter(string name, double value)
    {
        ArgumentNullException.ThrowIfNull(name);
        switch (name)
        {
            case nameof(SyncPeriod):
                SyncPeriod = HyperparameterValues.ToInt32(name, value);
                break;
            case nameof(SlowStepSize):
                SlowStepSize = (float)value;
                break;
            default:
                InnerCatalogue(name).SetHyperparameter(name, value);
                break;
        }
    }

    private IHyperparameters InnerCatalogue(string name)
    {
        foreach (HyperparameterInfo info in Hyperparameters)
        {
            if (info.Name == name && _inner is IHyperparameters inner)
                return inner;
        }
        throw HyperparameterValues.Unknown(nameof(Lookahead), name, Hyperparameters);
    }
}

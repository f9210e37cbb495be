using System;
using OptGen.Schedules;

namespace OptGen.Training;

/// <summary>
/// Multiplies the optimizer's <see cref="IOptimizer.LearningRate"/> by <see cref="Factor"/> after <see cref="Patience"/>
/// epochs in a row without improvement of the monitored loss, as PyTorch's <c>ReduceLROnPlateau</c> in <c>min</c> mode
/// with a relative threshold. With a schedule set, this scales the schedule's base rate. The plateau is counted by
/// <see cref="ReduceOnPlateau"/>'s rules (minimising, relative threshold, no cooldown; a NaN loss counts as an epoch
/// without improvement); this class applies each reduction to the optimizer's rate at once, in float.
/// </summary>
public sealed class ReduceLearningRateOnPlateau
{
    // The best loss and the bad epochs live in the schedule that owns the rules; only the reduction is done here.
    private readonly ReduceOnPlateau _plateau = new();

    /// <summary>The factor applied to the rate, in (0, 1).</summary>
    public float Factor { get; init; } = 0.1f;

    /// <summary>Epochs without improvement tolerated before lowering the rate.</summary>
    public int Patience
    {
        get => _plateau.Patience;
        init => _plateau.Patience = value;
    }

    /// <summary>Relative improvement needed to count as better: <c>loss &lt; best · (1 - Threshold)</c>.</summary>
    public double Threshold
    {
        get => _plateau.Threshold;
        init => _plateau.Threshold = value;
    }

    /// <summary>The rate is never lowered below this.</summary>
    public float MinLearningRate { get; init; }

    /// <summary>Epochs since the last improvement.</summary>
    public int BadEpochs
    {
        get => _plateau.BadReports;
        internal set => _plateau.BadReports = value;
    }

    /// <summary>How many times the rate was lowered.</summary>
    public int Reductions { get; internal set; }

    /// <summary>
    /// The best loss seen since the last reset (saved and restored by trainer checkpoints), +∞ for none: here an
    /// infinite best has always counted as none, where the schedule writes none as NaN.
    /// </summary>
    internal double Best
    {
        get => double.IsNaN(_plateau.Best) ? double.PositiveInfinity : _plateau.Best;
        set => _plateau.Best = double.IsPositiveInfinity(value) ? double.NaN : value;
    }

    /// <summary>Records one epoch's loss; lowers the rate and returns true when the plateau has lasted long enough.</summary>
    public bool Observe(IOptimizer optimizer, double loss)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (!(Factor > 0f && Factor < 1f))
            throw new InvalidOperationException($"Factor must be in (0, 1); it is {Factor}.");
        if (double.IsPositiveInfinity(_plateau.Best))
            _plateau.Best = double.NaN; // a loss of +∞ seen counts as none, as in Best
        if (!_plateau.PlateauEnds(loss))
            return false;
        float lowered = Math.Max(optimizer.LearningRate * Factor, MinLearningRate);
        if (lowered >= optimizer.LearningRate)
            return false;
        optimizer.LearningRate = lowered;
        Reductions++;
        return true;
    }

    /// <summary>Forgets the best loss and the count of bad epochs.</summary>
    public void Reset()
    {
        _plateau.Best = double.NaN;
        _plateau.BadReports = 0;
    }
}

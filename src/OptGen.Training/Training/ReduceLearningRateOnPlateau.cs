using System;

namespace OptGen.Training;

/// <summary>
/// Multiplies the optimizer's <see cref="IOptimizer.LearningRate"/> by <see cref="Factor"/> after <see cref="Patience"/>
/// epochs in a row without improvement of the monitored loss, as PyTorch's <c>ReduceLROnPlateau</c> in <c>min</c> mode
/// with a relative threshold. With a schedule set, this scales the schedule's base rate.
/// </summary>
public sealed class ReduceLearningRateOnPlateau
{
    private double _best = double.PositiveInfinity;

    /// <summary>The factor applied to the rate, in (0, 1).</summary>
    public float Factor { get; init; } = 0.1f;

    /// <summary>Epochs without improvement tolerated before lowering the rate.</summary>
    public int Patience { get; init; } = 10;

    /// <summary>Relative improvement needed to count as better: <c>loss &lt; best · (1 - Threshold)</c>.</summary>
    public double Threshold { get; init; } = 1e-4;

    /// <summary>The rate is never lowered below this.</summary>
    public float MinLearningRate { get; init; }

    /// <summary>Epochs since the last improvement.</summary>
    public int BadEpochs { get; internal set; }

    /// <summary>How many times the rate was lowered.</summary>
    public int Reductions { get; internal set; }

    /// <summary>The best loss seen since the last reset (saved and restored by trainer checkpoints).</summary>
    internal double Best
    {
        get => _best;
        set => _best = value;
    }

    /// <summary>Records one epoch's loss; lowers the rate and returns true when the plateau has lasted long enough.</summary>
    public bool Observe(IOptimizer optimizer, double loss)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (!(Factor > 0f && Factor < 1f))
            throw new InvalidOperationException($"Factor must be in (0, 1); it is {Factor}.");
        if (loss < _best * (1 - Threshold) || double.IsPositiveInfinity(_best))
        {
            _best = loss;
            BadEpochs = 0;
            return false;
        }
        if (++BadEpochs <= Patience)
            return false;
        BadEpochs = 0;
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
        _best = double.PositiveInfinity;
        BadEpochs = 0;
    }
}

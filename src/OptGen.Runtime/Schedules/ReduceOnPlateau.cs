using System;

namespace OptGen.Schedules;

/// <summary>
/// Lowers the rate by <see cref="Factor"/> when the reported metric has not improved for more than
/// <see cref="Patience"/> reports, as PyTorch <c>ReduceLROnPlateau</c> (relative threshold by default, or absolute with
/// <see cref="AbsoluteThreshold"/>; minimising by default).
/// Each reduction sets the rate to <c>max(rate · Factor, MinLr)</c> and, as in PyTorch, is ignored when it would
/// lower the rate by no more than <see cref="Eps"/> (so a base rate below <c>MinLr</c> is never raised to it).
/// </summary>
public sealed class ReduceOnPlateau : IMetricSchedule
{
    private double _factor = 0.1;

    /// <summary>Multiplier applied at each reduction (PyTorch <c>factor</c>, default 0.1; in (0, 1)).</summary>
    public double Factor
    {
        get => _factor;
        set => _factor = value > 0 && value < 1 ? value : throw new ArgumentOutOfRangeException(nameof(Factor), value, "Factor must be in (0, 1).");
    }

    /// <summary>Reports without improvement tolerated before a reduction (PyTorch <c>patience</c>, default 10).</summary>
    public int Patience { get; set; } = 10;

    /// <summary>Improvement that counts (PyTorch <c>threshold</c>, default 1e-4): relative, or absolute with <see cref="AbsoluteThreshold"/>.</summary>
    public double Threshold { get; set; } = 1e-4;

    /// <summary>True for PyTorch's <c>threshold_mode='abs'</c>: a metric improves when it beats the best by more than
    /// <see cref="Threshold"/> itself, not by that fraction of the best.</summary>
    public bool AbsoluteThreshold { get; set; }

    /// <summary>Reports to wait after a reduction before counting again (PyTorch <c>cooldown</c>, default 0).</summary>
    public int Cooldown { get; set; }

    /// <summary>Lower bound of the rate (PyTorch <c>min_lr</c>, default 0).</summary>
    public double MinLr { get; set; }

    /// <summary>Smallest change of the rate that is applied (PyTorch <c>eps</c>, default 1e-8).</summary>
    public double Eps { get; set; } = 1e-8;

    /// <summary>True to maximise the metric (e.g. accuracy) instead of minimising it.</summary>
    public bool Maximize { get; set; }

    /// <summary>Best metric so far (state, kept in checkpoints).</summary>
    public double Best { get; set; } = double.NaN;

    /// <summary>Reports since the last improvement (state).</summary>
    public int BadReports { get; set; }

    /// <summary>Reports left in the current cooldown (state).</summary>
    public int CooldownLeft { get; set; }

    /// <summary>Reductions made so far (state).</summary>
    public int Reductions { get; set; }

    /// <inheritdoc />
    public void ReportMetric(double value)
    {
        if (double.IsNaN(value))
            throw new ArgumentException("The reported metric is NaN.", nameof(value));
        if (PlateauEnds(value))
            Reductions++;
    }

    /// <summary>
    /// Counts one report and returns true when the plateau has lasted more than <see cref="Patience"/> reports (a
    /// reduction is due; the count and the cooldown restart). A NaN value improves nothing: it counts as a report
    /// without improvement, as in PyTorch. Shared with the trainer's <c>ReduceLearningRateOnPlateau</c>, which
    /// lowers the optimizer's rate itself.
    /// </summary>
    internal bool PlateauEnds(double value)
    {
        if (!double.IsNaN(value) && (double.IsNaN(Best) || IsBetter(value)))
        {
            Best = value;
            BadReports = 0;
        }
        else
        {
            BadReports++;
        }
        if (CooldownLeft > 0)
        {
            CooldownLeft--;
            BadReports = 0;
        }
        if (BadReports <= Patience)
            return false;
        CooldownLeft = Cooldown;
        BadReports = 0;
        return true;
    }

    // PyTorch's rules, exactly as they are (the relative one does not special-case a negative best).
    private bool IsBetter(double value) => (Maximize, AbsoluteThreshold) switch
    {
        (false, false) => value < Best * (1 - Threshold),
        (true, false) => value > Best * (1 + Threshold),
        (false, true) => value < Best - Threshold,
        (true, true) => value > Best + Threshold,
    };

    /// <inheritdoc />
    public double GetLearningRate(long completedSteps, double baseLearningRate)
    {
        // PyTorch's _reduce_lr, once per reduction; once a reduction is ignored, so are all later ones.
        double rate = baseLearningRate;
        for (int i = 0; i < Reductions; i++)
        {
            double next = Math.Max(rate * Factor, MinLr);
            if (!(rate - next > Eps))
                break;
            rate = next;
        }
        return rate;
    }
}

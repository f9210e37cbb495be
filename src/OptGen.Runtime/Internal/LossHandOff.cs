using System;

namespace OptGen.Internal;

/// <summary>
/// The loss set on an optimizer over others (<c>RoutedOptimizer</c>, <c>Lookahead</c>): checked as a generated
/// optimizer's <see cref="ILossAware.Loss"/> setter checks it, then handed to each member that reads the loss.
/// </summary>
internal static class LossHandOff
{
    /// <summary><paramref name="value"/> when finite; otherwise the exception a generated <c>Loss</c> setter throws.</summary>
    public static double Checked(double value) =>
        double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(ILossAware.Loss), value, "Loss must be a finite number.");

    /// <summary>Sets the loss of <paramref name="member"/> when it reads one (it insists on a new loss before each of its steps).</summary>
    public static void To(IOptimizer member, double value)
    {
        if (member is ILossAware reader)
            reader.Loss = value;
    }
}

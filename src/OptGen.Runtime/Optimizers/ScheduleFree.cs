using System;

namespace OptGen.Optimizers;

/// <summary>
/// What <see cref="ScheduleFreeAdamW"/> and <see cref="ScheduleFreeSgd"/> share (Optax's <c>schedule_free</c> wrapper
/// around their base steps): the averaging weights, as formulas their updates splice in, and the evaluation weights.
/// </summary>
internal static class ScheduleFree
{
    /// <summary>
    /// From <c>lr</c>, <c>t</c>, <c>WarmupSteps</c>, <c>WeightLrPower</c> and <c>Beta1</c>: <c>stepLr</c> (the base step's
    /// rate, the warm-up at <c>t - 1</c>), the shared <c>maxLr</c> and <c>weightSum</c>, <c>ck</c> (the new point's
    /// weight in the average) and <c>x</c>, the average recovered from <c>y = w</c> and the <c>z</c> before this step.
    /// A line break before and after them.
    /// </summary>
    public const string Weighting = """

        stepLr = WarmupSteps > 0 ? lr * min(t - 1, WarmupSteps) / WarmupSteps : lr
        averageLr = WarmupSteps > 0 ? lr * min(t, WarmupSteps) / WarmupSteps : lr
        maxLr = max(maxLr, averageLr)
        weight = maxLr^WeightLrPower
        weightSum = weightSum + weight
        ck = weightSum == 0 ? 0 : weight / weightSum
        x = Beta1 == 0 ? z : (w - (1 - Beta1) * z) / Beta1

        """;

    /// <summary>After the base step has moved <c>z</c>: the new average and the weights <c>y</c> between it and <c>z</c>.</summary>
    public const string Average = """

        x = (1 - ck) * x + ck * z
        w = Beta1 * x + (1 - Beta1) * z

        """;

    /// <summary>
    /// Writes <c>x = (y - (1 - β1) z) / β1</c> of tensor <paramref name="tensorIndex"/> into <paramref name="destination"/>
    /// (which may be the parameter itself: each element is read before it is written).
    /// </summary>
    public static void WriteEvaluationWeights(string optimizer, OptimizerState state, double beta1, int tensorIndex, Span<float> destination)
    {
        if (!state.IsInitialized)
            throw new InvalidOperationException($"{optimizer} has no evaluation weights before its first step.");
        ArgumentOutOfRangeException.ThrowIfNegative(tensorIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(tensorIndex, state.Tensors.Length);
        ReadOnlySpan<float> y = state.Parameters[tensorIndex].Value;
        if (destination.Length != y.Length)
            throw new ArgumentException($"{optimizer}.WriteEvaluationWeights: tensor {tensorIndex} has {y.Length} elements, but the destination has {destination.Length}.", nameof(destination));
        if (beta1 == 0)
            throw new InvalidOperationException($"{optimizer} keeps no average when Beta1 is 0, so it has no evaluation weights.");
        ReadOnlySpan<float> z = state.Tensors[tensorIndex].Buffer(Array.IndexOf(state.BufferNames, "z"));
        for (int i = 0; i < destination.Length; i++)
            destination[i] = (float)((y[i] - (1 - beta1) * z[i]) / beta1);
    }
}

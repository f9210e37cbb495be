namespace OptGen.Runtime.Tests.Support;

/// <summary>A loss-aware optimizer alone and the same optimizer inside a wrapper (a router, a lookahead), stepped side by side.</summary>
internal static class LossAwareRuns
{
    /// <summary>
    /// Three steps of each, on tensors given the same gradients by <paramref name="setGradients"/> and the same losses
    /// 2, 3 and 4: the wrapper must pass each loss on for its steps to match.
    /// </summary>
    public static void StepSideBySide<TAlone, TWrapper>(TAlone alone, Parameter[] aloneTensors, TWrapper wrapper, Parameter[] wrappedTensors,
        Action<Parameter[], int> setGradients)
        where TAlone : IOptimizer, ILossAware
        where TWrapper : IOptimizer, ILossAware
    {
        for (int step = 0; step < 3; step++)
        {
            setGradients(aloneTensors, step);
            setGradients(wrappedTensors, step);
            alone.Loss = wrapper.Loss = 2.0 + step;
            alone.Step(aloneTensors);
            wrapper.Step(wrappedTensors);
        }
    }
}

namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// keras.optimizers.Ftrl (keras/src/optimizers/ftrl.py, update_step), after the base optimizer's weight decay
/// (w −= w·λ·lr): l2 = l2_regularization + β / (2 lr); g' = g + 2 l2_shrinkage w; new = accum + g²;
/// linear += g' − (new^−p − accum^−p) / lr · w; quadratic = new^−p / lr + 2 l2; w = (clip(linear, −l1, l1) − linear) /
/// quadratic; accum = new. The accumulator starts at initial_accumulator_value.
/// </summary>
public sealed class FtrlReference(Ftrl o, int length) : TensorReference(length)
{
    private readonly double[] _accumulator = Filled(length, o.InitialAccumulatorValue), _linear = new double[length];

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        double power = F(o.LearningRatePower), l1 = F(o.L1RegularizationStrength), shrinkage = F(o.L2ShrinkageRegularizationStrength);
        double l2 = F(o.L2RegularizationStrength) + F(o.Beta) / (2.0 * lr);
        for (int i = 0; i < Length; i++)
        {
            w[i] -= w[i] * F(o.WeightDecay) * lr;
            double g = grad[i], gradToUse = g + 2 * shrinkage * w[i];
            double accumulated = _accumulator[i] + g * g;
            _linear[i] += gradToUse - (Math.Pow(accumulated, -power) - Math.Pow(_accumulator[i], -power)) / lr * w[i];
            double quadratic = Math.Pow(accumulated, -power) / lr + 2 * l2;
            w[i] = (Math.Clamp(_linear[i], -l1, l1) - _linear[i]) / quadratic;
            _accumulator[i] = accumulated;
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("accumulator", _accumulator), ("linear", _linear)];
}

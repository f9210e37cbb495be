namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// torch.optim.SGD (_single_tensor_sgd): d = ±g (maximize negates) + λw; with momentum μ ≠ 0 the buffer is
/// d itself on the first step (no dampening) and μ·b + (1 − τ)·d afterwards; Nesterov uses d + μ·b.
/// </summary>
public sealed class SgdReference(Sgd o, int length) : TensorReference(length)
{
    private readonly double _momentum = F(o.Momentum), _dampening = F(o.Dampening), _weightDecay = F(o.WeightDecay);
    private readonly bool _nesterov = o.Nesterov, _maximize = o.Maximize;
    private double[]? _momentumBuffer; // PyTorch: None until the first step that uses momentum

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        bool first = false;
        if (_momentum != 0 && _momentumBuffer is null)
        {
            _momentumBuffer = new double[Length];
            first = true;
        }
        for (int i = 0; i < Length; i++)
        {
            double d = _maximize ? -grad[i] : grad[i];
            if (_weightDecay != 0)
                d += _weightDecay * w[i];
            if (_momentum != 0)
            {
                double[] buf = _momentumBuffer!;
                buf[i] = first ? d : _momentum * buf[i] + (1 - _dampening) * d;
                d = _nesterov ? d + _momentum * buf[i] : buf[i];
            }
            w[i] -= lr * d;
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers
        => _momentumBuffer is null ? [] : [("b", _momentumBuffer)];
}

namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// timm SGDW (timm/optim/sgdw.py, _single_tensor_sgdw): g negated to maximize; w ·= 1 − lr·λ; with momentum μ ≠ 0 the
/// buffer is g itself on the first step and μ·buf + (1 − dampening)·g afterwards, the step g + μ·buf with nesterov, else
/// buf, masked with caution where it agrees with g; without momentum the step is g (no caution). w −= lr·step.
/// </summary>
public sealed class SgdWReference(SgdW o, int length) : TensorReference(length)
{
    private double[]? _buf; // timm: None until the first step that uses momentum

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        double momentum = F(o.Momentum), dampening = F(o.Dampening), weightDecay = F(o.WeightDecay);
        var g = new double[Length];
        for (int i = 0; i < Length; i++)
            g[i] = DecayedGradient(w, grad, i, lr, weightDecay, decoupled: true, o.Maximize);
        double[] step = g;
        if (momentum != 0)
        {
            bool first = _buf is null;
            _buf ??= new double[Length];
            step = new double[Length];
            for (int i = 0; i < Length; i++)
            {
                _buf[i] = first ? g[i] : _buf[i] * momentum + (1 - dampening) * g[i];
                step[i] = o.Nesterov ? g[i] + momentum * _buf[i] : _buf[i];
            }
            if (o.Caution)
                step = Caution.Mask(step, g);
        }
        for (int i = 0; i < Length; i++)
            w[i] -= lr * step[i];
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => _buf is null ? [] : [("b", _buf)];
}

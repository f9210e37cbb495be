namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// optax.contrib.prodigy over the whole parameter tree. d (estim_lr) starts at d0 = estim_lr0, the numerator at 0,
/// params0 is the first step's weights. Per step, with the d of the previous step: bc = √(1 − β2^t) / (1 − β1^t);
/// dlr = d · lr · bc; dg = d g; acc = Σ g·(params0 − w) over all tensors; m ← β1 m + (1 − β1) dg;
/// v ← β2 v + (1 − β2) dg²; s ← β3 s + (safeguard ? d : dlr) · dg / d0; num ← β3 num + (d / d0) dlr acc;
/// d ← max(d, coef · num / Σ|s|); w ← w − λ dlr w − dlr m / (√v + d_new ε). β3 defaults to √β2.
/// The weights are kept in float32 between steps, as the peer keeps them (see <see cref="StepReference.StoreAsFloat32"/>).
/// </summary>
public sealed class ProdigyReference : StepReference
{
    private readonly double _b1, _b2, _b3, _eps, _d0, _coef, _weightDecay;
    private readonly bool _safeguard;
    private readonly double[][] _m, _v, _s;
    private double[][]? _x0;
    private double _d, _numerator;

    public ProdigyReference(Prodigy o, int[] lengths)
    {
        _b1 = F(o.Beta1);
        _b2 = F(o.Beta2);
        _b3 = o.Beta3 < 0 ? Math.Sqrt(_b2) : F(o.Beta3);
        _eps = F(o.Eps);
        _d0 = F(o.EstimLr0);
        _coef = F(o.EstimLrCoef);
        _weightDecay = F(o.WeightDecay);
        _safeguard = o.SafeguardWarmup;
        _m = Array.ConvertAll(lengths, n => new double[n]);
        _v = Array.ConvertAll(lengths, n => new double[n]);
        _s = Array.ConvertAll(lengths, n => new double[n]);
        _d = _d0;
    }

    public override void Step(double[][] w, double[][] grad, long t, double lr)
    {
        _x0 ??= Copy(w);
        double[][] x0 = _x0;
        double d = _d;
        double dlr = d * lr * Math.Sqrt(1 - Math.Pow(_b2, t)) / (1 - Math.Pow(_b1, t));
        double acc = SumOver(w, (k, i) => grad[k][i] * (x0[k][i] - w[k][i]));
        for (int k = 0; k < w.Length; k++)
        {
            for (int i = 0; i < w[k].Length; i++)
            {
                double dg = d * grad[k][i];
                _m[k][i] = _b1 * _m[k][i] + (1 - _b1) * dg;
                _v[k][i] = _b2 * _v[k][i] + (1 - _b2) * dg * dg;
                _s[k][i] = _b3 * _s[k][i] + (_safeguard ? d : dlr) * dg / _d0;
            }
        }
        _numerator = _b3 * _numerator + d / _d0 * dlr * acc;
        double denominator = SumOver(_s, (k, i) => Math.Abs(_s[k][i]));
        _d = Math.Max(d, _coef * _numerator / denominator);
        for (int k = 0; k < w.Length; k++)
            for (int i = 0; i < w[k].Length; i++)
                w[k][i] += -_weightDecay * dlr * w[k][i] - dlr * _m[k][i] / (Math.Sqrt(_v[k][i]) + _d * _eps);
        StoreAsFloat32(w);
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers(int k)
        => [("m", _m[k]), ("v", _v[k]), ("s", _s[k]), ("x0", _x0![k])];

    public override IEnumerable<(string Name, double Value)> Scalars(int k) => [("d", _d), ("num", _numerator)];
}

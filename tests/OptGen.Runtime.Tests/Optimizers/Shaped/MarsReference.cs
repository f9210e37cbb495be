namespace OptGen.Runtime.Tests.Optimizers.Shaped;

/// <summary>
/// timm MARS (timm/optim/mars.py, <c>_mars_single_tensor_step</c>). A tensor of rank ≥ 2 (or any with optimize_1d):
/// c = g on step 1, else g + γ·β1/(1 − β1)·(g − last_grad) divided by its norm when that is above 1; m = β1 m +
/// (1 − β1) c; the step direction is m (or, with caution, m masked to where m·g &gt; 0 over the kept share, at least
/// 1e-3); "adamw": v = β2 v + (1 − β2) c², u = (m / (1 − β1^t)) / (√v / √(1 − β2^t) + ε); "lion": u = sign(m), v
/// untouched; w −= lr (λ w + u). Otherwise AdamW on g with betas_1d (None: the betas) and rate lr · lr_1d_factor.
/// last_grad becomes g.
/// </summary>
public sealed class MarsReference(Mars o, int[] shape) : ShapedReference(shape)
{
    private readonly double[] _m = new double[ShapedProblem.Length(shape)];
    private readonly double[] _v = new double[ShapedProblem.Length(shape)];
    private readonly double[] _last = new double[ShapedProblem.Length(shape)];

    public override void Step(double[] w, double[] g, long t, double lr)
    {
        double eps = F(o.Eps), decay = F(o.WeightDecay);
        var u = new double[Length];
        if (Shape.Length >= 2 || o.Optimize1d)
        {
            double beta1 = F(o.Beta1), beta2 = F(o.Beta2);
            double[] c = (double[])g.Clone();
            if (t > 1)
            {
                for (int i = 0; i < Length; i++)
                    c[i] = (g[i] - _last[i]) * (F(o.Gamma) * (beta1 / (1 - beta1))) + g[i];
                double norm = Norm(c);
                if (norm > 1)
                    for (int i = 0; i < Length; i++)
                        c[i] /= norm;
            }
            for (int i = 0; i < Length; i++)
                _m[i] = _m[i] * beta1 + (1 - beta1) * c[i];
            double[] direction = Cautious(g);
            for (int i = 0; i < Length; i++)
            {
                if (o.MarsType == Mars.TypeAdamW)
                {
                    _v[i] = _v[i] * beta2 + (1 - beta2) * c[i] * c[i];
                    u[i] = direction[i] / (1 - Math.Pow(beta1, t)) / (Math.Sqrt(_v[i]) / Math.Sqrt(1 - Math.Pow(beta2, t)) + eps);
                }
                else
                {
                    u[i] = Math.Sign(direction[i]);
                }
            }
        }
        else
        {
            double beta1 = o.Beta1For1d < 0 ? F(o.Beta1) : F(o.Beta1For1d), beta2 = o.Beta2For1d < 0 ? F(o.Beta2) : F(o.Beta2For1d);
            for (int i = 0; i < Length; i++)
            {
                _m[i] = _m[i] * beta1 + (1 - beta1) * g[i];
                _v[i] = _v[i] * beta2 + (1 - beta2) * g[i] * g[i];
            }
            double[] direction = Cautious(g);
            for (int i = 0; i < Length; i++)
                u[i] = direction[i] / (1 - Math.Pow(beta1, t)) / (Math.Sqrt(_v[i]) / Math.Sqrt(1 - Math.Pow(beta2, t)) + eps);
            lr *= F(o.Lr1dFactor);
        }
        for (int i = 0; i < Length; i++)
        {
            w[i] -= lr * (w[i] * decay + u[i]);
            _last[i] = g[i];
        }
    }

    // The momentum, or with caution the momentum where it agrees in sign with g, divided by the share of such elements.
    private double[] Cautious(double[] g) => o.Caution ? Caution.Mask(_m, g) : _m;

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("m", _m), ("v", _v), ("lastGrad", _last)];
}

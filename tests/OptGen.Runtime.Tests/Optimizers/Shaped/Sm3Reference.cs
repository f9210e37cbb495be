namespace OptGen.Runtime.Tests.Optimizers.Shaped;

/// <summary>
/// optax.sm3 (Optax 0.2.8, <c>scale_by_sm3</c> then <c>scale(−lr)</c>): one accumulator per index of every dimension
/// (a rank-1 tensor: per element); s = c0·g² + c1·min over the dimensions of the element's accumulators, with
/// (c0, c1) = (1, 1) when b2 = 1, else (1 − b2, b2); the update where s &gt; 0 is g / √(s + eps), else 0; nu =
/// (1 − b1)·update + b1·nu; every accumulator becomes the max of s over the elements it covers; w −= lr·nu.
/// With <paramref name="mergeLeading"/> the dimensions before the last two are taken as one (our cover of a tensor
/// of rank ≥ 4, docs/library.md), which is not Optax's.
/// </summary>
public sealed class Sm3Reference : ShapedReference
{
    private readonly Sm3 _o;
    private readonly int[] _dims;
    private readonly double[][] _mu;
    private readonly double[] _nu;

    public Sm3Reference(Sm3 o, int[] shape, bool mergeLeading = false) : base(shape)
    {
        _o = o;
        _dims = mergeLeading && shape.Length > 3 ? [Length / (shape[^2] * shape[^1]), shape[^2], shape[^1]] : shape;
        _mu = _dims.Select(d => new double[d]).ToArray();
        _nu = new double[Length];
    }

    public override void Step(double[] w, double[] g, long t, double lr)
    {
        double b2 = F(_o.Beta2), b1 = F(_o.Momentum);
        (double c0, double c1) = b2 != 1.0 ? (1 - b2, b2) : (1.0, 1.0);
        var s = new double[Length];
        var index = new int[_dims.Length];
        for (int i = 0; i < Length; i++)
        {
            Unravel(i, index);
            double least = double.PositiveInfinity;
            for (int d = 0; d < _dims.Length; d++)
                least = Math.Min(least, _mu[d][index[d]]);
            s[i] = c0 * g[i] * g[i] + c1 * least;
        }
        foreach (double[] accumulator in _mu)
            Array.Fill(accumulator, double.NegativeInfinity);
        for (int i = 0; i < Length; i++)
        {
            Unravel(i, index);
            for (int d = 0; d < _dims.Length; d++)
                _mu[d][index[d]] = Math.Max(_mu[d][index[d]], s[i]);
            double update = s[i] > 0 ? g[i] / Math.Sqrt(s[i] + F(_o.Eps)) : 0;
            _nu[i] = (1 - b1) * update + b1 * _nu[i];
            w[i] -= lr * _nu[i];
        }
    }

    private void Unravel(int flat, int[] index)
    {
        for (int d = _dims.Length - 1; d >= 0; d--)
        {
            index[d] = flat % _dims[d];
            flat /= _dims[d];
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => _dims.Length switch
    {
        1 => [("mu", _mu[0]), ("nu", _nu)],
        2 => [("muRow", _mu[0]), ("muCol", _mu[1]), ("nu", _nu)],
        _ => [("muLead", _mu[0]), ("muRow", _mu[1]), ("muCol", _mu[2]), ("nu", _nu)],
    };
}

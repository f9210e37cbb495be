namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// optax.polyak_sgd = chain(sgd(learning_rate=scaling), scale_by_polyak(max_learning_rate, f_min, eps, variant)); value
/// is the loss the caller passes (<see cref="StepReference.Loss"/>), scaling is lr. sgd gives u = −scaling · g;
/// scale_by_polyak: grad_sq_norm = ‖u‖² over the whole tree; gap = value − f_min (relu'd for "sps+"); step = 0 when
/// grad_sq_norm + eps ≤ float64 ε, else min(gap / (grad_sq_norm + eps), max_learning_rate); w ← w + step · u.
/// </summary>
public sealed class PolyakSgdReference(PolyakSgd o) : StepReference
{
    private readonly double _maxLearningRate = F(o.MaxLearningRate), _fMin = o.FMin, _eps = F(o.Eps);
    private readonly bool _spsPlus = o.SpsPlus;

    public override void Step(double[][] w, double[][] grad, long t, double lr)
    {
        double[][] u = Array.ConvertAll(grad, g => Array.ConvertAll(g, x => -lr * x));
        double gradSqNorm = SquaredNorm(u);
        double gap = Loss - _fMin;
        if (_spsPlus)
            gap = Math.Max(gap, 0);
        double step = gradSqNorm + _eps <= MachineEpsilon ? 0 : Math.Min(gap / (gradSqNorm + _eps), _maxLearningRate);
        for (int k = 0; k < w.Length; k++)
            for (int i = 0; i < w[k].Length; i++)
                w[k][i] += step * u[k][i];
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers(int k) => [];

    public override IEnumerable<(string Name, double Value)> Scalars(int k) => [];
}

namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// optax.optimistic_gradient_descent (optax/_src/alias.py, transform.scale_by_optimistic_gradient): the update
/// (α + β) g − β g_prev, where g_prev is g itself on the initial step; the state keeps g; then −lr.
/// </summary>
public sealed class OptimisticGradientDescentReference(OptimisticGradientDescent o, int length) : TensorReference(length)
{
    private readonly double[] _previous = new double[length];
    private bool _initial = true;

    public override void Step(double[] w, double[] grad, long t, double lr)
    {
        double alpha = F(o.Alpha), beta = F(o.Beta);
        for (int i = 0; i < Length; i++)
        {
            double previous = _initial ? grad[i] : _previous[i];
            w[i] += -lr * ((alpha + beta) * grad[i] - beta * previous);
            _previous[i] = grad[i];
        }
        _initial = false;
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers => [("previous", _previous)];
}

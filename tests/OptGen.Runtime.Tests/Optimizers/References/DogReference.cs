namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// optax.contrib.dog = chain(add_decayed_weights, scale_by_dog(init_step, eps), scale_by_learning_rate), over the
/// whole tree. At init: params0 = w and r = value · (1 + ‖w‖) ("heuristic"), value ("distance") or 0
/// ("learning_rate"). Per step (g including the decay): r ← max(r, ‖params0 − w‖); G ← G + ‖g‖²;
/// η = r / √(G + ε), or the init value on the first step for "learning_rate"; w ← w − lr η g.
/// The weights are kept in float32 between steps, as the peer keeps them (see <see cref="StepReference.StoreAsFloat32"/>).
/// </summary>
public sealed class DogReference : StepReference
{
    private readonly int _initType;
    private readonly double _initValue, _eps, _weightDecay;
    private double[][]? _x0;
    private double _r, _gradSquares;

    public DogReference(Dog o, int[] lengths)
    {
        _initType = o.InitStepType;
        _initValue = F(o.InitStep);
        _eps = F(o.Eps);
        _weightDecay = F(o.WeightDecay);
    }

    public override void Step(double[][] w, double[][] grad, long t, double lr)
    {
        if (_x0 is null)
        {
            _x0 = Copy(w);
            _r = _initType switch
            {
                Dog.Heuristic => _initValue * (1 + Math.Sqrt(SquaredNorm(w))),
                Dog.Distance => _initValue,
                _ => 0,
            };
        }
        double[][] g = PlusDecay(grad, w, _weightDecay);
        _r = Math.Max(_r, Math.Sqrt(SquaredDistance(_x0, w)));
        _gradSquares += SquaredNorm(g);
        double eta = _initType == Dog.FirstStepSize && t == 1 ? _initValue : _r / Math.Sqrt(_gradSquares + _eps);
        Descend(w, g, lr, eta);
        StoreAsFloat32(w);
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers(int k) => [("x0", _x0![k])];

    public override IEnumerable<(string Name, double Value)> Scalars(int k) => [("r", _r), ("gSum", _gradSquares)];
}

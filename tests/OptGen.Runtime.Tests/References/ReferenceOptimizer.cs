namespace OptGen.Runtime.Tests.References;

/// <summary>
/// A plain float64 model of an optimizer, written statement by statement with whole-tensor meaning: each
/// statement is computed over the whole array before the next starts (see <see cref="Whole"/>). It keeps its
/// own weights and state, and never shares code with the generator.
/// </summary>
public abstract class ReferenceOptimizer
{
    private readonly (string Name, double Init)[] _buffers;
    private readonly (string Name, double Init)[] _scalars;
    private readonly Dictionary<string, double[][]> _bufferValues = new();
    private readonly Dictionary<string, double[]> _scalarValues = new();

    protected ReferenceOptimizer((string Name, double Init)[] buffers, (string Name, double Init)[] scalars)
    {
        _buffers = buffers;
        _scalars = scalars;
    }

    /// <summary>The weights, one array per tensor.</summary>
    public double[][] W { get; private set; } = [];

    /// <summary>Steps taken; <c>t</c> of the step being computed inside <see cref="Update"/>.</summary>
    public long T { get; private set; }

    /// <summary>Per-element states by name, one array per tensor.</summary>
    public IReadOnlyDictionary<string, double[][]> Buffers => _bufferValues;

    /// <summary>Per-tensor scalar states by name, one value per tensor.</summary>
    public IReadOnlyDictionary<string, double[]> Scalars => _scalarValues;

    /// <summary>Takes a copy of the initial weights and creates the state, as the first step does.</summary>
    public void Start(IReadOnlyList<float[]> weights)
    {
        W = new double[weights.Count][];
        for (int k = 0; k < W.Length; k++)
            W[k] = Array.ConvertAll(weights[k], x => (double)x);
        foreach ((string name, double init) in _buffers)
        {
            var arrays = new double[W.Length][];
            for (int k = 0; k < W.Length; k++)
            {
                arrays[k] = new double[W[k].Length];
                Array.Fill(arrays[k], init);
            }
            _bufferValues[name] = arrays;
        }
        foreach ((string name, double init) in _scalars)
        {
            var values = new double[W.Length];
            Array.Fill(values, init);
            _scalarValues[name] = values;
        }
        T = 0;
    }

    /// <summary>One step with these gradients (not modified) and learning rate.</summary>
    public void Step(double[][] grads, double lr)
    {
        T++;
        Update(grads, lr);
    }

    /// <summary>The update of step <see cref="T"/>.</summary>
    protected abstract void Update(double[][] grads, double lr);

    protected double[] Buffer(string name, int tensor) => _bufferValues[name][tensor];

    protected ref double Scalar(string name, int tensor) => ref _scalarValues[name][tensor];
}

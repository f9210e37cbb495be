using OptGen.Internal;

namespace OptGen.Runtime.Tests.Optimizers.References;

/// <summary>
/// optax.noisy_sgd = chain(add_noise(eta, gamma), scale_by_learning_rate): with count_inc = t,
/// σ = √(eta / t^gamma); u = g + σ · noise; w ← w − lr u. The noise is not JAX's (its PRNG is not reproducible here):
/// each element's standard normal is the one our update draws, <see cref="DslRandom"/>'s for (Seed, t, tensor k,
/// element i, the formula's first call site), computed here on its own, one lane at a time.
/// </summary>
public sealed class NoisySgdReference(NoisySgd o) : StepReference
{
    private readonly double _eta = F(o.Eta), _gamma = F(o.Gamma);
    private readonly ulong _seed = o.Seed;

    public override void Step(double[][] w, double[][] grad, long t, double lr)
    {
        double sigma = Math.Sqrt(_eta / Math.Pow(t, _gamma));
        for (int k = 0; k < w.Length; k++)
        {
            ulong key = DslRandom.Key(_seed, t, k);
            for (int i = 0; i < w[k].Length; i++)
            {
                float noise = 0;
                F32x1.Store(ref noise, 0, DslRandom.Normal<F32x1>(key, i, site: 0));
                w[k][i] -= lr * (grad[k][i] + sigma * noise);
            }
        }
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers(int k) => [];

    public override IEnumerable<(string Name, double Value)> Scalars(int k) => [];
}

using System;
using System.Collections.Generic;

namespace OptGen.TestSupport;

/// <summary>
/// The float64 reference of one optimizer over all tensors of a step. Most optimizers treat each tensor on its
/// own (<see cref="PerTensorReference"/>); those whose step sizes come from sums over every tensor (Prodigy, DoG,
/// DoWG) derive from this directly.
/// </summary>
public abstract class StepReference
{
    /// <summary>
    /// One step: updates each <paramref name="w"/>[k] in place from <paramref name="grad"/>[k] (read only).
    /// <paramref name="t"/> is 1 on the first step; <paramref name="lr"/> is this step's learning rate.
    /// </summary>
    public abstract void Step(double[][] w, double[][] grad, long t, double lr);

    /// <summary>
    /// The loss the caller set before this step (<c>ILossAware.Loss</c>), for optimizers whose update reads it (MoMo,
    /// Polyak); NaN until set, so a reference that reads it unset poisons the comparison instead of passing.
    /// </summary>
    public double Loss { get; set; } = double.NaN;

    /// <summary>float64's machine epsilon, 2⁻⁵², which Optax's <c>jnp.finfo(float).eps</c> guards compare against.</summary>
    protected const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>State of tensor <paramref name="k"/> that our optimizer also keeps, keyed by our buffer name.</summary>
    public abstract IEnumerable<(string Name, double[] Values)> Buffers(int k);

    /// <summary>Per-tensor scalar state of tensor <paramref name="k"/> that our optimizer also keeps, keyed by our scalar name.</summary>
    public abstract IEnumerable<(string Name, double Value)> Scalars(int k);

    /// <summary>A float hyperparameter as the optimizer holds it (float32), widened exactly.</summary>
    protected static double F(float value) => value;

    /// <summary>Σ_k Σ_i f(k, i) over every element of every tensor.</summary>
    protected static double SumOver(double[][] tensors, Func<int, int, double> f)
    {
        double s = 0;
        for (int k = 0; k < tensors.Length; k++)
            for (int i = 0; i < tensors[k].Length; i++)
                s += f(k, i);
        return s;
    }

    /// <summary>
    /// Rounds every weight to float32, as the peer stores its parameters. Methods that measure the distance from the
    /// initial weights (Prodigy, DoG, DoWG) see the first steps' tiny moves through that rounding: the distance is a
    /// difference of nearly equal float32 numbers, so its relative error is large (percent) in the peer too. Without
    /// this, a float64 reference would differ from any float32 implementation there by far more than the tolerance.
    /// </summary>
    protected static void StoreAsFloat32(double[][] w)
    {
        foreach (double[] tensor in w)
            for (int i = 0; i < tensor.Length; i++)
                tensor[i] = (float)tensor[i];
    }

    /// <summary>Σ x² over every element of every tensor (the squared norm of the whole tree).</summary>
    protected static double SquaredNorm(double[][] x) => SumOver(x, (k, i) => x[k][i] * x[k][i]);

    /// <summary>Σ (a − b)² over every element of every tensor.</summary>
    protected static double SquaredDistance(double[][] a, double[][] b) => SumOver(a, (k, i) => (a[k][i] - b[k][i]) * (a[k][i] - b[k][i]));

    /// <summary>A new gradient tree g + λ w (Optax's add_decayed_weights ahead of a transform).</summary>
    protected static double[][] PlusDecay(double[][] grad, double[][] w, double decay)
    {
        double[][] g = Copy(grad);
        for (int k = 0; k < g.Length; k++)
            for (int i = 0; i < g[k].Length; i++)
                g[k][i] += decay * w[k][i];
        return g;
    }

    /// <summary>w ← w − lr (η g) for every element: a plain scaled step, as scale_by_learning_rate after a scale.</summary>
    protected static void Descend(double[][] w, double[][] g, double lr, double eta)
    {
        for (int k = 0; k < w.Length; k++)
            for (int i = 0; i < w[k].Length; i++)
                w[k][i] -= lr * (eta * g[k][i]);
    }

    /// <summary>A deep copy of <paramref name="tensors"/>.</summary>
    protected static double[][] Copy(double[][] tensors) => Array.ConvertAll(tensors, x => (double[])x.Clone());
}

/// <summary>A reference that steps each tensor on its own with a <see cref="TensorReference"/>.</summary>
public sealed class PerTensorReference(TensorReference[] tensors) : StepReference
{
    public override void Step(double[][] w, double[][] grad, long t, double lr)
    {
        for (int k = 0; k < tensors.Length; k++)
            tensors[k].Step(w[k], grad[k], t, lr);
    }

    public override IEnumerable<(string Name, double[] Values)> Buffers(int k) => tensors[k].Buffers;

    public override IEnumerable<(string Name, double Value)> Scalars(int k) => tensors[k].Scalars;
}

using System;
using System.Collections.Generic;

namespace OptGen.TestSupport;

/// <summary>
/// The float64 reference state and update of one parameter tensor. Written from the documented algorithm
/// (PyTorch / Optax), not from our DSL formulas.
/// </summary>
public abstract class TensorReference
{
    protected TensorReference(int length) => Length = length;

    /// <summary>Number of elements of the tensor.</summary>
    public int Length { get; }

    /// <summary>
    /// One step: updates <paramref name="w"/> in place from the gradient <paramref name="grad"/> (read only).
    /// <paramref name="t"/> is 1 on the first step; <paramref name="lr"/> is this step's learning rate.
    /// </summary>
    public abstract void Step(double[] w, double[] grad, long t, double lr);

    /// <summary>State our optimizer also keeps, keyed by our buffer name (only where the algorithm has it).</summary>
    public virtual IEnumerable<(string Name, double[] Values)> Buffers => [];

    /// <summary>Per-tensor scalar state our optimizer also keeps, keyed by our scalar name.</summary>
    public virtual IEnumerable<(string Name, double Value)> Scalars => [];

    /// <summary>A float hyperparameter as the optimizer holds it (float32), widened exactly.</summary>
    protected static double F(float value) => value;

    /// <summary>
    /// Element <paramref name="i"/> of the gradient as torch's Adam family takes it: negated to maximize, then the weight
    /// decay, coupled (g + λ w) or decoupled (w ← w · (1 − lr · λ), applied here).
    /// </summary>
    protected static double DecayedGradient(double[] w, double[] grad, int i, double lr, double weightDecay, bool decoupled, bool maximize)
    {
        double g = maximize ? -grad[i] : grad[i];
        if (weightDecay != 0)
        {
            if (decoupled)
                w[i] *= 1 - lr * weightDecay;
            else
                g += weightDecay * w[i];
        }
        return g;
    }

    protected static double[] Filled(int length, double value)
    {
        var a = new double[length];
        Array.Fill(a, value);
        return a;
    }
}

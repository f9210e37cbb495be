using System;

namespace OptGen;

/// <summary>
/// An optimizer whose weights where gradients are taken are not the ones to evaluate the model at: schedule-free
/// methods train at <c>y</c> and evaluate at the average <c>x</c> (PyTorch schedulefree's <c>optimizer.eval()</c>,
/// Optax's <c>schedule_free_eval_params</c>). <c>Trainer</c> (OptGen.Training) swaps these weights in for evaluation
/// (validation, <c>Trainer.Evaluate</c>, the best weights it keeps) and the training weights back
/// out, bit for bit.
/// </summary>
public interface IEvaluationWeights
{
    /// <summary>
    /// True when <see cref="WriteEvaluationWeights"/> has weights to write (after the first step, and when the
    /// evaluation point differs from the training weights at all); false means evaluate at the weights as they are.
    /// </summary>
    bool HasEvaluationWeights { get; }

    /// <summary>
    /// Writes the evaluation weights of tensor <paramref name="tensorIndex"/> (in the order given to <c>Step</c>) into
    /// <paramref name="destination"/>, which may be that parameter's own <see cref="Parameter.Value"/>. Allocates nothing.
    /// </summary>
    void WriteEvaluationWeights(int tensorIndex, Span<float> destination);
}

using System;

namespace OptGen;

/// <summary>
/// An optimizer: updates parameters from their gradients. Implemented by the generator for every
/// <see cref="OptimizerAttribute"/> class.
/// </summary>
public interface IOptimizer
{
    /// <summary>The base learning rate; <c>lr</c> in formulas when no <see cref="Schedule"/> is set.</summary>
    float LearningRate { get; set; }

    /// <summary>When set, <c>lr</c> in formulas is this schedule's value for the step.</summary>
    ILearningRateSchedule? Schedule { get; set; }

    /// <summary>Steps taken so far.</summary>
    long StepCount { get; }

    /// <summary>The per-tensor state (buffers and scalars), created on the first step.</summary>
    OptimizerState State { get; }

    /// <summary>
    /// Applies one update to every parameter given. The first call allocates state for exactly these
    /// tensors; later calls must pass the same tensors in the same order, or an <see cref="ArgumentException"/>
    /// is thrown and nothing changes.
    /// </summary>
    void Step(params ReadOnlySpan<Parameter> parameters);

    /// <summary>Forgets all state and the step count, as if newly created (hyperparameters are kept).</summary>
    void Reset();
}

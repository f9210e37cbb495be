using System;

namespace OptGen;

/// <summary>
/// Marks a top-level, non-generic <c>partial class</c> as an optimizer whose update rule is given by an
/// <see cref="UpdateAttribute"/>. The OptGen source generator implements <c>OptGen.IOptimizer</c> on the
/// class with fused, allocation-free SIMD loops, plus the <c>LearningRate</c> and <c>Schedule</c> properties.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class OptimizerAttribute : Attribute
{
    /// <summary>Default value of the generated <c>LearningRate</c> property (1e-3 unless set).</summary>
    public double LearningRate { get; set; } = 1e-3;
}

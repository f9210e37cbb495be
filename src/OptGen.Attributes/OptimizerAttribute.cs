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

    /// <summary>
    /// How formulas see a tensor as matrices: <see cref="TensorView.Stack"/> (the default, as torch.optim.Adafactor) or
    /// <see cref="TensorView.Channels"/> (rows are the first dimension, as timm's AdamP). A rank-1 tensor is one row.
    /// </summary>
    public TensorView View { get; set; }

    /// <summary>The smallest rank the optimizer takes (0: any). A tensor of lower rank is an ArgumentException at the step.</summary>
    public int MinRank { get; set; }

    /// <summary>The largest rank the optimizer takes (0: any). A tensor of higher rank is an ArgumentException at the step.</summary>
    public int MaxRank { get; set; }
}

/// <summary>How a tensor of rank 2 or more is seen as a stack of matrices by formulas.</summary>
public enum TensorView
{
    /// <summary>A stack of matrices over the last two dimensions: [d0, …, dk, rows, cols] is d0·…·dk matrices.</summary>
    Stack = 0,

    /// <summary>One matrix whose rows are the first dimension (channels) and whose columns are the rest, flattened.</summary>
    Channels = 1,
}

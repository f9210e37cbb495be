using System;

namespace OptGen;

/// <summary>
/// Declares one piece of optimizer state. By default a per-element buffer with the parameter's length,
/// zero-initialised; with <see cref="Scalar"/> one value per parameter tensor carried between steps.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class StateAttribute : Attribute
{
    /// <summary>Declares the state <paramref name="name"/>, the name formulas use for it.</summary>
    public StateAttribute(string name) => Name = name;

    /// <summary>The name formulas use for this state.</summary>
    public string Name { get; }

    /// <summary>Initial value of every element (or of the scalar) before the first step. Default 0.</summary>
    public double Init { get; set; }

    /// <summary>
    /// When true, a per-element state starts as a copy of the parameter's values when its state is allocated (the first
    /// step, or the first after <c>Reset</c>), the weights before any update: MADGRAD's and DoG's initial point
    /// <c>x0</c>, schedule-free's <c>z</c>. Not allowed with <see cref="Scalar"/>, a factored <see cref="Shape"/> or a
    /// nonzero <see cref="Init"/> (OPTG0040).
    /// </summary>
    public bool InitFromWeights { get; set; }

    /// <summary>When true, the state is one value per parameter tensor rather than one per element.</summary>
    public bool Scalar { get; set; }

    /// <summary>
    /// When true, the state is one value for the whole optimizer, shared by all tensors of a step and kept between steps
    /// (Prodigy's <c>d</c>, DoG's running maximum distance); it implies <see cref="Scalar"/>. It can be assigned only
    /// per-step values (hyperparameters, <c>t</c>, <c>lr</c>, global reductions, other shared states), outside shape
    /// branches (OPTG0042). Stored once in <c>OptimizerState.SharedScalars</c> and in checkpoints.
    /// </summary>
    public bool Shared { get; set; }

    /// <summary>
    /// How a per-element state is stored. <see cref="StateStorage.BFloat16"/> halves its memory and traffic; the
    /// arithmetic stays float32 (values are widened on load and rounded to nearest-even on store).
    /// </summary>
    public StateStorage Storage { get; set; }

    /// <summary>
    /// How many values the state holds, in the tensor's matrix view (see <see cref="OptimizerAttribute.View"/>): one per
    /// element (the default), or factored — one per row, per column or per matrix of the stack, or one per row or column
    /// index shared by the matrices of the stack. A factored state is read along its axes and broadcast over the others.
    /// </summary>
    public StateShape Shape { get; set; }
}

/// <summary>The values a <see cref="StateAttribute"/> holds, in the tensor's matrix view (a stack of matrices).</summary>
public enum StateShape
{
    /// <summary>One value per element (the default).</summary>
    Element = 0,

    /// <summary>One value per row of each matrix (Adafactor's row factor): matrices × rows.</summary>
    Row = 1,

    /// <summary>One value per column of each matrix (Adafactor's column factor): matrices × columns.</summary>
    Column = 2,

    /// <summary>One value per matrix of the stack.</summary>
    Matrix = 3,

    /// <summary>One value per row index, shared by all matrices of the stack (SM3's cover of that axis).</summary>
    RowIndex = 4,

    /// <summary>One value per column index, shared by all matrices of the stack.</summary>
    ColumnIndex = 5,
}

/// <summary>Storage precision of a per-element state buffer.</summary>
public enum StateStorage
{
    /// <summary>32-bit IEEE floats (the default).</summary>
    Float32 = 0,

    /// <summary>bfloat16: float32's exponent with an 8-bit significand, 2 bytes per element.</summary>
    BFloat16 = 1,
}

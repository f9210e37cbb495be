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

    /// <summary>When true, the state is one value per parameter tensor rather than one per element.</summary>
    public bool Scalar { get; set; }

    /// <summary>
    /// How a per-element state is stored. <see cref="StateStorage.BFloat16"/> halves its memory and traffic; the
    /// arithmetic stays float32 (values are widened on load and rounded to nearest-even on store).
    /// </summary>
    public StateStorage Storage { get; set; }
}

/// <summary>Storage precision of a per-element state buffer.</summary>
public enum StateStorage
{
    /// <summary>32-bit IEEE floats (the default).</summary>
    Float32 = 0,

    /// <summary>bfloat16: float32's exponent with an 8-bit significand, 2 bytes per element.</summary>
    BFloat16 = 1,
}

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
}

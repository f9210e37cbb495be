using System;

namespace OptGen;

/// <summary>
/// Marks a <c>partial</c> property of type <c>float</c>, <c>double</c>, <c>int</c>, <c>long</c> or <c>bool</c>
/// as a hyperparameter. The generator implements the property: it starts at the default given here and its
/// setter rejects NaN and values outside [<see cref="Min"/>, <see cref="Max"/>] with
/// <see cref="ArgumentOutOfRangeException"/>. Formulas refer to it by its C# name.
/// A <c>bool</c> hyperparameter selects a variant: the generator emits a specialised loop for each value.
/// It may also mark a <c>{ get; set; }</c> property of an interface: every [Optimizer] or [Schedule] class that
/// implements the interface gets the property, unless it declares one of that name itself (a family of optimizers
/// declares its shared hyperparameters once; see docs/dsl.md).
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class HyperparameterAttribute : Attribute
{
    /// <summary>A numeric hyperparameter with the given default.</summary>
    public HyperparameterAttribute(double defaultValue) => Default = defaultValue;

    /// <summary>A <c>bool</c> hyperparameter (a variant switch) with the given default.</summary>
    public HyperparameterAttribute(bool defaultValue) => Default = defaultValue ? 1 : 0;

    /// <summary>The default value (for a <c>bool</c>: 1 for true, 0 for false).</summary>
    public double Default { get; }

    /// <summary>Smallest accepted value (inclusive). Default: no lower bound.</summary>
    public double Min { get; set; } = double.NegativeInfinity;

    /// <summary>Largest accepted value (inclusive). Default: no upper bound.</summary>
    public double Max { get; set; } = double.PositiveInfinity;
}

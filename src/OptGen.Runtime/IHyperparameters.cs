using System;
using System.Collections.Generic;

namespace OptGen;

/// <summary>The C# type of a hyperparameter.</summary>
public enum HyperparameterKind
{
    /// <summary><c>float</c>.</summary>
    Float,

    /// <summary><c>double</c>.</summary>
    Double,

    /// <summary><c>int</c>.</summary>
    Int,

    /// <summary><c>long</c>.</summary>
    Long,

    /// <summary><c>bool</c> (a variant switch).</summary>
    Bool,
}

/// <summary>One hyperparameter as declared: its property name, type, default and allowed range.</summary>
/// <param name="Name">The property's name, as formulas use it.</param>
/// <param name="Kind">Its C# type.</param>
/// <param name="Default">Its default (a bool as 0 or 1).</param>
/// <param name="Min">The smallest value allowed (−∞ when unbounded).</param>
/// <param name="Max">The largest value allowed (+∞ when unbounded).</param>
public sealed record HyperparameterInfo(string Name, HyperparameterKind Kind, double Default, double Min, double Max);

/// <summary>
/// The hyperparameters of an optimizer or schedule by name, for tools (a command line's <c>--set Beta2=0.98</c>, a
/// sweep, a schedule on any hyperparameter). Every class declared with OptGen implements it. Values travel as
/// <c>double</c>: a bool is 0 or 1, an integer must be whole.
/// </summary>
public interface IHyperparameters
{
    /// <summary>Every hyperparameter, in declaration order (transforms' settings such as <c>MaxGradientNorm</c> included).</summary>
    IReadOnlyList<HyperparameterInfo> Hyperparameters { get; }

    /// <summary>The current value of the named hyperparameter.</summary>
    /// <exception cref="ArgumentException">There is no hyperparameter of that name.</exception>
    double GetHyperparameter(string name);

    /// <summary>Sets the named hyperparameter through its property, so the property's own validation applies.</summary>
    /// <exception cref="ArgumentException">There is no hyperparameter of that name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside the property's range, not whole for an integer, or not 0 or 1 for a bool.</exception>
    void SetHyperparameter(string name, double value);
}

using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;

namespace OptGen.Internal;

/// <summary>Conversions from <c>double</c> for generated <see cref="IHyperparameters.SetHyperparameter"/> methods.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class HyperparameterValues
{
    /// <summary>A whole number in the range of <c>int</c>.</summary>
    public static int ToInt32(string name, double value) =>
        value == Math.Floor(value) && value >= int.MinValue && value <= int.MaxValue
            ? (int)value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} is an int: the value must be a whole number.");

    /// <summary>A whole number in the range of <c>long</c>.</summary>
    public static long ToInt64(string name, double value) =>
        value == Math.Floor(value) && value >= long.MinValue && value < 9.2233720368547758E18
            ? (long)value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} is a long: the value must be a whole number.");

    /// <summary>0 (false) or 1 (true).</summary>
    public static bool ToBoolean(string name, double value) => value switch
    {
        0 => false,
        1 => true,
        _ => throw new ArgumentOutOfRangeException(name, value, $"{name} is a bool: the value must be 0 (false) or 1 (true)."),
    };

    /// <summary>The error for a name that is not one of the class's hyperparameters, listing those that are.</summary>
    public static ArgumentException Unknown(string owner, string name, IReadOnlyList<HyperparameterInfo> known) =>
        new($"{owner} has no hyperparameter '{name}'. Its hyperparameters are: {(known.Count == 0 ? "none" : string.Join(", ", known.Select(h => h.Name)))}.", nameof(name));
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace OptGen.TestSupport;

/// <summary>
/// The scale a tensor's error is measured against when its values may cancel: the largest magnitude that tensor has had
/// so far. A momentum sum, or a weight on its way through zero to its target, can become much smaller than it was while
/// still carrying the float rounding of its earlier values; measured against its own size there, that rounding looks
/// like an error (a one-element tensor passing near zero). Keyed by whatever names the tensor (its index and buffer).
/// </summary>
public sealed class RunningScales
{
    private readonly Dictionary<string, double> _largest = new();

    /// <summary>The largest |value| of <paramref name="key"/>'s tensor so far, this one included.</summary>
    public double Of(string key, double[] values)
    {
        double scale = Math.Max(_largest.GetValueOrDefault(key), values.Length == 0 ? 0 : values.Max(Math.Abs));
        _largest[key] = scale;
        return scale;
    }
}

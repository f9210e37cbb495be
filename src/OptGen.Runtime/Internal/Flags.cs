using System.ComponentModel;

namespace OptGen.Internal;

// Bool hyperparameters become generic struct arguments of the generated step, so the JIT compiles one
// specialised loop per combination actually used and folds every test of the flag away.

/// <summary>A compile-time bool carried by a struct type argument.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IFlag
{
    /// <summary>The flag's value.</summary>
    static abstract bool Value { get; }
}

/// <summary>The flag that is true.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct True : IFlag
{
    /// <inheritdoc />
    public static bool Value => true;
}

/// <summary>The flag that is false.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct False : IFlag
{
    /// <inheritdoc />
    public static bool Value => false;
}

using System;

namespace OptGen.Interop;

/// <summary>
/// The element types of the safetensors format, spelled as in the file (<c>"F32"</c>, <c>"BF16"</c>, ...). The
/// order is the format's: increasing alignment, which is the order its writer sorts tensors by (largest first).
/// </summary>
#pragma warning disable CA1707 // the members carry the format's own spelling
public enum SafeTensorsDType
{
    /// <summary>Boolean, one byte.</summary>
    BOOL,
    /// <summary>MXFP4 (4 bits).</summary>
    F4,
    /// <summary>MXFP6 E2M3 (6 bits).</summary>
    F6_E2M3,
    /// <summary>MXFP6 E3M2 (6 bits).</summary>
    F6_E3M2,
    /// <summary>Unsigned byte.</summary>
    U8,
    /// <summary>Signed byte.</summary>
    I8,
    /// <summary>FP8 E5M2.</summary>
    F8_E5M2,
    /// <summary>FP8 E4M3.</summary>
    F8_E4M3,
    /// <summary>FP8 E8M0 (a scale).</summary>
    F8_E8M0,
    /// <summary>FP8 E4M3 FNUZ.</summary>
    F8_E4M3FNUZ,
    /// <summary>FP8 E5M2 FNUZ.</summary>
    F8_E5M2FNUZ,
    /// <summary>Signed 16-bit integer.</summary>
    I16,
    /// <summary>Unsigned 16-bit integer.</summary>
    U16,
    /// <summary>IEEE half precision.</summary>
    F16,
    /// <summary>bfloat16: the upper half of a float32.</summary>
    BF16,
    /// <summary>Signed 32-bit integer.</summary>
    I32,
    /// <summary>Unsigned 32-bit integer.</summary>
    U32,
    /// <summary>IEEE single precision.</summary>
    F32,
    /// <summary>Complex number of two float32.</summary>
    C64,
    /// <summary>IEEE double precision.</summary>
    F64,
    /// <summary>Signed 64-bit integer.</summary>
    I64,
    /// <summary>Unsigned 64-bit integer.</summary>
    U64,
}
#pragma warning restore CA1707

/// <summary>Names and sizes of <see cref="SafeTensorsDType"/> values (without reflection, so trimming keeps them).</summary>
public static class SafeTensorsDTypes
{
    private static readonly string[] Names =
    [
        "BOOL", "F4", "F6_E2M3", "F6_E3M2", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0", "F8_E4M3FNUZ", "F8_E5M2FNUZ",
        "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "C64", "F64", "I64", "U64",
    ];

    private static readonly byte[] Bits = [8, 4, 6, 6, 8, 8, 8, 8, 8, 8, 8, 16, 16, 16, 16, 32, 32, 32, 64, 64, 64, 64];

    /// <summary>The name the file uses, e.g. <c>"BF16"</c>.</summary>
    public static string Name(SafeTensorsDType dtype) =>
        (uint)dtype < (uint)Names.Length ? Names[(int)dtype] : throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not a safetensors dtype.");

    /// <summary>Bits per element (4 for <c>F4</c>, 6 for the FP6 types, else a whole number of bytes).</summary>
    public static int BitSize(SafeTensorsDType dtype) =>
        (uint)dtype < (uint)Bits.Length ? Bits[(int)dtype] : throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not a safetensors dtype.");

    /// <summary>The dtype the file calls <paramref name="name"/> (case-sensitive, as the format is), or false.</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out SafeTensorsDType dtype)
    {
        for (int i = 0; i < Names.Length; i++)
        {
            if (name.SequenceEqual(Names[i]))
            {
                dtype = (SafeTensorsDType)i;
                return true;
            }
        }
        dtype = default;
        return false;
    }

    /// <summary>Every name the format defines, for messages.</summary>
    internal static string AllNames => string.Join(", ", Names);
}

using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OptGen.Interop;

/// <summary>Little-endian conversions between tensor bytes and values (a plain copy on little-endian machines).</summary>
internal static class SafeTensorsData
{
    /// <summary>Elements of <typeparamref name="T"/> from the file's little-endian bytes.</summary>
    public static void Read<T>(ReadOnlySpan<byte> source, Span<T> destination) where T : unmanaged
    {
        Span<byte> bytes = MemoryMarshal.AsBytes(destination);
        source[..bytes.Length].CopyTo(bytes);
        if (!BitConverter.IsLittleEndian)
            SwapEach(bytes, Unsafe.SizeOf<T>());
    }

    /// <summary>The little-endian bytes of <paramref name="source"/>.</summary>
    public static void Write<T>(ReadOnlySpan<T> source, Span<byte> destination) where T : unmanaged
    {
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(source);
        bytes.CopyTo(destination);
        if (!BitConverter.IsLittleEndian)
            SwapEach(destination[..bytes.Length], Unsafe.SizeOf<T>());
    }

    private static void SwapEach(Span<byte> bytes, int size)
    {
        for (int i = 0; i < bytes.Length; i += size)
            bytes.Slice(i, size).Reverse();
    }

    /// <summary>The value of a one-element F64, F32, I64 or I32 tensor (exact as a double for each), or null for other dtypes.</summary>
    public static double? ScalarValue(SafeTensorsDType dtype, ReadOnlySpan<byte> data) => dtype switch
    {
        SafeTensorsDType.F64 => BinaryPrimitives.ReadDoubleLittleEndian(data),
        SafeTensorsDType.F32 => BinaryPrimitives.ReadSingleLittleEndian(data),
        SafeTensorsDType.I64 => BinaryPrimitives.ReadInt64LittleEndian(data),
        SafeTensorsDType.I32 => BinaryPrimitives.ReadInt32LittleEndian(data),
        _ => null,
    };
}

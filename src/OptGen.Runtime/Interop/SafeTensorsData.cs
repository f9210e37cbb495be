using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace OptGen.Interop;

/// <summary>Little-endian conversions between tensor bytes and values (a plain copy on little-endian machines).</summary>
internal static class SafeTensorsData
{
    public static void ToFloat32(ReadOnlySpan<byte> source, Span<float> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            source.CopyTo(MemoryMarshal.AsBytes(destination));
            return;
        }
        for (int i = 0; i < destination.Length; i++)
            destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(4 * i)..]);
    }

    public static void FromFloat32(ReadOnlySpan<float> source, Span<byte> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(source).CopyTo(destination);
            return;
        }
        for (int i = 0; i < source.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(destination[(4 * i)..], source[i]);
    }

    public static void ToUInt16(ReadOnlySpan<byte> source, Span<ushort> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            source.CopyTo(MemoryMarshal.AsBytes(destination));
            return;
        }
        for (int i = 0; i < destination.Length; i++)
            destination[i] = BinaryPrimitives.ReadUInt16LittleEndian(source[(2 * i)..]);
    }

    public static void FromUInt16(ReadOnlySpan<ushort> source, Span<byte> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(source).CopyTo(destination);
            return;
        }
        for (int i = 0; i < source.Length; i++)
            BinaryPrimitives.WriteUInt16LittleEndian(destination[(2 * i)..], source[i]);
    }

    public static void FromFloat64(ReadOnlySpan<double> source, Span<byte> destination)
    {
        for (int i = 0; i < source.Length; i++)
            BinaryPrimitives.WriteDoubleLittleEndian(destination[(8 * i)..], source[i]);
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

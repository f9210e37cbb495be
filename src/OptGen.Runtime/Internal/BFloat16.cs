#pragma warning disable CS1591 // one helper per width; the class summary documents them all
using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace OptGen.Internal;

/// <summary>
/// Loads and stores of bfloat16 state buffers for generated loops: a bfloat16 is the upper half of a float32, so
/// widening is a 16-bit shift and narrowing rounds to nearest-even before dropping the low half. Arithmetic stays
/// float32. Buffers are stored two values per float slot (see <see cref="OptGen.OptimizerState"/>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BFloat16
{
    private const MethodImplOptions Inline = MethodImplOptions.AggressiveInlining;

    [MethodImpl(Inline)]
    public static float ToFloat(ushort bits) => BitConverter.UInt32BitsToSingle((uint)bits << 16);

    [MethodImpl(Inline)]
    public static ushort FromFloat(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value))
            return (ushort)((bits >> 16) | 0x40); // keep it a (quiet) NaN
        return (ushort)((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16);
    }

    [MethodImpl(Inline)] public static float Load(ref ushort source, int index) => ToFloat(Unsafe.Add(ref source, index));

    [MethodImpl(Inline)] public static void Store(float value, ref ushort destination, int index) => Unsafe.Add(ref destination, index) = FromFloat(value);

    // Round to nearest-even into the lower half of each lane, as RoundHigh (which says why this is exact), then shifted.
    [MethodImpl(Inline)]
    private static Vector128<uint> Round(Vector128<float> value)
    {
        Vector128<uint> bits = value.AsUInt32();
        Vector128<uint> rounded = (bits | ((bits >> 16) & Vector128<uint>.One)) + Vector128.Create(0x7FFFu);
        if (!Vector128.EqualsAll(value, value))
            rounded = Vector128.ConditionalSelect(Vector128.Equals(value, value).AsUInt32(), rounded, bits | Vector128.Create(0x00400000u));
        return rounded >> 16;
    }

    // Round to nearest-even into the lower half of each lane, as RoundHigh (which says why this is exact), then shifted.
    [MethodImpl(Inline)]
    private static Vector256<uint> Round(Vector256<float> value)
    {
        Vector256<uint> bits = value.AsUInt32();
        Vector256<uint> rounded = (bits | ((bits >> 16) & Vector256<uint>.One)) + Vector256.Create(0x7FFFu);
        if (!Vector256.EqualsAll(value, value))
            rounded = Vector256.ConditionalSelect(Vector256.Equals(value, value).AsUInt32(), rounded, bits | Vector256.Create(0x00400000u));
        return rounded >> 16;
    }

    [MethodImpl(Inline)]
    public static Vector128<float> Load128(ref ushort source, nuint index)
    {
        if (Sse41.IsSupported)
        {
            // pmovzxwd from memory, then a shift: the cheapest widening there is.
            Vector128<ulong> packed = Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref source, index))));
            return Sse2.ShiftLeftLogical(Sse41.ConvertToVector128Int32(packed.AsUInt16()), 16).AsSingle();
        }
        ulong four = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref source, index)));
        return (Vector128.WidenLower(Vector128.CreateScalar(four).AsUInt16()) << 16).AsSingle();
    }

    [MethodImpl(Inline)]
    public static void Store128(Vector128<float> value, ref ushort destination, nuint index)
    {
        // After rounding every lane is at most 0xFFFF, so an unsigned saturating pack is an exact narrowing.
        Vector128<uint> rounded = Round(value);
        Vector128<ushort> narrowed = Sse41.IsSupported
            ? Sse41.PackUnsignedSaturate(rounded.AsInt32(), rounded.AsInt32())
            : Vector128.Narrow(rounded, Vector128<uint>.Zero);
        Unsafe.WriteUnaligned(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref destination, index)), narrowed.AsUInt64().ToScalar());
    }

    [MethodImpl(Inline)]
    public static Vector256<float> Load256(ref ushort source, nuint index)
    {
        Vector128<ushort> eight = Vector128.LoadUnsafe(ref source, index);
        if (Avx2.IsSupported)
            return Avx2.ShiftLeftLogical(Avx2.ConvertToVector256Int32(eight), 16).AsSingle();
        return (Vector256.Create(Vector128.WidenLower(eight), Vector128.WidenUpper(eight)) << 16).AsSingle();
    }

    [MethodImpl(Inline)]
    public static void Store256(Vector256<float> value, ref ushort destination, nuint index)
    {
        Vector256<uint> rounded = Round(value);
        if (Avx2.IsSupported)
        {
            // The pack works per 128-bit lane ([r0..r3 r0..r3 | r4..r7 r4..r7]); gather qwords 0 and 2.
            Vector256<ushort> packed = Avx2.PackUnsignedSaturate(rounded.AsInt32(), rounded.AsInt32());
            Avx2.Permute4x64(packed.AsUInt64(), 0b_00_00_10_00).GetLower().AsUInt16().StoreUnsafe(ref destination, index);
            return;
        }
        Vector128.Narrow(rounded.GetLower(), rounded.GetUpper()).StoreUnsafe(ref destination, index);
    }

    // Two values stored at one index, as two Store256s give them, for fewer operations: one unordered compare checks
    // both for NaN, and one pack and one permute narrow both ([a0..a3 b0..b3 | a4..a7 b4..a7] -> [a0..a7 | b0..b7]).
    // Both are rounded before the check, which only patches a NaN's lanes, so no second copy of the rounding is
    // written out and the loop keeps its registers (Zen 3, AVX2: bfloat16 Adam at 4 Ki 0.68 -> 0.58 ns/param in a
    // hand-written loop; two copies behind the branch, as StorePair512 has, spilled).
    [MethodImpl(Inline)]
    public static void StorePair256(Vector256<float> a, ref ushort aDestination, Vector256<float> b, ref ushort bDestination, nuint index)
    {
        if (!Avx2.IsSupported)
        {
            Store256(a, ref aDestination, index);
            Store256(b, ref bDestination, index);
            return;
        }
        Vector256<uint> aBits = a.AsUInt32(), bBits = b.AsUInt32();
        Vector256<uint> aRounded = (aBits | ((aBits >> 16) & Vector256<uint>.One)) + Vector256.Create(0x7FFFu);
        Vector256<uint> bRounded = (bBits | ((bBits >> 16) & Vector256<uint>.One)) + Vector256.Create(0x7FFFu);
        if (Avx.MoveMask(Avx.Compare(a, b, FloatComparisonMode.UnorderedNonSignaling)) != 0)
        {
            aRounded = Vector256.ConditionalSelect(Vector256.Equals(a, a).AsUInt32(), aRounded, aBits | Vector256.Create(0x00400000u));
            bRounded = Vector256.ConditionalSelect(Vector256.Equals(b, b).AsUInt32(), bRounded, bBits | Vector256.Create(0x00400000u));
        }
        Vector256<ushort> packed = Avx2.PackUnsignedSaturate((aRounded >> 16).AsInt32(), (bRounded >> 16).AsInt32());
        Vector256<ulong> halves = Avx2.Permute4x64(packed.AsUInt64(), 0b_11_01_10_00);
        halves.GetLower().AsUInt16().StoreUnsafe(ref aDestination, index);
        halves.GetUpper().AsUInt16().StoreUnsafe(ref bDestination, index);
    }

    [MethodImpl(Inline)]
    public static Vector512<float> Load512(ref ushort source, nuint index)
    {
        Vector256<ushort> sixteen = Vector256.LoadUnsafe(ref source, index);
        if (Avx512BW.IsSupported)
        {
            // One word permute puts each bfloat16 in the upper half of its float, taking the lower halves from the zero
            // upper half of the widened load: one operation where a vpmovzxwd and a shift were two (Zen 4, .NET 10:
            // bfloat16 Adam at 4 Ki 0.339 -> 0.334 ns/param with the stores below).
            Vector512<ushort> spread = Vector512.Create(
                (ushort)16, 0, 16, 1, 16, 2, 16, 3, 16, 4, 16, 5, 16, 6, 16, 7, 16, 8, 16, 9, 16, 10, 16, 11, 16, 12, 16, 13, 16, 14, 16, 15);
            return Avx512BW.PermuteVar32x16(sixteen.ToVector512(), spread).AsSingle();
        }
        return (Vector512.Create(Vector256.WidenLower(sixteen), Vector256.WidenUpper(sixteen)) << 16).AsSingle();
    }

    [MethodImpl(Inline)]
    public static void Store512(Vector512<float> value, ref ushort destination, nuint index) => Store512(value, ref destination, index, nanFree: false);

    // Two values stored at one index with one check for NaN instead of two: one unordered compare covers both. In
    // cache a bfloat16 kernel is bound by its vector operations, and the check was most of what its stores cost over
    // fp32's (Zen 4: bfloat16 Adam at 4 Ki 0.362-0.369 -> 0.341-0.350 ns/param with the moments' stores paired; fp32
    // 0.330; no check at all, which is wrong for NaN, 0.333-0.340).
    [MethodImpl(Inline)]
    public static void StorePair512(Vector512<float> a, ref ushort aDestination, Vector512<float> b, ref ushort bDestination, nuint index)
    {
        if (Vector512.EqualsAll((Avx512F.IsSupported ? Avx512F.CompareUnordered(a, b) : Vector512.IsNaN(a) | Vector512.IsNaN(b)).AsUInt32(), Vector512<uint>.Zero))
        {
            Store512(a, ref aDestination, index, nanFree: true);
            Store512(b, ref bDestination, index, nanFree: true);
        }
        else
        {
            Store512(a, ref aDestination, index, nanFree: false);
            Store512(b, ref bDestination, index, nanFree: false);
        }
    }

    [MethodImpl(Inline)]
    private static void Store512(Vector512<float> value, ref ushort destination, nuint index, bool nanFree)
    {
        if (Avx512BW.IsSupported)
        {
            // The rounded bfloat16s are the upper halves of RoundHigh's lanes; one word permute gathers them.
            Vector512<ushort> upperHalves = Vector512.Create(
                (ushort)1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
            Avx512BW.PermuteVar32x16(RoundHigh(value, nanFree).AsUInt16(), upperHalves).GetLower().StoreUnsafe(ref destination, index);
            return;
        }
        Vector512<uint> rounded = RoundHigh(value, nanFree) >> 16;
        Vector256.Narrow(rounded.GetLower(), rounded.GetUpper()).StoreUnsafe(ref destination, index);
    }

    // Round to nearest-even in the upper half of each lane (the lower half is left as garbage), in three operations
    // where the usual bits + 0x7FFF + lowest kept bit takes four: adding 0x7FFF to the value with the kept part's lowest
    // bit OR-ed into bit 0 carries into the upper half exactly when that sum would (the two differ only when bit 0 was
    // already set, and then the lower half of the larger one cannot be 0); at 512 bits the OR and its mask are one
    // vpternlogd. A NaN would carry into the exponent, so a block holding one (a compare and a branch per block, taken
    // almost never) is redone keeping every NaN a quiet NaN with its upper payload, as FromFloat does; nanFree: the
    // caller has checked that there is none.
    [MethodImpl(Inline)]
    private static Vector512<uint> RoundHigh(Vector512<float> value, bool nanFree)
    {
        Vector512<uint> bits = value.AsUInt32();
        Vector512<uint> rounded = (bits | ((bits >> 16) & Vector512<uint>.One)) + Vector512.Create(0x7FFFu);
        if (!nanFree && !Vector512.EqualsAll(value, value))
            rounded = Vector512.ConditionalSelect(Vector512.Equals(value, value).AsUInt32(), rounded, bits | Vector512.Create(0x00400000u));
        return rounded;
    }

    /// <summary>The bfloat16 buffer view of a packed state array (two values per float slot).</summary>
    [MethodImpl(Inline)]
    public static ref ushort View(float[] packed) => ref Unsafe.As<float, ushort>(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(packed));

    /// <summary>The bfloat16 view of packed state memory (two values per float slot).</summary>
    [MethodImpl(Inline)]
    public static ref ushort View(Span<float> packed) => ref Unsafe.As<float, ushort>(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(packed));

    /// <summary>Element <paramref name="index"/> of a packed bfloat16 state array, as a float.</summary>
    public static float Get(float[] packed, int index)
    {
        if ((uint)index >= (uint)packed.Length * 2)
            throw new ArgumentOutOfRangeException(nameof(index));
        return ToFloat(Unsafe.Add(ref View(packed), index));
    }
}

using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using OptGen.Optimizers;

namespace OptGen.Benchmarks;

/// <summary>
/// How fast a bfloat16 Adam can be in cache, against fp32, on this core (<c>bf16-ceiling</c>, AVX-512 only). Hand-written
/// 512-bit loops of Adam's arithmetic, timed in turn as <see cref="Interleaved"/> does: fp32; fp32 without its square
/// root and division (what the divider costs); bfloat16 moments as the generated kernel stores them (a word permute to
/// widen and to narrow, round-to-nearest-even, one NaN check for the pair); the same in a blocked layout in which one
/// 64-byte load holds two vectors' values (a dword k of a 32-element block holds elements k and 16 + k: a shift and an
/// AND widen them, a shift and a ternary-logic op narrow them); that blocked layout rounding without the NaN check, and
/// storing by truncation with no NaN check (both wrong, for the measurement): the last is the least any bfloat16 kernel
/// can do. Issue 11 asks bfloat16 Adam to be no slower than fp32 at 4 Ki: where the truncating kernel only ties fp32,
/// rounding cannot. Each variant is a loop of its own (its flags constants there), so none carries another's branches.
/// </summary>
internal static class Bf16Ceiling
{
    private const float B1 = 0.9f, B2 = 0.999f, Lr = 1e-6f, Eps = 1e-8f, Scale = 0.99f;

    public static void Run()
    {
        if (!Avx512BW.IsSupported)
        {
            Console.WriteLine("bf16-ceiling: needs AVX-512BW (the hand-written loops are 512-bit)");
            return;
        }
        SimdPolicy.MaxThreads = 1;
        Console.WriteLine($"one core, {Interleaved.Percentile:P0} percentile of interleaved trials; ratios are fp32's time ÷ each one's (above 1: faster than fp32)");
        Console.WriteLine("N | fp32 ns/param | fp32 without sqrt and ÷ | bf16 as generated | bf16 blocked | bf16 blocked, no NaN check | bf16 blocked, truncating, no NaN check | generated bf16 Adam over generated fp32 Adam");
        foreach (int n in new[] { 4 << 10, 64 << 10 })
            Measure(n);
        SimdPolicy.MaxThreads = int.MaxValue;
    }

    private static void Measure(int n)
    {
        (Memory<float> w, Memory<float> g) = Inputs.Filled(n);
        Memory<float> m = AlignedMemory.Allocate(n), v = AlignedMemory.Allocate(n);
        Memory<float> mb = AlignedMemory.Allocate(n / 2), vb = AlignedMemory.Allocate(n / 2);
        Memory<float> mk = AlignedMemory.Allocate(n / 2), vk = AlignedMemory.Allocate(n / 2);
        Parameter p = Inputs.Parameter(n), pBf16 = Inputs.Parameter(n);
        var adam = new Adam { LearningRate = 1e-6f };
        var adamBf16 = new AdamBf16 { LearningRate = 1e-6f };
        Action[] runs =
        [
            () => Fp32(w.Span, g.Span, m.Span, v.Span),
            () => Fp32WithoutDivision(w.Span, g.Span, m.Span, v.Span),
            () => Permuted(w.Span, g.Span, Words(mb), Words(vb)),
            () => Blocked(w.Span, g.Span, Words(mk), Words(vk)),
            () => BlockedWithoutCheck(w.Span, g.Span, Words(mk), Words(vk)),
            () => BlockedTruncating(w.Span, g.Span, Words(mk), Words(vk)),
            () => adam.Step(p),
            () => adamBf16.Step(pBf16),
        ];
        double[] at = Interleaved.Time(runs, 2000, Math.Max(1, (64 << 10) / n));
        Console.WriteLine($"{n} | {at[0] / n:F3} | {at[0] / at[1]:F2} | {at[0] / at[2]:F2} | {at[0] / at[3]:F2} | {at[0] / at[4]:F2} | {at[0] / at[5]:F2} | {at[6] / at[7]:F2}");
    }

    private static Span<ushort> Words(Memory<float> pairs) => MemoryMarshal.Cast<float, ushort>(pairs.Span);

    private static Vector512<float> M(Vector512<float> m, Vector512<float> g) => Avx512F.FusedMultiplyAdd(Vector512.Create(B1), m, Vector512.Create(1 - B1) * g);

    private static Vector512<float> V(Vector512<float> v, Vector512<float> g) => Avx512F.FusedMultiplyAdd(Vector512.Create(B2), v, Vector512.Create(1 - B2) * g * g);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> W(Vector512<float> w, Vector512<float> m, Vector512<float> v, bool divide) => divide
        ? w - Vector512.Create(Lr) * m / Avx512F.FusedMultiplyAdd(Vector512.Sqrt(v), Vector512.Create(Scale), Vector512.Create(Eps))
        : w - Vector512.Create(Lr) * m * Avx512F.FusedMultiplyAdd(v, Vector512.Create(Scale), Vector512.Create(Eps));

    // (bits | lowest kept bit) + 0x7FFF: round to nearest-even in the upper half (the runtime's BFloat16.RoundHigh).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> Round(Vector512<float> x) =>
        Avx512F.TernaryLogic(x.AsUInt32() >> 16, x.AsUInt32(), Vector512<uint>.One, 0xEC) + Vector512.Create(0x7FFFu);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool NaNFree(Vector512<float> a, Vector512<float> b) =>
        Vector512.EqualsAll(Avx512F.CompareUnordered(a, b).AsUInt32(), Vector512<uint>.Zero);

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Fp32(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v) => Fp32Loop(w, g, m, v, divide: true);

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Fp32WithoutDivision(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v) => Fp32Loop(w, g, m, v, divide: false);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Fp32Loop(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v, bool divide)
    {
        ref float rw = ref MemoryMarshal.GetReference(w), rg = ref MemoryMarshal.GetReference(g);
        ref float rm = ref MemoryMarshal.GetReference(m), rv = ref MemoryMarshal.GetReference(v);
        for (nuint i = 0; i < (nuint)w.Length; i += 16)
        {
            var gi = Vector512.LoadUnsafe(ref rg, i);
            var mi = M(Vector512.LoadUnsafe(ref rm, i), gi);
            var vi = V(Vector512.LoadUnsafe(ref rv, i), gi);
            W(Vector512.LoadUnsafe(ref rw, i), mi, vi, divide).StoreUnsafe(ref rw, i);
            mi.StoreUnsafe(ref rm, i);
            vi.StoreUnsafe(ref rv, i);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Permuted(Span<float> w, ReadOnlySpan<float> g, Span<ushort> m, Span<ushort> v)
    {
        ref float rw = ref MemoryMarshal.GetReference(w), rg = ref MemoryMarshal.GetReference(g);
        ref ushort rm = ref MemoryMarshal.GetReference(m), rv = ref MemoryMarshal.GetReference(v);
        var widen = Vector512.Create((ushort)16, 0, 16, 1, 16, 2, 16, 3, 16, 4, 16, 5, 16, 6, 16, 7, 16, 8, 16, 9, 16, 10, 16, 11, 16, 12, 16, 13, 16, 14, 16, 15);
        var upper = Vector512.Create((ushort)1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
        for (nuint i = 0; i < (nuint)w.Length; i += 16)
        {
            var gi = Vector512.LoadUnsafe(ref rg, i);
            var mi = M(Avx512BW.PermuteVar32x16(Vector256.LoadUnsafe(ref rm, i).ToVector512(), widen).AsSingle(), gi);
            var vi = V(Avx512BW.PermuteVar32x16(Vector256.LoadUnsafe(ref rv, i).ToVector512(), widen).AsSingle(), gi);
            W(Vector512.LoadUnsafe(ref rw, i), mi, vi, divide: true).StoreUnsafe(ref rw, i);
            if (!NaNFree(mi, vi))
                throw new InvalidOperationException("NaN"); // the generated kernel redoes such a block; none occurs here
            Avx512BW.PermuteVar32x16(Round(mi).AsUInt16(), upper).GetLower().StoreUnsafe(ref rm, i);
            Avx512BW.PermuteVar32x16(Round(vi).AsUInt16(), upper).GetLower().StoreUnsafe(ref rv, i);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Blocked(Span<float> w, ReadOnlySpan<float> g, Span<ushort> m, Span<ushort> v) => BlockedLoop(w, g, m, v, round: true, check: true);

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void BlockedWithoutCheck(Span<float> w, ReadOnlySpan<float> g, Span<ushort> m, Span<ushort> v) => BlockedLoop(w, g, m, v, round: true, check: false);

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void BlockedTruncating(Span<float> w, ReadOnlySpan<float> g, Span<ushort> m, Span<ushort> v) => BlockedLoop(w, g, m, v, round: false, check: false);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BlockedLoop(Span<float> w, ReadOnlySpan<float> g, Span<ushort> m, Span<ushort> v, bool round, bool check)
    {
        ref float rw = ref MemoryMarshal.GetReference(w), rg = ref MemoryMarshal.GetReference(g);
        ref uint rm = ref Unsafe.As<ushort, uint>(ref MemoryMarshal.GetReference(m)), rv = ref Unsafe.As<ushort, uint>(ref MemoryMarshal.GetReference(v));
        var high = Vector512.Create(0xFFFF0000u);
        for (nuint i = 0; i < (nuint)w.Length; i += 32)
        {
            var mp = Vector512.LoadUnsafe(ref rm, i / 2);
            var vp = Vector512.LoadUnsafe(ref rv, i / 2);
            var g0 = Vector512.LoadUnsafe(ref rg, i);
            var g1 = Vector512.LoadUnsafe(ref rg, i + 16);
            var m0 = M((mp << 16).AsSingle(), g0);
            var v0 = V((vp << 16).AsSingle(), g0);
            var m1 = M((mp & high).AsSingle(), g1);
            var v1 = V((vp & high).AsSingle(), g1);
            W(Vector512.LoadUnsafe(ref rw, i), m0, v0, divide: true).StoreUnsafe(ref rw, i);
            W(Vector512.LoadUnsafe(ref rw, i + 16), m1, v1, divide: true).StoreUnsafe(ref rw, i + 16);
            if (round)
            {
                if (check && (!NaNFree(m0, v0) || !NaNFree(m1, v1)))
                    throw new InvalidOperationException("NaN");
                Avx512F.TernaryLogic(Round(m1), Round(m0) >> 16, high, 0xEC).StoreUnsafe(ref rm, i / 2);
                Avx512F.TernaryLogic(Round(v1), Round(v0) >> 16, high, 0xEC).StoreUnsafe(ref rv, i / 2);
            }
            else
            {
                Avx512F.TernaryLogic(m1.AsUInt32(), m0.AsUInt32() >> 16, high, 0xEC).StoreUnsafe(ref rm, i / 2);
                Avx512F.TernaryLogic(v1.AsUInt32(), v0.AsUInt32() >> 16, high, 0xEC).StoreUnsafe(ref rv, i / 2);
            }
        }
    }
}

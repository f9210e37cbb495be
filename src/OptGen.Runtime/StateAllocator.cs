using System;
using System.Collections.Generic;

namespace OptGen;

/// <summary>
/// Lays out the state of a set of tensors: one 64-byte aligned block per kind of buffer (and per scratch slot), each
/// tensor's part of a per-element buffer placed so that it has the same address modulo 64 as the tensor's value; a
/// float part of 16 KiB or more also as far as it can be, modulo 4 KiB, from the tensor's value, its gradient and its
/// other such parts (<see cref="AlignedMemory.Allocate(int)"/> says why).
/// </summary>
/// <remarks>
/// Kind by kind rather than tensor by tensor: a step that goes through the tensors one after another then streams each
/// kind (all the m's, then the v's, ...) from one contiguous region, which the hardware prefetcher and the TLB handle
/// far better than a new short stream per array (with 1,000 tensors of 1 Ki this was 1.3x faster).
/// </remarks>
internal static class StateAllocator
{
    public static TensorState[] Allocate(ReadOnlySpan<Parameter> parameters, StateLayout layout)
    {
        int count = parameters.Length;
        var views = new MatrixView[count];
        var classes = new int[count];
        var modulo = new int[count];
        var peel = new int[count];
        var taken = new List<int>[count]; // per tensor, the places modulo 4 KiB of its streams so far
        for (int i = 0; i < count; i++)
        {
            views[i] = MatrixView.Of(parameters[i].Shape, layout.View);
            classes[i] = layout.ShapeClass?.Invoke(views[i]) ?? 0;
            // Where each tensor's value starts modulo 64, and how many elements the driver peels to reach a boundary.
            modulo[i] = AlignedMemory.AddressModulo(parameters[i].Value);
            peel[i] = ((AlignedMemory.Alignment - modulo[i]) & (AlignedMemory.Alignment - 1)) / sizeof(float);
            taken[i] = [AlignedMemory.PageOffset(parameters[i].Value), AlignedMemory.PageOffset(parameters[i].Grad)];
        }
        var buffers = new Memory<float>[count][];
        var scratch = new Memory<float>[count][];
        var axis = new Memory<float>[count][];
        for (int i = 0; i < count; i++)
        {
            buffers[i] = new Memory<float>[layout.BufferNames.Length];
            scratch[i] = new Memory<float>[layout.ScratchCount];
            axis[i] = new Memory<float>[layout.AxisScratch.Length];
        }
        for (int b = 0; b < layout.BufferNames.Length; b++)
        {
            bool packed = layout.IsBFloat16(b), elementwise = layout.ShapeOf(b) == StateShape.Element;
            var lengths = new int[count];
            var targets = new int[count];
            var periods = new int[count];
            for (int i = 0; i < count; i++)
            {
                lengths[i] = layout.StoredLength(b, views[i], classes[i]);
                // A float part starts where its value does (mod 64), and if long, away from its other streams (mod 4 KiB);
                // a bfloat16 part so that element 'peel' (2 bytes each) is on a boundary, to the nearest whole float
                // below; a factored part on a boundary.
                (targets[i], periods[i]) = !elementwise ? (0, AlignedMemory.Alignment)
                    : packed ? ((AlignedMemory.Alignment - 2 * peel[i]) & (AlignedMemory.Alignment - 1), AlignedMemory.Alignment)
                    : Place(lengths[i], modulo[i], taken[i]);
            }
            Memory<float>[] parts = Block(lengths, targets, periods);
            for (int i = 0; i < count; i++)
            {
                buffers[i][b] = parts[i];
                if (layout.StartsFromWeights(b) && elementwise && parts[i].Length > 0)
                    CopyWeights(parameters[i].Value, parts[i].Span, packed);
                else
                    Fill(parts[i].Span, layout.BufferInit[b], packed);
            }
        }
        for (int s = 0; s < layout.ScratchCount; s++)
        {
            var lengths = new int[count];
            var targets = new int[count];
            var periods = new int[count];
            for (int i = 0; i < count; i++)
            {
                lengths[i] = layout.UsesScratch(classes[i], s) ? views[i].Length : 0;
                (targets[i], periods[i]) = Place(lengths[i], modulo[i], taken[i]);
            }
            Memory<float>[] parts = Block(lengths, targets, periods);
            for (int i = 0; i < count; i++)
                scratch[i][s] = parts[i];
        }
        for (int a = 0; a < layout.AxisScratch.Length; a++)
        {
            for (int i = 0; i < count; i++)
                axis[i][a] = layout.UsesAxisScratch(classes[i], a) ? AlignedMemory.Allocate(views[i].Count(layout.AxisScratch[a])) : Memory<float>.Empty;
        }
        var tensors = new TensorState[count];
        for (int i = 0; i < count; i++)
            tensors[i] = new TensorState(views[i], classes[i], buffers[i], layout.ScalarInit, scratch[i], axis[i], layout.TempCount);
        return tensors;
    }

    // Where a float part of 'length' elements starts: 'modulo' bytes past a 64-byte boundary; if it is long enough to
    // be spread, at the one of the page's places with that offset farthest (modulo 4 KiB) from the tensor's streams so
    // far, which it then joins. Returns the place in bytes and its period.
    private static (int Address, int Period) Place(int length, int modulo, List<int> taken)
    {
        if (length < AlignedMemory.SpreadLength)
            return (modulo, AlignedMemory.Alignment);
        int best = modulo, bestGap = -1;
        for (int k = 0; k < AlignedMemory.Places; k++)
        {
            int place = (modulo + k * (AlignedMemory.PageBytes / AlignedMemory.Places)) % AlignedMemory.PageBytes;
            int gap = int.MaxValue;
            foreach (int other in taken)
            {
                int d = Math.Abs(place - other);
                gap = Math.Min(gap, Math.Min(d, AlignedMemory.PageBytes - d));
            }
            if (gap > bestGap)
                (best, bestGap) = (place, gap);
        }
        taken.Add(best);
        return (best, AlignedMemory.PageBytes);
    }

    // One block for one kind of buffer, cut into a part per tensor, each starting 'targets' bytes past a multiple of
    // its period (64 or 4096) from the block's actual address.
    private static Memory<float>[] Block(int[] lengths, int[] targets, int[] periods)
    {
        long room = 0;
        for (int i = 0; i < lengths.Length; i++)
            room += lengths[i] + periods[i] / sizeof(float);
        Memory<float> block = AlignedMemory.AllocateAt(checked((int)room), 0, AlignedMemory.Alignment);
        int start = AlignedMemory.PageOffset(block.Span);
        var parts = new Memory<float>[lengths.Length];
        long end = 0;
        for (int i = 0; i < lengths.Length; i++)
        {
            long at = start + end * sizeof(float);
            long offset = end + ((targets[i] - at) & (periods[i] - 1)) / sizeof(float);
            parts[i] = block.Slice(checked((int)offset), lengths[i]);
            end = offset + lengths[i];
        }
        return parts;
    }

    // A buffer that starts as the weights before the first update (MADGRAD's x0, schedule-free's z).
    private static void CopyWeights(ReadOnlySpan<float> weights, Span<float> part, bool packed)
    {
        if (!packed)
        {
            weights.CopyTo(part);
            return;
        }
        Span<ushort> halves = System.Runtime.InteropServices.MemoryMarshal.Cast<float, ushort>(part);
        for (int j = 0; j < weights.Length; j++)
            halves[j] = Internal.BFloat16.FromFloat(weights[j]);
    }

    private static void Fill(Span<float> part, float init, bool packed)
    {
        if (init == 0f)
            return;
        if (!packed)
        {
            part.Fill(init);
            return;
        }
        uint half = Internal.BFloat16.FromFloat(init);
        part.Fill(BitConverter.UInt32BitsToSingle(half | (half << 16)));
    }
}

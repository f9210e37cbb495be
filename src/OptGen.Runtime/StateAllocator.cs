using System;
using System.Collections.Generic;

namespace OptGen;

/// <summary>
/// Lays out the state of a set of tensors: one 64-byte aligned block per kind of buffer (and per scratch slot), each
/// tensor's part of a per-element buffer placed so that it has the same address modulo 64 as the tensor's value; a
/// block of float parts with one of 16 KiB or more placed within its page so that the first such part is as far as it
/// can be, modulo 4 KiB, from its tensor's value, gradient and other state (<see cref="AlignedMemory.Allocate(int)"/>
/// says why).
/// </summary>
/// <remarks>
/// Kind by kind rather than tensor by tensor: a step that goes through the tensors one after another then streams each
/// kind (all the m's, then the v's, ...) from one contiguous region, which the hardware prefetcher and the TLB handle
/// far better than a new short stream per array (with 1,000 tensors of 1 Ki this was 1.3x faster). The block is placed,
/// not each part: placing every long part put up to 4 KiB between parts, and 256 tensors of 4 Ki then stepped ~10%
/// slower; with the parts laid alike in every block of float parts, each tensor's m and v are as far apart as the
/// first long tensor's.
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
            for (int i = 0; i < count; i++)
            {
                lengths[i] = layout.StoredLength(b, views[i], classes[i]);
                // A float part starts where its value does (mod 64); a bfloat16 part so that element 'peel' (2 bytes
                // each) is on a boundary, to the nearest whole float below; a factored part on a boundary.
                targets[i] = !elementwise ? 0 : packed ? (AlignedMemory.Alignment - 2 * peel[i]) & (AlignedMemory.Alignment - 1) : modulo[i];
            }
            Memory<float>[] parts = Block(lengths, targets, elementwise && !packed ? taken : null);
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
            for (int i = 0; i < count; i++)
            {
                lengths[i] = layout.UsesScratch(classes[i], s) ? views[i].Length : 0;
                targets[i] = modulo[i];
            }
            Memory<float>[] parts = Block(lengths, targets, taken);
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
            tensors[i] = new TensorState(parameters[i], views[i], classes[i], buffers[i], layout.ScalarInit, scratch[i], axis[i], layout.TempCount);
        return tensors;
    }

    // One block for one kind of buffer, cut into a part per tensor, each starting 'targets' bytes past a line. For a
    // kind of float stream ('taken' given: each tensor's places modulo 4 KiB so far), the block itself is placed so that
    // the first long part lands at the place farthest from its tensor's other streams; every tensor's parts of two such
    // kinds are then as far apart as the first tensor's (the parts lie alike in both blocks), and the parts stay packed.
    private static Memory<float>[] Block(int[] lengths, int[] targets, List<int>[]? taken)
    {
        var offsets = new int[lengths.Length];
        long end = 0;
        int anchor = -1;
        for (int i = 0; i < lengths.Length; i++)
        {
            long offset = end + ((targets[i] - end * sizeof(float)) & (AlignedMemory.Alignment - 1)) / sizeof(float);
            offsets[i] = checked((int)offset);
            end = offset + lengths[i];
            if (anchor < 0 && taken != null && lengths[i] >= AlignedMemory.SpreadLength)
                anchor = i;
        }
        Memory<float> block = anchor < 0
            ? AlignedMemory.AllocateAt(checked((int)end), 0, AlignedMemory.Alignment)
            : AlignedMemory.AllocateAt(checked((int)end),
                (Farthest(targets[anchor], taken![anchor]) - offsets[anchor] * sizeof(float)) & (AlignedMemory.PageBytes - 1), AlignedMemory.PageBytes);
        var parts = new Memory<float>[lengths.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = block.Slice(offsets[i], lengths[i]);
            if (taken != null && lengths[i] > 0)
                taken[i].Add(AlignedMemory.PageOffset(parts[i].Span));
        }
        return parts;
    }

    // Of the page's places 'modulo' bytes past a line, the one farthest (modulo 4 KiB) from every place in 'taken'.
    private static int Farthest(int modulo, List<int> taken)
    {
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
        return best;
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

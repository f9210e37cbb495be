using System;
using System.Collections.Generic;
using System.IO;

namespace OptGen.Interop;

/// <summary>
/// Checks the tensors' <c>data_offsets</c> against each other and the byte buffer, as the reference implementation
/// does: sorted by offset, the first starts at 0, each starts where the previous one ends (no overlap, no hole), each
/// spans exactly the bytes its dtype and shape need (a whole number of bytes), and the last ends at the end of the file.
/// </summary>
internal static class SafeTensorsLayout
{
    /// <returns>The tensors sorted by offset.</returns>
    public static SafeTensorsEntry[] Check(List<SafeTensorsEntry> tensors, long bufferLength, string source, int bufferStart)
    {
        SafeTensorsEntry[] sorted = tensors.ToArray();
        // Stable on ties, so that of two tensors at one offset the message names the one listed first.
        var order = new int[sorted.Length];
        for (int i = 0; i < order.Length; i++)
            order[i] = i;
        Array.Sort(order, (a, b) =>
        {
            int c = sorted[a].Begin.CompareTo(sorted[b].Begin);
            if (c == 0)
                c = sorted[a].End.CompareTo(sorted[b].End);
            return c != 0 ? c : a.CompareTo(b);
        });
        var result = new SafeTensorsEntry[sorted.Length];
        for (int i = 0; i < order.Length; i++)
            result[i] = sorted[order[i]];

        long expected = 0;
        for (int i = 0; i < result.Length; i++)
        {
            SafeTensorsEntry t = result[i];
            string at = $"'{source}' is corrupt: tensor '{t.Name}' ({SafeTensorsDTypes.Name(t.DType)} {t.FormatShape()}) has data_offsets [{t.Begin}, {t.End}]";
            if (t.End < t.Begin)
                throw new InvalidDataException($"{at}, which end before they begin.");
            if (t.Begin != expected)
            {
                string what = t.Begin < expected
                    ? $"which overlap the tensor before it, '{result[i - 1].Name}' (it ends at {expected})"
                    : i == 0 ? "but the first tensor must start at 0 (a hole of " + (t.Begin - expected) + " bytes)"
                    : $"which leave a hole of {t.Begin - expected} bytes after '{result[i - 1].Name}' (it ends at {expected})";
                throw new InvalidDataException($"{at}, {what}.");
            }
            long bits = SafeTensorsDTypes.BitSize(t.DType);
            if (t.ElementCount > long.MaxValue / bits)
                throw new InvalidDataException($"{at}, and its size in bytes overflows.");
            long totalBits = t.ElementCount * bits;
            if (totalBits % 8 != 0)
                throw new InvalidDataException($"{at}, but its {t.ElementCount} elements of {bits} bits do not end on a byte boundary.");
            if (t.End - t.Begin != totalBits / 8)
                throw new InvalidDataException($"{at}: {t.End - t.Begin} bytes, but its dtype and shape need {totalBits / 8}.");
            if (t.End > bufferLength)
                throw new InvalidDataException($"'{source}' is truncated: tensor '{t.Name}' ends at byte {bufferStart + t.End} of the file, but the file has {bufferStart + bufferLength} bytes.");
            expected = t.End;
        }
        if (expected != bufferLength)
        {
            string last = result.Length == 0 ? "the header (no tensors)" : $"the last tensor, '{result[^1].Name}',";
            throw new InvalidDataException($"'{source}' is corrupt: {last} ends at byte {bufferStart + expected} of the file, but the file has {bufferStart + bufferLength} bytes; the tensors must cover the data exactly.");
        }
        return result;
    }
}

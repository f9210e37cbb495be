using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OptGen;

/// <summary>
/// Finds two parameters of one optimizer whose memory overlaps (a value or gradient of one with a value or gradient of
/// the other): the same array wrapped twice, overlapping slices of one buffer, or native memory wrapped twice. A step
/// runs short tensors side by side on several cores, so such parameters would race, and even on one core each update
/// would read what another had just written.
/// </summary>
/// <remarks>
/// Memory is grouped by what holds it (each array, compared by element offsets, so an array the garbage collector moves
/// meanwhile is still compared right; all memory managers' memory, native or pinned, by address), each group sorted by
/// start: linear-logarithmic in the count, once per parameter set.
/// </remarks>
internal static class SharedMemoryCheck
{
    private static readonly object s_native = new();

    private readonly record struct Range(long Start, long End, int Parameter, bool Grad);

    public static void ThrowIfShared(ReadOnlySpan<Parameter> parameters, string optimizer, string caller)
    {
        if (parameters.Length < 2)
            return;
        var groups = new Dictionary<object, List<Range>>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < parameters.Length; i++)
        {
            Add(groups, parameters[i].ValueMemory, i, grad: false);
            Add(groups, parameters[i].GradMemory, i, grad: true);
        }
        foreach (List<Range> ranges in groups.Values)
        {
            ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
            Range furthest = ranges[0]; // of the ranges so far, the one that ends last
            for (int r = 1; r < ranges.Count; r++)
            {
                Range next = ranges[r];
                if (next.Start < furthest.End && next.Parameter != furthest.Parameter)
                    throw Shared(parameters, furthest, next, optimizer, caller);
                if (next.End > furthest.End)
                    furthest = next;
            }
        }
    }

    private static void Add(Dictionary<object, List<Range>> groups, Memory<float> memory, int parameter, bool grad)
    {
        if (memory.IsEmpty)
            return;
        object owner;
        long start, end;
        if (MemoryMarshal.TryGetArray<float>(memory, out ArraySegment<float> segment))
        {
            (owner, start, end) = (segment.Array!, segment.Offset, (long)segment.Offset + segment.Count); // elements
        }
        else
        {
            // A memory manager's (native memory, or pinned): by address, in bytes, so that two managers over one buffer
            // (views of a host's tensors) are compared too.
            (owner, start) = (s_native, Address(memory.Span));
            end = start + (long)memory.Length * sizeof(float);
        }
        if (!groups.TryGetValue(owner, out List<Range>? ranges))
            groups[owner] = ranges = [];
        ranges.Add(new Range(start, end, parameter, grad));
    }

    private static unsafe long Address(Span<float> span) => (long)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span));

    private static ArgumentException Shared(ReadOnlySpan<Parameter> parameters, Range a, Range b, string optimizer, string caller)
    {
        (Range first, Range second) = a.Parameter < b.Parameter ? (a, b) : (b, a);
        return new ArgumentException(
            $"Parameter {second.Parameter} ({Name(parameters[second.Parameter])}) passed to {optimizer}.{caller} shares memory with parameter {first.Parameter} " +
            $"({Name(parameters[first.Parameter])}): its {Part(second)} overlaps the other's {Part(first)}. Each parameter needs memory of its own.",
            nameof(parameters));
    }

    private static string Name(Parameter p) => p.Name ?? "unnamed";

    private static string Part(Range r) => r.Grad ? "gradient" : "value";
}

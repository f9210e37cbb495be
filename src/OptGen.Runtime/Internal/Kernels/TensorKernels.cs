using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace OptGen.Internal;

/// <summary>
/// An element kernel that can bind itself to any tensor of a step: the driver then runs its pass over all the tensors,
/// many short ones on several cores at once (<see cref="Kernels.RunTensors{K}(ref K, TensorState[])"/>). The generator
/// writes it for a pass whose per-tensor work is only that pass (no per-tensor scalars, no reduction kept per tensor).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ITensorKernel : IElementKernel
{
    /// <summary>Points the kernel's streams at the memory of <paramref name="parameter"/> and its <paramref name="state"/>.</summary>
    void Bind(Parameter parameter, TensorState state);
}

public static partial class Kernels
{
    /// <summary>
    /// Runs an element-wise pass over every tensor of a step, as a loop binding the kernel to each in turn and calling
    /// <see cref="Run{K}(ref K, int)"/> would, with tensors too short to be split on their own run side by side on
    /// several cores (see <see cref="TensorJob{K}"/>).
    /// </summary>
    public static void RunTensors<K>(scoped ref K kernel, TensorState[] tensors) where K : ITensorKernel, allows ref struct
    {
        Reductions ignored = default;
        RunEach(ref kernel, tensors, ref ignored);
    }

    /// <summary>
    /// Runs a pass over every tensor of a step and returns its reductions over all of them: each tensor's as
    /// <see cref="Run{K}(ref K, int, out Reductions)"/> returns them, combined in tensor order (sums added, maxima taken),
    /// so the bits are those of a loop over the tensors whatever ran where.
    /// </summary>
    public static void RunTensors<K>(scoped ref K kernel, TensorState[] tensors, out Reductions results) where K : ITensorKernel, allows ref struct
    {
        results = default;
        RunEach(ref kernel, tensors, ref results);
    }

    private static void RunEach<K>(scoped ref K kernel, TensorState[] tensors, ref Reductions results) where K : ITensorKernel, allows ref struct
    {
        if (TensorJob<K>.TryRunTogether(ref kernel, tensors, ref results))
            return;
        for (int k = 0; k < tensors.Length; k++)
        {
            TensorState st = tensors[k];
            kernel.Bind(st.Parameter, st);
            if (K.SumCount + K.MaxCount == 0)
            {
                Run(ref kernel, st.Length);
                continue;
            }
            Run(ref kernel, st.Length, out Reductions part);
            Combine<K>(ref results, ref part);
        }
    }

    /// <summary>
    /// One tensor's pass on the calling thread, cut into the chunks <see cref="RunPass{K}"/> cuts it into, so that its
    /// reductions have the bits <see cref="Run{K}(ref K, int, out Reductions)"/> gives (default NaNs included).
    /// </summary>
    internal static void RunOnThisThread<K>(scoped ref K kernel, int length, out Reductions results) where K : IElementKernel, allows ref struct
    {
        results = default;
        int chunkLength = SimdPolicy.ChunkLength; // a pass with reductions is cut so on any number of threads
        RunOnThisThread(ref kernel, length, chunkLength, (int)(((long)length + chunkLength - 1) / chunkLength), ref results);
        for (int j = K.SumCount; j < K.SumCount + K.MaxCount; j++)
            results[j] = DefaultNaN(results[j]);
    }
}

/// <summary>
/// A pass over many tensors split across cores. Tensors of at least <see cref="SimdPolicy.ParallelThreshold"/> elements
/// are split on their own, one after another, as <see cref="Kernels.Run{K}(ref K, int)"/> splits them; the shorter ones
/// are cut, in tensor order, into groups of about <see cref="Kernels.ElementChunkLength"/> elements (a few per
/// thread), each a chunk of a <see cref="ParallelRunner"/> run, and each tensor of a group runs whole on the thread
/// that took the group. Each tensor's reductions are kept and combined in tensor order at the end. A thousand tensors
/// of 1 Ki ran one after another on one core before, whatever the core count.
/// </summary>
internal sealed unsafe class TensorJob<K> : IChunkJob where K : ITensorKernel, allows ref struct
{
    [ThreadStatic] private static TensorJob<K>? t_job;

    private void* _kernel;
    private TensorState[] _tensors = [];
    private int[] _groupStarts = []; // group c is tensors _groupStarts[c] … _groupStarts[c + 1] − 1 (the long ones skipped)
    private Reductions[] _parts = [];

    private static bool HasReductions => K.SumCount + K.MaxCount > 0;

    private static bool RunsAlone(TensorState st) => st.Length >= SimdPolicy.ParallelThreshold;

    /// <summary>Runs the pass over <paramref name="tensors"/> on several cores; false (nothing run) where one is better.</summary>
    public static bool TryRunTogether(scoped ref K kernel, TensorState[] tensors, ref Reductions results)
    {
        int threads = ParallelRunner.AllowedThreads;
        if (threads <= 1 || tensors.Length < 2)
            return false;
        long grouped = 0;
        foreach (TensorState st in tensors)
            grouped += RunsAlone(st) ? 0 : st.Length;
        int length = (int)Math.Min(grouped, int.MaxValue);
        int groupLength = Kernels.ElementChunkLength(length, threads);
        int groups = (int)Math.Min(tensors.Length, (grouped + groupLength - 1) / groupLength);
        if (Kernels.ThreadsFor(length, groups) <= 1)
            return false;

        TensorJob<K> job = t_job ??= new TensorJob<K>();
        groups = job.Group(tensors, groupLength);
        job._kernel = Unsafe.AsPointer(ref kernel);
        job._tensors = tensors;
        try
        {
            ParallelRunner.Run(job, groups, Math.Min(threads, groups));
            for (int k = 0; k < tensors.Length; k++)
            {
                TensorState st = tensors[k];
                if (!RunsAlone(st))
                    continue;
                kernel.Bind(st.Parameter, st);
                if (HasReductions)
                    Kernels.Run(ref kernel, st.Length, out job._parts[k]);
                else
                    Kernels.Run(ref kernel, st.Length);
            }
        }
        finally
        {
            job._kernel = null;
            job._tensors = [];
        }
        for (int k = 0; k < tensors.Length && HasReductions; k++)
            Kernels.Combine<K>(ref results, ref job._parts[k]);
        return true;
    }

    // Cuts the short tensors into groups of about groupLength elements; returns how many.
    private int Group(TensorState[] tensors, int groupLength)
    {
        if (_groupStarts.Length < tensors.Length + 1)
            _groupStarts = new int[tensors.Length + 1]; // grows once, on the first step with this many tensors
        if (HasReductions && _parts.Length < tensors.Length)
            _parts = new Reductions[tensors.Length];
        int groups = 0;
        long held = 0;
        for (int k = 0; k < tensors.Length; k++)
        {
            if (RunsAlone(tensors[k]))
                continue;
            if (held == 0)
                _groupStarts[groups++] = k;
            held += tensors[k].Length;
            if (held >= groupLength)
                held = 0;
        }
        _groupStarts[groups] = tensors.Length;
        return groups;
    }

    public void RunChunk(int chunk)
    {
        K kernel = Unsafe.AsRef<K>(_kernel); // this thread's copy, bound to each tensor of the group in turn
        for (int k = _groupStarts[chunk]; k < _groupStarts[chunk + 1]; k++)
        {
            TensorState st = _tensors[k];
            if (RunsAlone(st))
                continue;
            kernel.Bind(st.Parameter, st);
            if (HasReductions)
                Kernels.RunOnThisThread(ref kernel, st.Length, out _parts[k]);
            else
                Kernels.RunOnThisThread(ref kernel, st.Length, out _);
        }
    }
}

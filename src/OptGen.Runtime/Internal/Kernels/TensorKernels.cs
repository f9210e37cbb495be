using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace OptGen.Internal;

/// <summary>
/// An element kernel that can bind itself to any tensor of a step: the driver then runs its pass over all the tensors,
/// many short ones on several cores at once (<see cref="Kernels.RunTensors{K}(ref K, TensorState[])"/>). The generator
/// writes it for a phase whose loop is one element pass with only global reductions; the pass's per-tensor numbers,
/// computed before it on the calling thread, wait in the tensor's temp slots (<see cref="TensorState.Temps"/>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ITensorKernel : IElementKernel
{
    /// <summary>
    /// Points the kernel's streams at the memory of <paramref name="parameter"/> and its <paramref name="state"/>, and
    /// takes the tensor's own numbers from the state's temp slots.
    /// </summary>
    void Bind(Parameter parameter, TensorState state);
}

public static partial class Kernels
{
    /// <summary>
    /// Runs an element-wise pass over every tensor of a step, as a loop binding the kernel to each in turn and calling
    /// <see cref="Run{K}(ref K, int)"/> would, with tensors too short to be split on their own run side by side on
    /// several cores (see <see cref="TensorGroups"/>).
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
            RunTensor(ref kernel, tensors[k], out Reductions part);
            Combine<K>(ref results, ref part);
        }
    }

    /// <summary>The kernel bound to one tensor and run over it as <see cref="Run{K}(ref K, int, out Reductions)"/> runs it (split if long).</summary>
    internal static void RunTensor<K>(scoped ref K kernel, TensorState tensor, out Reductions results) where K : ITensorKernel, allows ref struct
    {
        kernel.Bind(tensor.Parameter, tensor);
        if (K.SumCount + K.MaxCount > 0)
        {
            Run(ref kernel, tensor.Length, out results);
            return;
        }
        results = default;
        Run(ref kernel, tensor.Length); // nothing to take back
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
        DefaultNaNs<K>(ref results);
    }
}

/// <summary>
/// How a pass over many tensors is cut for several cores. The step's elements, all tensors together, give a group length
/// of <see cref="Kernels.ElementChunkLength"/> (about four groups per thread); a tensor at least that long runs on its
/// own, split into chunks as <see cref="Kernels.Run{K}(ref K, int)"/> splits it, and the shorter ones are cut, in tensor
/// order, into groups of about that length, each run whole by one thread. So a thousand tensors of 1 Ki, which ran
/// one after another on one core whatever the core count, spread over every core, and a long tensor among short ones
/// (an MLP's first weights beside its biases) is still split, not left to one thread with the rest (grouped whole, the
/// MLP's Adam step on 2 cores went 39 → 56 µs).
/// </summary>
internal static class TensorGroups
{
    public static int GroupLength(long elements, int threads) => Kernels.ElementChunkLength((int)Math.Min(elements, int.MaxValue), threads);

    public static bool RunsAlone(int length, int groupLength) => length >= groupLength;

    /// <summary>
    /// The group length for <paramref name="tensors"/> on <paramref name="threads"/> threads; false where running the
    /// short ones side by side is not worth it (one thread, one tensor, or too little between the short ones to wake a
    /// core for: then each tensor runs as alone, the long ones split there).
    /// </summary>
    public static bool TryPlan(TensorState[] tensors, int threads, out int groupLength)
    {
        groupLength = 0;
        if (threads <= 1 || tensors.Length < 2)
            return false;
        long total = 0;
        foreach (TensorState st in tensors)
            total += st.Length;
        groupLength = GroupLength(total, threads);
        long grouped = 0;
        foreach (TensorState st in tensors)
            grouped += RunsAlone(st.Length, groupLength) ? 0 : st.Length;
        int groups = (int)Math.Min(tensors.Length, (grouped + groupLength - 1) / groupLength);
        return Kernels.ThreadsFor((int)Math.Min(grouped, int.MaxValue), groups) > 1;
    }

    /// <summary>
    /// Cuts the tensors shorter than <paramref name="groupLength"/> into groups of about that many elements, in order:
    /// group c is tensors <c>starts[c] … starts[c + 1] − 1</c> (the long ones among them skipped); returns how many.
    /// </summary>
    public static int Cut(TensorState[] tensors, int groupLength, Span<int> starts)
    {
        int groups = 0;
        long held = 0;
        for (int k = 0; k < tensors.Length; k++)
        {
            if (RunsAlone(tensors[k].Length, groupLength))
                continue;
            if (held == 0)
                starts[groups++] = k;
            held += tensors[k].Length;
            if (held >= groupLength)
                held = 0;
        }
        starts[groups] = tensors.Length;
        return groups;
    }
}

/// <summary>
/// A run over many tensors in the groups <see cref="TensorGroups"/> cuts, one group per chunk of a
/// <see cref="ParallelRunner"/> run: the tensors it holds for the run and where each group starts. One job object per
/// kind of work and calling thread; the starts grow once, on the first step with that many tensors.
/// </summary>
internal abstract class TensorGroupJob : IChunkJob
{
    private TensorState[] _tensors = [];
    private int _groupLength;
    private int[] _groupStarts = [];

    /// <summary>Holds <paramref name="tensors"/> for a run, cut into groups of about <paramref name="groupLength"/>; returns how many groups.</summary>
    protected int Hold(TensorState[] tensors, int groupLength)
    {
        if (_groupStarts.Length < tensors.Length + 1)
            _groupStarts = new int[tensors.Length + 1];
        _tensors = tensors;
        _groupLength = groupLength;
        return TensorGroups.Cut(tensors, groupLength, _groupStarts);
    }

    /// <summary>Lets go of the tensors after the run.</summary>
    protected void Release() => _tensors = [];

    public abstract void RunChunk(int chunk);

    /// <summary>The tensors of chunk <paramref name="chunk"/>'s group: <c>First(chunk) … First(chunk + 1) − 1</c>, the long ones among them skipped (<see cref="InGroup"/>).</summary>
    protected int First(int chunk) => _groupStarts[chunk];

    /// <summary>Whether tensor <paramref name="k"/> runs in its group (false: it is long and runs alone); the tensor.</summary>
    protected bool InGroup(int k, out TensorState tensor)
    {
        tensor = _tensors[k];
        return !TensorGroups.RunsAlone(tensor.Length, _groupLength);
    }
}

/// <summary>
/// A pass over many tensors split across cores as <see cref="TensorGroups"/> cuts it: each group a chunk of a
/// <see cref="ParallelRunner"/> run, then the long tensors one after another, each split on its own. Each tensor's
/// reductions are kept and combined in tensor order at the end.
/// </summary>
internal sealed unsafe class TensorJob<K> : TensorGroupJob where K : ITensorKernel, allows ref struct
{
    [ThreadStatic] private static TensorJob<K>? t_job;

    private void* _kernel;
    private Reductions[] _parts = [];

    private static bool HasReductions => K.SumCount + K.MaxCount > 0;

    /// <summary>Runs the pass over <paramref name="tensors"/> on several cores; false (nothing run) where one is better.</summary>
    public static bool TryRunTogether(scoped ref K kernel, TensorState[] tensors, ref Reductions results)
    {
        int threads = ParallelRunner.AllowedThreads;
        if (!TensorGroups.TryPlan(tensors, threads, out int groupLength))
            return false;

        TensorJob<K> job = t_job ??= new TensorJob<K>();
        if (HasReductions && job._parts.Length < tensors.Length)
            job._parts = new Reductions[tensors.Length];
        int groups = job.Hold(tensors, groupLength);
        job._kernel = Unsafe.AsPointer(ref kernel);
        try
        {
            ParallelRunner.Run(job, groups, Math.Min(threads, groups));
            for (int k = 0; k < tensors.Length; k++)
            {
                if (!TensorGroups.RunsAlone(tensors[k].Length, groupLength))
                    continue;
                Kernels.RunTensor(ref kernel, tensors[k], out Reductions part);
                if (HasReductions)
                    job._parts[k] = part;
            }
        }
        finally
        {
            job._kernel = null;
            job.Release();
        }
        for (int k = 0; k < tensors.Length && HasReductions; k++)
            Kernels.Combine<K>(ref results, ref job._parts[k]);
        return true;
    }

    public override void RunChunk(int chunk)
    {
        K kernel = Unsafe.AsRef<K>(_kernel); // this thread's copy, bound to each tensor of the group in turn
        for (int k = First(chunk); k < First(chunk + 1); k++)
        {
            if (!InGroup(k, out TensorState st))
                continue;
            kernel.Bind(st.Parameter, st);
            Kernels.RunOnThisThread(ref kernel, st.Length, out Reductions part);
            if (HasReductions)
                _parts[k] = part;
        }
    }
}

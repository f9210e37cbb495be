using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace OptGen.Internal;

/// <summary>
/// A phase's whole work for one tensor: its passes and what it computes between them (LAMB's first pass, the trust
/// ratio from that pass's norms, then the second pass; Adafactor's axis passes and the per-row and per-column values
/// between them; Muon's passes around <c>newton_schulz</c>). The generator writes it for a phase of several passes, or
/// of passes with per-tensor reductions, whose tensors do not depend on each other (no reduction over all tensors); the
/// driver then runs many short tensors side by side on several cores (<see cref="Kernels.RunTensorPrograms{P}"/>), each
/// whole on one thread, so that a short tensor's second pass still finds it in the cache.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ITensorProgram
{
    /// <summary>
    /// Runs the phase over tensor <paramref name="index"/> of the step: <paramref name="parameter"/> and its
    /// <paramref name="state"/>. Its passes run through <see cref="Kernels.Run{K}(ref K, int)"/>, which splits a long
    /// tensor across cores and keeps a tensor of a group on its thread. It binds the kernels it holds where they are,
    /// so the driver gives each thread that runs a group its own copy of the program.
    /// </summary>
    void RunTensor(Parameter parameter, TensorState state, int index);
}

public static partial class Kernels
{
    // Set while a thread runs a group of tensors: their passes stay on that thread (every core already has a group).
    [ThreadStatic] private static bool t_inTensorGroup;

    /// <summary>
    /// Runs a phase over every tensor of a step, as a loop calling <see cref="ITensorProgram.RunTensor"/> for each in
    /// turn would, with tensors too short to be split on their own run side by side on several cores (cut as
    /// <see cref="RunTensors{K}(ref K, TensorState[])"/> cuts them, see <see cref="TensorGroups"/>). Each tensor's
    /// passes are cut into the chunks they have alone, so every value has the bits of that loop.
    /// </summary>
    /// <param name="program">The phase's program.</param>
    /// <param name="tensors">The step's tensors.</param>
    /// <param name="perThreadBuffers">
    /// Whether the phase keeps buffers per thread: axis passes (their column partials, <see cref="AxisScratch"/>) or
    /// matrix built-ins (<see cref="MatrixOps"/>' workspace, the GEMM's packing). Each thread running a group then uses
    /// a set of the job's (<see cref="GroupThreadBuffers"/>), grown on this thread before the groups run.
    /// </param>
    public static void RunTensorPrograms<P>(scoped ref P program, TensorState[] tensors, bool perThreadBuffers = false) where P : ITensorProgram, allows ref struct
    {
        if (TensorProgramJob<P>.TryRunTogether(ref program, tensors, perThreadBuffers))
            return;
        for (int k = 0; k < tensors.Length; k++)
            program.RunTensor(tensors[k].Parameter, tensors[k], k);
    }

    /// <summary>Runs <paramref name="program"/> over tensor <paramref name="index"/> with its passes kept on this thread.</summary>
    internal static void RunInGroup<P>(scoped ref P program, TensorState tensor, int index) where P : ITensorProgram, allows ref struct
    {
        bool outer = t_inTensorGroup;
        t_inTensorGroup = true;
        try
        {
            program.RunTensor(tensor.Parameter, tensor, index);
        }
        finally
        {
            t_inTensorGroup = outer;
        }
    }
}

/// <summary>
/// A phase over many tensors split across cores as <see cref="TensorGroups"/> cuts it: each group a chunk of a
/// <see cref="ParallelRunner"/> run, each of its tensors run whole by the program on that thread; then the long tensors
/// one after another on the calling thread, their passes split on their own.
/// </summary>
internal sealed unsafe class TensorProgramJob<P> : TensorGroupJob where P : ITensorProgram, allows ref struct
{
    [ThreadStatic] private static TensorProgramJob<P>? t_job;

    private void* _program;

    // Per thread slot (ParallelRunner.CurrentSlot), the buffers the passes and products of the tensors run in groups use.
    private GroupThreadBuffers[] _buffers = [];
    private bool _perThreadBuffers;

    /// <summary>Runs the phase over <paramref name="tensors"/> on several cores; false (nothing run) where one is better.</summary>
    public static bool TryRunTogether(scoped ref P program, TensorState[] tensors, bool perThreadBuffers)
    {
        int threads = ParallelRunner.AllowedThreads;
        if (!TensorGroups.TryPlan(tensors, threads, out int groupLength))
            return false;
        TensorProgramJob<P> job = t_job ??= new TensorProgramJob<P>();
        int groups = job.Hold(tensors, groupLength);
        job._perThreadBuffers = perThreadBuffers;
        if (perThreadBuffers)
            GroupThreadBuffers.GrowForGroups(ref job._buffers, tensors, groupLength);
        job._program = Unsafe.AsPointer(ref program);
        try
        {
            ParallelRunner.Run(job, groups, Math.Min(threads, groups));
        }
        finally
        {
            job._program = null;
            job.Release();
        }
        for (int k = 0; k < tensors.Length; k++)
        {
            if (TensorGroups.RunsAlone(tensors[k].Length, groupLength))
                program.RunTensor(tensors[k].Parameter, tensors[k], k);
        }
        return true;
    }

    public override void RunChunk(int chunk)
    {
        P program = Unsafe.AsRef<P>(_program); // this thread's copy: RunTensor binds its kernels to each tensor in turn
        if (_perThreadBuffers)
            _buffers[ParallelRunner.CurrentSlot].Begin();
        try
        {
            for (int k = First(chunk); k < First(chunk + 1); k++)
            {
                if (InGroup(k, out TensorState st))
                    Kernels.RunInGroup(ref program, st, k);
            }
        }
        finally
        {
            if (_perThreadBuffers)
                GroupThreadBuffers.End();
        }
    }
}

using System;
using OptGen.Nn;

namespace OptGen.Internal;

/// <summary>
/// The buffers one thread uses while it runs a group of tensors (<see cref="Kernels.RunTensorPrograms{P}"/>) in place of
/// its own: an axis pass's column partials (<see cref="AxisScratch"/>), <c>newton_schulz</c>'s workspace
/// (<see cref="MatrixOps"/>) and a GEMM job with its packing buffers (<see cref="Gemm"/>). A group job keeps one set
/// per thread slot (<see cref="ParallelRunner.CurrentSlot"/>) and grows them all on the calling thread before the run, to
/// what the largest grouped tensor needs, so a worker that takes a group never allocates; that happens only on a step
/// with a larger tensor than any before, as for the calling thread's own buffers.
/// </summary>
internal sealed class GroupThreadBuffers
{
    [ThreadStatic] private static GroupThreadBuffers? t_current;

    private readonly GemmJob _gemm = new();

    /// <summary>An axis pass's column partials on this thread in a group.</summary>
    public AxisScratch Axis { get; } = new();

    /// <summary><c>newton_schulz</c>'s workspace on this thread in a group.</summary>
    public float[] Workspace = [];

    /// <summary>This thread's set while it runs a group; null otherwise.</summary>
    public static GroupThreadBuffers? Current => t_current;

    /// <summary>The GEMM job of this thread's group set, or null outside a group.</summary>
    public static GemmJob? CurrentGemm => t_current?._gemm;

    /// <summary>Makes this set the thread's until <see cref="End"/>.</summary>
    public void Begin() => t_current = this;

    /// <summary>Ends <see cref="Begin"/>.</summary>
    public static void End() => t_current = null;

    /// <summary>
    /// One set per thread slot in <paramref name="sets"/>, each grown for every tensor of <paramref name="tensors"/> that
    /// runs in a group (shorter than <paramref name="groupLength"/>): as many terms as an axis pass can have, with column
    /// sums and extremes; <c>newton_schulz</c>'s workspace for its matrices, and the packed blocks of its products, none
    /// larger than the matrix's larger side in any size (when a phase has no product, they are small).
    /// </summary>
    public static void GrowForGroups(ref GroupThreadBuffers[] sets, TensorState[] tensors, int groupLength)
    {
        if (sets.Length < ParallelRunner.WorkerCount + 1)
        {
            Array.Resize(ref sets, ParallelRunner.WorkerCount + 1);
            for (int i = 0; i < sets.Length; i++)
                sets[i] ??= new GroupThreadBuffers();
        }
        AxisScratch.Need axis = default;
        int workspace = 0, side = 0;
        foreach (TensorState st in tensors)
        {
            if (TensorGroups.RunsAlone(st.Length, groupLength))
                continue;
            MatrixView view = st.View;
            axis = axis.Max(AxisScratch.Need.Of(new AxisChunks(view, SimdPolicy.ChunkLength), Terms<F32x1>.Capacity, columnSums: true, columnExtremes: true));
            workspace = Math.Max(workspace, MatrixOps.WorkspaceLength(view));
            side = Math.Max(side, Math.Max(view.Rows, view.Cols));
        }
        foreach (GroupThreadBuffers set in sets)
        {
            set.Axis.Grow(axis);
            if (set.Workspace.Length < workspace)
                set.Workspace = new float[workspace];
            set._gemm.ReserveOneRectangle(side);
        }
    }
}

using System;
using System.Runtime.CompilerServices;

namespace OptGen.Internal;

/// <summary>
/// A pass split into chunks for the <see cref="ParallelRunner"/>. The kernel stays where the caller put it (a
/// <c>ref struct</c> on the caller's stack, which cannot move): each chunk reads it through a pointer, copies it, and
/// runs its range. One job object per kernel type and calling thread, made on first use, so steps allocate nothing.
/// </summary>
internal sealed unsafe class KernelJob<K> : IChunkJob where K : IElementKernel, allows ref struct
{
    [ThreadStatic] private static KernelJob<K>? t_job;

    private void* _kernel;
    private int _length;
    private int _chunkLength;
    private double[] _partials = [];

    private static int Terms => K.SumCount + K.MaxCount;

    public static void RunSplit(scoped ref K kernel, int length, int chunkLength, int chunks, int threads, ref Reductions results)
    {
        KernelJob<K> job = t_job ??= new KernelJob<K>();
        if (job._partials.Length < chunks * Terms)
            job._partials = new double[chunks * Terms]; // grows once, on the first step with a tensor this large
        job._kernel = Unsafe.AsPointer(ref kernel);
        job._length = length;
        job._chunkLength = chunkLength;
        try
        {
            ParallelRunner.Run(job, chunks, threads);
        }
        finally
        {
            job._kernel = null;
        }
        // Chunk order, whatever thread ran which chunk.
        for (int c = 0; c < chunks && Terms > 0; c++)
        {
            Reductions part = default;
            for (int j = 0; j < Terms; j++)
                part[j] = job._partials[c * Terms + j];
            Kernels.Combine<K>(ref results, ref part);
        }
    }

    public void RunChunk(int chunk)
    {
        ref K kernel = ref Unsafe.AsRef<K>(_kernel);
        int start = chunk * _chunkLength;
        int end = Math.Min(_length, start + _chunkLength);
        Reductions part = default;
        Kernels.RunRange(ref kernel, start, end, ref part);
        for (int j = 0; j < Terms; j++)
            _partials[chunk * Terms + j] = part[j];
    }
}

using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OptGen;

/// <summary>The state an optimizer keeps for one parameter tensor.</summary>
/// <remarks>
/// Buffers live in blocks shared by all tensors of the optimizer, one block per kind of buffer (all <c>m</c>s, then all
/// <c>v</c>s, ...), each tensor's part starting at the same address modulo 64 bytes as its parameter's value: so a
/// step streams each kind from one contiguous region, and a loop aligned for the parameter is aligned for its state.
/// </remarks>
public sealed class TensorState
{
    private readonly Memory<float>[] _buffers;
    private readonly Memory<float>[] _scratch;
    private readonly Memory<float>[] _axisScratch;

    internal TensorState(Parameter parameter, MatrixView view, int shapeClass, Memory<float>[] buffers, double[] scalarInit, Memory<float>[] scratch, Memory<float>[] axisScratch, int tempCount)
    {
        Parameter = parameter;
        View = view;
        ShapeClass = shapeClass;
        _buffers = buffers;
        _scratch = scratch;
        _axisScratch = axisScratch;
        Scalars = (double[])scalarInit.Clone();
        Temps = new double[tempCount];
    }

    /// <summary>The tensor this state belongs to (the one at its place in every step's parameters).</summary>
    internal Parameter Parameter { get; }

    /// <summary>Number of elements of the tensor.</summary>
    public int Length => View.Length;

    /// <summary>The tensor as the optimizer's formulas see it: a stack of matrices.</summary>
    public MatrixView View { get; }

    /// <summary>Which branches of the update the tensor takes (the outcomes of its shape conditions), fixed at allocation.</summary>
    public int ShapeClass { get; }

    /// <summary>Number of state buffers (<see cref="OptimizerState.BufferNames"/>).</summary>
    public int BufferCount => _buffers.Length;

    /// <summary>
    /// Buffer <paramref name="index"/> (in the order of <see cref="OptimizerState.BufferNames"/>): one float per element,
    /// per row, column or matrix of a factored buffer (<see cref="OptimizerState.GetBufferShape(int)"/>), half as many
    /// holding two bfloat16 values each, or none when the tensor's branch does not use it.
    /// </summary>
    public Span<float> Buffer(int index) => _buffers[index].Span;

    /// <summary>Buffer <paramref name="index"/> as memory, so a composed state can view it without copying.</summary>
    internal Memory<float> BufferMemory(int index) => _buffers[index];

    /// <summary>Per-tensor scalar states, in the order of <see cref="OptimizerState.ScalarNames"/>.</summary>
    public double[] Scalars { get; }

    /// <summary>Per-tensor scalars that cross a global reduction within one step (not state).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public double[] Temps { get; }

    /// <summary>Number of scratch buffers (values that cross a pass boundary within one step; not state).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public int ScratchCount => _scratch.Length;

    /// <summary>The first element of buffer <paramref name="index"/>, for generated kernels.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ref float BufferReference(int index) => ref MemoryMarshal.GetReference(_buffers[index].Span);

    /// <summary>The first value of a bfloat16 buffer, for generated kernels.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ref ushort Bf16Reference(int index) => ref Unsafe.As<float, ushort>(ref MemoryMarshal.GetReference(_buffers[index].Span));

    /// <summary>The first element of scratch buffer <paramref name="index"/>, for generated kernels.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ref float ScratchReference(int index) => ref MemoryMarshal.GetReference(_scratch[index].Span);

    /// <summary>Per-row, per-column or per-matrix values of a step (<see cref="StateLayout.AxisScratch"/>), for generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Span<float> AxisScratch(int index) => _axisScratch[index].Span;

    /// <summary>The first value of axis scratch <paramref name="index"/>, for generated kernels.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ref float AxisScratchReference(int index) => ref MemoryMarshal.GetReference(_axisScratch[index].Span);
}

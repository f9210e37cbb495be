using System;
using System.ComponentModel;

namespace OptGen;

/// <summary>
/// What state an optimizer keeps per tensor, as its generated code describes it: buffers (with their shape in the
/// matrix view and storage), per-tensor scalars, and the scratch a step needs. Tensors fall into shape classes (the
/// outcomes of the update's branch conditions); a buffer, scratch buffer or axis array only the other classes use is not
/// allocated.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class StateLayout
{
    /// <summary>Buffer names, in formula order; a bfloat16 buffer's ends with <see cref="OptimizerState.BFloat16Suffix"/>.</summary>
    public required string[] BufferNames { get; init; }

    /// <summary>Initial value of each buffer.</summary>
    public required float[] BufferInit { get; init; }

    /// <summary>
    /// Per buffer, whether it starts as a copy of the parameter's values instead of <see cref="BufferInit"/>
    /// (<c>[State(name, InitFromWeights = true)]</c>). Empty: none does.
    /// </summary>
    public bool[] BufferFromWeights { get; init; } = [];

    /// <summary>The shape of each buffer in the matrix view (element unless factored). Empty: all per element.</summary>
    public StateShape[] BufferShapes { get; init; } = [];

    /// <summary>Per-tensor scalar state names.</summary>
    public required string[] ScalarNames { get; init; }

    /// <summary>Initial value of each scalar state.</summary>
    public required double[] ScalarInit { get; init; }

    /// <summary>Scalar states shared by all tensors of a step (<c>[State(name, Shared = true)]</c>), stored once.</summary>
    public string[] SharedNames { get; init; } = [];

    /// <summary>Initial value of each shared scalar state.</summary>
    public double[] SharedInit { get; init; } = [];

    /// <summary>Per-element float scratch buffers a step needs (values that cross a pass boundary).</summary>
    public int ScratchCount { get; init; }

    /// <summary>Float arrays for per-row, per-column or per-matrix values of a step, by the axes they vary along (1 matrix, 2 row, 4 column).</summary>
    public int[] AxisScratch { get; init; } = [];

    /// <summary>Per-tensor doubles that cross a global reduction within one step.</summary>
    public int TempCount { get; init; }

    /// <summary>How formulas see a tensor as matrices.</summary>
    public TensorView View { get; init; }

    /// <summary>Smallest rank accepted (0: any).</summary>
    public int MinRank { get; init; }

    /// <summary>Largest rank accepted (0: any).</summary>
    public int MaxRank { get; init; }

    /// <summary>The shape class of a tensor (which branches it takes); null: every tensor is class 0.</summary>
    public Func<MatrixView, int>? ShapeClass { get; init; }

    /// <summary>Per shape class, the buffers it uses (bit b for buffer b); empty: every class uses every buffer.</summary>
    public ulong[] BuffersUsed { get; init; } = [];

    /// <summary>
    /// Per shape class, how many scratch buffers its update uses (slots 0 … n − 1; the others are not allocated for its
    /// tensors); empty: every class uses all <see cref="ScratchCount"/>.
    /// </summary>
    public int[] ScratchUsed { get; init; } = [];

    /// <summary>Per array of <see cref="AxisScratch"/>, the shape class whose update uses it; empty: every class uses every array.</summary>
    public int[] AxisScratchClasses { get; init; } = [];

    internal StateShape ShapeOf(int buffer) => buffer < BufferShapes.Length ? BufferShapes[buffer] : StateShape.Element;

    internal bool StartsFromWeights(int buffer) => buffer < BufferFromWeights.Length && BufferFromWeights[buffer];

    internal bool Uses(int shapeClass, int buffer) => BuffersUsed.Length == 0 || (BuffersUsed[shapeClass] >> buffer & 1) != 0;

    internal bool UsesScratch(int shapeClass, int slot) => ScratchUsed.Length == 0 || slot < ScratchUsed[shapeClass];

    internal bool UsesAxisScratch(int shapeClass, int array) => AxisScratchClasses.Length == 0 || AxisScratchClasses[array] == shapeClass;

    internal bool IsBFloat16(int buffer) => BufferNames[buffer].EndsWith(OptimizerState.BFloat16Suffix, StringComparison.Ordinal);

    /// <summary>Floats buffer <paramref name="buffer"/> holds for a tensor with this view and shape class.</summary>
    internal int StoredLength(int buffer, MatrixView view, int shapeClass)
    {
        if (!Uses(shapeClass, buffer))
            return 0;
        int count = view.Count(ShapeOf(buffer));
        return IsBFloat16(buffer) ? (count + 1) / 2 : count;
    }
}

using System;
using System.Numerics.Tensors;

namespace OptGen.Nn;

/// <summary>The element-wise and row-wise formulas an <see cref="ElementwisePass"/> can run.</summary>
internal enum ElementwiseOp
{
    /// <summary><c>out = max(x, 0)</c>.</summary>
    Relu,

    /// <summary><c>out = x &gt; 0 ? x : slope · x</c>.</summary>
    LeakyRelu,

    /// <summary><c>out = x &gt; 0 ? y : slope · y</c> (x the forward input, y the output gradient).</summary>
    LeakyReluBackward,

    /// <summary><c>out = sigmoid(x)</c>.</summary>
    Sigmoid,

    /// <summary><c>out = y · x (1 - x)</c> (x the forward output).</summary>
    SigmoidBackward,

    /// <summary><c>out = tanh(x)</c>.</summary>
    Tanh,

    /// <summary><c>out = y · (1 - x²)</c> (x the forward output).</summary>
    TanhBackward,

    /// <summary>GELU of x; aux receives the tanh of the inner argument, which the backward pass reads.</summary>
    Gelu,

    /// <summary>GELU backward: x the forward input, aux the tanh kept by the forward pass, y the output gradient.</summary>
    GeluBackward,

    /// <summary>Draws the dropout mask into aux (element i from the counter-based generator at index i) and multiplies x by it.</summary>
    Dropout,

    /// <summary><c>out = x · y</c>.</summary>
    Multiply,

    /// <summary>Row-wise softmax of x.</summary>
    Softmax,

    /// <summary>Row-wise softmax backward: x the forward output, y the output gradient.</summary>
    SoftmaxBackward,
}

/// <summary>
/// One layer's element-wise (or row-wise) pass, split into chunks across cores when it is large enough. Chunks are
/// whole cache lines (or whole rows) long, each element's result depends on that element alone (row-wise: that row),
/// and the last chunk is never shorter than the others, so the split changes no bits. A layer keeps one instance
/// and reuses it for its forward and backward passes.
/// </summary>
internal sealed unsafe class ElementwisePass : NnJob
{
    /// <summary>Elements per chunk at least (a multiple of 16 floats: whole cache lines).</summary>
    private const int MinChunk = 1024;

    private ElementwiseOp _op;
    private float* _x, _y, _aux, _out;
    private int _count, _chunkLength, _chunks, _rowWidth;
    private float _parameter, _keep;
    private ulong _state;

    /// <summary>
    /// Runs <paramref name="op"/> over the first <paramref name="count"/> values of each span (rows of
    /// <paramref name="rowWidth"/> values for the row-wise ops). <paramref name="parameter"/> is LeakyReLU's slope or
    /// the dropout rate; <paramref name="state"/> the dropout generator's state before this pass.
    /// </summary>
    public void Run(ElementwiseOp op, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> aux, Span<float> output,
        int count, int rowWidth = 1, float parameter = 0f, ulong state = 0)
    {
        if (count == 0)
            return;
        bool rows = op is ElementwiseOp.Softmax or ElementwiseOp.SoftmaxBackward;
        int unit = rows ? rowWidth : 16;
        int items = rows ? count / rowWidth : count;
        int chunks = NnParallel.ChunksFor((long)count * Cost(op), items, rows ? Math.Max(1, MinChunk / rowWidth) : MinChunk);
        // Whole units per chunk, and the remainder goes to the last chunk (so no chunk is short).
        int perChunk = (items + chunks - 1) / chunks;
        if (!rows)
            perChunk = (perChunk + unit - 1) / unit * unit;
        _chunkLength = rows ? perChunk * rowWidth : perChunk;
        _chunks = Math.Max(1, count / _chunkLength);
        fixed (float* px = x, py = y, pa = aux, po = output)
        {
            _x = px;
            _y = py;
            _aux = pa;
            _out = po;
            (_op, _count, _rowWidth, _parameter, _state) = (op, count, rowWidth, parameter, state);
            _keep = op == ElementwiseOp.Dropout ? 1f / (1f - parameter) : 0f;
            try
            {
                Execute(_chunks);
            }
            finally
            {
                _x = _y = _aux = _out = null;
            }
        }
    }

    /// <summary>Rough cost of one element relative to a copy: what makes a pass worth splitting.</summary>
    private static int Cost(ElementwiseOp op) => op switch
    {
        ElementwiseOp.Sigmoid or ElementwiseOp.Tanh or ElementwiseOp.Gelu or ElementwiseOp.Softmax => 16,
        ElementwiseOp.Dropout => 8,
        ElementwiseOp.GeluBackward => 4,
        _ => 1,
    };

    protected override void RunChunk(int chunk)
    {
        int start = chunk * _chunkLength;
        int length = chunk == _chunks - 1 ? _count - start : _chunkLength;
        ReadOnlySpan<float> x = new(_x + start, length);
        Span<float> output = new(_out + start, length);
        switch (_op)
        {
            case ElementwiseOp.Relu:
                TensorPrimitives.Max(x, 0f, output);
                break;
            case ElementwiseOp.LeakyRelu:
                ElementwiseKernels.LeakyRelu(x, output, _parameter);
                break;
            case ElementwiseOp.LeakyReluBackward:
                ElementwiseKernels.LeakyReluBackward(x, Y(start, length), output, _parameter);
                break;
            case ElementwiseOp.Sigmoid:
                TensorPrimitives.Sigmoid(x, output);
                break;
            case ElementwiseOp.SigmoidBackward:
                ElementwiseKernels.SigmoidBackward(x, Y(start, length), output);
                break;
            case ElementwiseOp.Tanh:
                TensorPrimitives.Tanh(x, output);
                break;
            case ElementwiseOp.TanhBackward:
                ElementwiseKernels.TanhBackward(x, Y(start, length), output);
                break;
            case ElementwiseOp.Gelu:
                Span<float> t = Aux(start, length);
                ElementwiseKernels.GeluInner(x, t);
                TensorPrimitives.Tanh(t, t);
                ElementwiseKernels.GeluOutput(x, t, output);
                break;
            case ElementwiseOp.GeluBackward:
                ElementwiseKernels.GeluBackward(x, Aux(start, length), Y(start, length), output);
                break;
            case ElementwiseOp.Dropout:
                Span<float> mask = Aux(start, length);
                ElementwiseKernels.DropoutMask(mask, _state, start, _parameter, _keep);
                TensorPrimitives.Multiply(x, mask, output);
                break;
            case ElementwiseOp.Multiply:
                TensorPrimitives.Multiply(x, Y(start, length), output);
                break;
            case ElementwiseOp.Softmax:
                for (int r = 0; r < length; r += _rowWidth)
                    Nn.Softmax.Row(x.Slice(r, _rowWidth), output.Slice(r, _rowWidth));
                break;
            case ElementwiseOp.SoftmaxBackward:
                ReadOnlySpan<float> dy = Y(start, length);
                for (int r = 0; r < length; r += _rowWidth)
                    Nn.Softmax.RowBackward(x.Slice(r, _rowWidth), dy.Slice(r, _rowWidth), output.Slice(r, _rowWidth));
                break;
            default:
                throw new InvalidOperationException($"Unknown element-wise operation {_op}.");
        }
    }

    private ReadOnlySpan<float> Y(int start, int length) => new(_y + start, length);

    private Span<float> Aux(int start, int length) => new(_aux + start, length);
}

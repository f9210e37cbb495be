using System;
using System.Linq;
using System.Numerics;

namespace OptGen;

/// <summary>
/// The state of a <see cref="Lookahead"/> as one <see cref="OptimizerState"/>, so checkpoints save and load it like any
/// optimizer's: the inner optimizer's buffers, scalars and shared scalars under <c>{inner}.{name}</c> (<c>AdamW.m</c>),
/// then the slow weights as buffer <c>lookahead.slow</c>. The tensors view the inner optimizer's buffers and the slow
/// weights (no copy); the inner optimizer's per-tensor scalars are copied in after every step.
/// </summary>
internal sealed class LookaheadState : IStateComposition
{
    /// <summary>The name of the slow-weights buffer in the composed state (and in checkpoints).</summary>
    public const string SlowBufferName = "lookahead.slow";

    private readonly IOptimizer _inner;
    private readonly OptimizerState _slow;
    private readonly int _innerBuffers;
    private readonly int _scalarCount;
    private Parameter[] _parameters = [];
    private TensorState[] _view = [];

    public LookaheadState(IOptimizer inner)
    {
        _inner = inner;
        OptimizerState own = inner.State;
        string prefix = own.OptimizerName + ".";
        _innerBuffers = own.BufferNames.Length;
        _scalarCount = own.ScalarNames.Length;
        var layout = new StateLayout
        {
            BufferNames = [.. own.BufferNames.Select(n => prefix + n), SlowBufferName],
            BufferInit = new float[_innerBuffers + 1],
            BufferShapes = [.. Enumerable.Range(0, _innerBuffers).Select(own.GetBufferShape), StateShape.Element],
            ScalarNames = [.. own.ScalarNames.Select(n => prefix + n)],
            ScalarInit = new double[_scalarCount],
            SharedNames = [.. own.SharedNames.Select(n => prefix + n)],
            SharedInit = (double[])own.SharedScalars.Clone(),
            View = own.View,
        };
        State = new OptimizerState(nameof(Lookahead), layout, this);
        // The slow weights are a one-buffer state that starts as a copy of the weights, so allocation (aligned like
        // the weights), validation on restore and its messages are the plain state's.
        _slow = new OptimizerState(nameof(Lookahead), new StateLayout
        {
            BufferNames = [SlowBufferName], BufferInit = [0f], BufferFromWeights = [true],
            ScalarNames = [], ScalarInit = [],
        });
    }

    /// <summary>The lookahead optimizer's state.</summary>
    public OptimizerState State { get; }

    /// <summary>True once slow weights exist (after the first step, an Initialize or a Restore).</summary>
    public bool IsBound => _slow.IsInitialized;

    /// <summary>Copies the weights into fresh slow weights, before the first inner step.</summary>
    public void BindSlow(ReadOnlySpan<Parameter> parameters)
    {
        _slow.Initialize(parameters);
        _parameters = parameters.ToArray();
    }

    /// <summary>Forgets the slow weights of a first step the inner optimizer refused.</summary>
    public void UnbindSlow()
    {
        _slow.Reset();
        _parameters = [];
    }

    /// <summary>
    /// Timm's <c>update_slow</c> on every tensor: <c>slow += alpha · (fast − slow)</c>, then <c>fast = slow</c>.
    /// An <paramref name="alpha"/> of 1 copies fast into slow, so that it is exactly the fast weights.
    /// </summary>
    public void Synchronize(float alpha)
    {
        Parameter[] parameters = _parameters;
        ReadOnlySpan<TensorState> slow = _slow.Tensors;
        for (int i = 0; i < parameters.Length; i++)
            PullTowards(slow[i].Buffer(0), parameters[i].Value, alpha);
    }

    /// <summary>Copies the inner optimizer's scalars into the view and records the step count (after a step).</summary>
    public void Refresh(long stepCount)
    {
        if (_view.Length == 0)
            _view = BuildView();
        ReadOnlySpan<TensorState> inner = _inner.State.Tensors;
        for (int i = 0; i < _view.Length; i++)
            inner[i].Scalars.AsSpan().CopyTo(_view[i].Scalars);
        _inner.State.SharedScalars.AsSpan().CopyTo(State.SharedScalars);
        State.Adopt(_parameters, _view, stepCount);
    }

    void IStateComposition.Initialize(ReadOnlySpan<Parameter> parameters)
    {
        _inner.State.Initialize(parameters); // validates the tensors for the inner optimizer (ranks) before anything changes
        _slow.Initialize(parameters);
        _parameters = parameters.ToArray();
        _view = BuildView();
        Refresh(0);
    }

    void IStateComposition.Restore(ReadOnlySpan<Parameter> parameters, long stepCount, ReadOnlySpan<float[][]> buffers, ReadOnlySpan<double[]> scalars, ReadOnlySpan<double> shared)
    {
        int count = _innerBuffers + 1;
        var innerBuffers = new float[parameters.Length][][];
        var slowBuffers = new float[parameters.Length][][];
        var noScalars = new double[parameters.Length][];
        for (int i = 0; i < parameters.Length; i++)
        {
            string tensor = $"parameter {i} ({parameters[i].Name ?? "unnamed"}, shape {Parameter.Format(parameters[i].Shape)})";
            if (buffers[i] is null || buffers[i].Length != count)
                throw new ArgumentException($"Lookahead has {count} state buffers per tensor ({string.Join(", ", State.BufferNames)}), but {buffers[i]?.Length ?? 0} were given for {tensor}.", nameof(buffers));
            innerBuffers[i] = buffers[i][.._innerBuffers];
            slowBuffers[i] = [buffers[i][_innerBuffers]];
            noScalars[i] = [];
        }
        // The slow weights first (they validate and change nothing on an exception), then the inner optimizer; if it
        // refuses, the slow weights go back to what they were, so nothing changes.
        var undo = (Parameters: _slow.Parameters.ToArray(), Tensors: _slow.Tensors.ToArray(), Steps: _slow.StepCount);
        _slow.Restore(parameters, stepCount, slowBuffers, noScalars);
        try
        {
            _inner.State.Restore(parameters, stepCount, innerBuffers, scalars, shared);
        }
        catch
        {
            _slow.Adopt(undo.Parameters, undo.Tensors, undo.Steps);
            throw;
        }
        _parameters = parameters.ToArray();
        _view = BuildView();
        Refresh(stepCount);
    }

    void IStateComposition.Reset()
    {
        _inner.Reset();
        _slow.Reset();
        _parameters = [];
        _view = [];
    }

    void IStateComposition.SetStepCount(long stepCount) => _inner.State.StepCount = stepCount;

    private TensorState[] BuildView()
    {
        ReadOnlySpan<TensorState> inner = _inner.State.Tensors;
        ReadOnlySpan<TensorState> slow = _slow.Tensors;
        var view = new TensorState[inner.Length];
        for (int i = 0; i < view.Length; i++)
        {
            var buffers = new Memory<float>[_innerBuffers + 1];
            for (int b = 0; b < _innerBuffers; b++)
                buffers[b] = inner[i].BufferMemory(b);
            buffers[_innerBuffers] = slow[i].BufferMemory(0);
            view[i] = new TensorState(inner[i].Parameter, inner[i].View, inner[i].ShapeClass, buffers, new double[_scalarCount], [], [], 0);
        }
        return view;
    }

    // Element by element, so the result does not depend on the vector width (no fused multiply-add: the JIT does not
    // contract a separate multiply and add).
    private static void PullTowards(Span<float> slow, Span<float> fast, float alpha)
    {
        if (alpha == 1f)
        {
            fast.CopyTo(slow);
            return;
        }
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var a = new Vector<float>(alpha);
            for (; i <= slow.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var s = new Vector<float>(slow[i..]);
                Vector<float> moved = s + a * (new Vector<float>(fast[i..]) - s);
                moved.CopyTo(slow[i..]);
                moved.CopyTo(fast[i..]);
            }
        }
        for (; i < slow.Length; i++)
        {
            float s = slow[i];
            s += alpha * (fast[i] - s);
            slow[i] = s;
            fast[i] = s;
        }
    }
}

using System;
using System.Collections.Generic;
using System.ComponentModel;
using OptGen.Internal;

namespace OptGen;

/// <summary>
/// The state of one optimizer: for each parameter tensor, its per-element buffers (e.g. Adam's <c>m</c>,
/// <c>v</c>) and per-tensor scalars, plus the step count. Created empty; the first step allocates it for
/// the tensors it is given, and later steps check that they get the same tensors.
/// </summary>
public sealed class OptimizerState
{
    private readonly StateLayout _layout;
    private Parameter[] _parameters = [];
    private TensorState[] _tensors = [];
    private StepGuard _guard;
    private bool _allocatedByThisStep;
    private readonly IStateComposition? _composition;
    private long _stepCount;

    /// <summary>Describes the state layout an optimizer needs. Called by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public OptimizerState(string optimizerName, string[] bufferNames, float[] bufferInit, string[] scalarNames, double[] scalarInit, int scratchCount, int tempCount)
        : this(optimizerName, new StateLayout
        {
            BufferNames = bufferNames, BufferInit = bufferInit, ScalarNames = scalarNames, ScalarInit = scalarInit,
            ScratchCount = scratchCount, TempCount = tempCount,
        })
    {
    }

    /// <summary>Describes the state an optimizer needs, factored buffers and shape classes included. Called by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public OptimizerState(string optimizerName, StateLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        OptimizerName = optimizerName;
        _layout = layout;
        BufferNames = layout.BufferNames;
        ScalarNames = layout.ScalarNames;
        SharedNames = layout.SharedNames;
        SharedScalars = (double[])layout.SharedInit.Clone();
    }

    /// <summary>
    /// The state of an optimizer made of others (<see cref="RoutedOptimizer"/>): its tensors view the members' state,
    /// and <c>Restore</c>, <see cref="Initialize"/>, <see cref="Reset"/> and setting <see cref="StepCount"/>
    /// go to <paramref name="composition"/>, which keeps the view current through <see cref="Adopt"/>.
    /// </summary>
    internal OptimizerState(string optimizerName, StateLayout layout, IStateComposition composition)
        : this(optimizerName, layout) => _composition = composition;

    /// <summary>The shape of each buffer in the tensor's matrix view (<see cref="StateShape.Element"/> unless factored).</summary>
    public StateShape GetBufferShape(int buffer) => _layout.ShapeOf(buffer);

    /// <summary>
    /// The shape of buffer <paramref name="buffer"/> of <paramref name="parameter"/> as PyTorch would keep it: the
    /// parameter's shape for a per-element buffer; for a factored one the parameter's shape with the reduced dimensions
    /// set to 1 (a per-row state of a <c>[.., r, c]</c> tensor is <c>[.., r, 1]</c>, as torch.optim.Adafactor's row_var).
    /// </summary>
    public int[] GetBufferShape(int buffer, Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        int[] shape = parameter.Shape.ToArray();
        StateShape kind = _layout.ShapeOf(buffer);
        if (kind == StateShape.Element)
            return shape;
        MatrixView view = MatrixView.Of(shape, _layout.View);
        bool rows = kind is StateShape.Row or StateShape.RowIndex, cols = kind is StateShape.Column or StateShape.ColumnIndex;
        bool stack = kind is StateShape.Row or StateShape.Column or StateShape.Matrix;
        if (shape.Length == 1 || _layout.View == TensorView.Channels)
            return [rows ? view.Rows : 1, cols ? view.Cols : 1];
        for (int d = 0; d < shape.Length - 2; d++)
            shape[d] = stack ? shape[d] : 1;
        shape[^2] = rows ? view.Rows : 1;
        shape[^1] = cols ? view.Cols : 1;
        return shape;
    }

    /// <summary>How formulas see tensors as matrices (rows and columns of factored state and axis reductions).</summary>
    public TensorView View => _layout.View;

    /// <summary>
    /// Floats buffer <paramref name="buffer"/> holds for <paramref name="parameter"/>: its element count, or the count
    /// of rows, columns or matrices for a factored buffer, halved (rounded up) for bfloat16, and 0 when the tensor's
    /// branch does not use the buffer.
    /// </summary>
    public int StoredLength(int buffer, Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        MatrixView view = MatrixView.Of(parameter.Shape, _layout.View);
        return _layout.StoredLength(buffer, view, _layout.ShapeClass?.Invoke(view) ?? 0);
    }

    /// <summary>
    /// Ends the name of a buffer stored as bfloat16 (<c>[State("m", Storage = StateStorage.BFloat16)]</c>): such a
    /// buffer packs two values per float slot, so its array has <c>(length + 1) / 2</c> floats.
    /// </summary>
    public const string BFloat16Suffix = "@bf16";

    /// <summary>Floats stored for a buffer named <paramref name="bufferName"/> of a tensor of <paramref name="tensorLength"/> elements.</summary>
    public static int StoredLength(string bufferName, int tensorLength) =>
        bufferName.EndsWith(BFloat16Suffix, StringComparison.Ordinal) ? (tensorLength + 1) / 2 : tensorLength;

    /// <summary>The optimizer's class name.</summary>
    public string OptimizerName { get; }

    /// <summary>Names of the per-element state buffers, in the order of <see cref="TensorState.Buffer"/>.</summary>
    public string[] BufferNames { get; }

    /// <summary>Names of the per-tensor scalar states, in the order of <see cref="TensorState.Scalars"/>.</summary>
    public string[] ScalarNames { get; }

    /// <summary>Names of the scalar states shared by all tensors of a step, in the order of <see cref="SharedScalars"/>.</summary>
    public string[] SharedNames { get; }

    /// <summary>
    /// The scalar states shared by all tensors (<c>[State(name, Shared = true)]</c>, e.g. Prodigy's <c>d</c>): one value
    /// each for the whole optimizer, at their initial values until the first step and after <see cref="Reset"/>.
    /// </summary>
    public double[] SharedScalars { get; }

    /// <summary>Steps completed so far.</summary>
    public long StepCount
    {
        get => _stepCount;
        set
        {
            _composition?.SetStepCount(value);
            _stepCount = value;
        }
    }

    /// <summary>Micro-batches accumulated since the last update ([AccumulateGradients]); 0 otherwise.</summary>
    public int MicroStep { get; set; }

    /// <summary>True once a step has allocated state for a set of tensors.</summary>
    public bool IsInitialized => _tensors.Length > 0;

    /// <summary>The per-tensor states, in the order the tensors are passed to <c>Step</c>.</summary>
    public ReadOnlySpan<TensorState> Tensors => _tensors;

    /// <summary>Forgets every tensor's state and the step count.</summary>
    public void Reset()
    {
        _composition?.Reset();
        _parameters = [];
        _tensors = [];
        _layout.SharedInit.CopyTo(SharedScalars, 0);
        StepCount = 0;
        MicroStep = 0;
    }

    /// <summary>
    /// Starts a step: validates the parameter set (allocating state on the first step) and marks the state
    /// busy so that a concurrent step is detected. Called by generated code; pair with <see cref="EndStep(bool, bool)"/>.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public TensorState[] BeginStep(ReadOnlySpan<Parameter> parameters)
    {
        _guard.Enter(OptimizerName);
        try
        {
            Validate(parameters);
            _allocatedByThisStep = _tensors.Length == 0;
            if (_allocatedByThisStep)
                Allocate(parameters);
            return _tensors;
        }
        catch
        {
            _guard.Exit();
            throw;
        }
    }

    /// <summary>
    /// Ends a step begun by <see cref="BeginStep"/>; counts it when <paramref name="completed"/>. A first step that
    /// failed (e.g. its schedule returned NaN) drops the state it allocated, so it is not bound to those tensors.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void EndStep(bool completed) => EndStep(completed, ran: completed);

    /// <summary>
    /// Ends a step that <paramref name="ran"/> to the end without being <paramref name="completed"/> as an update:
    /// a micro-batch of gradient accumulation or a skipped non-finite step. Its state is kept (the accumulator holds
    /// data), but it is not counted.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void EndStep(bool completed, bool ran)
    {
        if (completed)
            StepCount++;
        else if (_allocatedByThisStep && !ran)
        {
            _parameters = [];
            _tensors = [];
        }
        _allocatedByThisStep = false;
        _guard.Exit();
    }

    /// <summary>The parameters the state was created for, in order (empty before the first step).</summary>
    internal ReadOnlySpan<Parameter> Parameters => _parameters;

    /// <summary>
    /// Allocates fresh state (buffers at their initial values, step count 0) for <paramref name="parameters"/>
    /// without taking a step, replacing any state held before. Later steps must pass the same parameters.
    /// </summary>
    /// <exception cref="ArgumentException">The parameters are empty, contain null or empty tensors, or repeat a tensor.</exception>
    public void Initialize(ReadOnlySpan<Parameter> parameters)
    {
        Enter();
        try
        {
            ValidateSet(parameters, "Initialize");
            if (_composition is not null)
            {
                _composition.Initialize(parameters);
                return;
            }
            Allocate(parameters);
            StepCount = 0;
        }
        finally
        {
            _guard.Exit();
        }
    }

    /// <summary>
    /// Replaces the state with saved values, as if <paramref name="stepCount"/> steps had been taken on
    /// <paramref name="parameters"/> (e.g. when loading a checkpoint). <paramref name="buffers"/>[i][b] is buffer
    /// <see cref="BufferNames"/>[b] of tensor i, and <paramref name="scalars"/>[i][s] is scalar
    /// <see cref="ScalarNames"/>[s] of tensor i. The values are copied. Everything is validated first: on an
    /// exception the state is unchanged. Later steps must pass the same parameters in the same order.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The parameters are invalid, or the buffers or scalars do not match them or this optimizer's layout, or the optimizer
    /// has shared scalar states (use the overload that takes them).
    /// </exception>
    public void Restore(ReadOnlySpan<Parameter> parameters, long stepCount, ReadOnlySpan<float[][]> buffers, ReadOnlySpan<double[]> scalars) =>
        Restore(parameters, stepCount, buffers, scalars, []);

    /// <summary>
    /// As <see cref="Restore(ReadOnlySpan{Parameter}, long, ReadOnlySpan{float[][]}, ReadOnlySpan{double[]})"/>, with the
    /// values of the shared scalar states, in the order of <see cref="SharedNames"/>.
    /// </summary>
    /// <exception cref="ArgumentException">As the other overload, or <paramref name="shared"/> does not hold one value per shared state.</exception>
    public void Restore(ReadOnlySpan<Parameter> parameters, long stepCount, ReadOnlySpan<float[][]> buffers, ReadOnlySpan<double[]> scalars, ReadOnlySpan<double> shared)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stepCount);
        Enter();
        try
        {
            ValidateSet(parameters, "Restore");
            if (shared.Length != SharedNames.Length)
                throw new ArgumentException($"{OptimizerName} has {SharedNames.Length} shared scalar states ({string.Join(", ", SharedNames)}), but {shared.Length} values were given.", nameof(shared));
            if (buffers.Length != parameters.Length)
                throw new ArgumentException($"{OptimizerName}.State.Restore was given buffers for {buffers.Length} tensors but {parameters.Length} parameters.", nameof(buffers));
            if (scalars.Length != parameters.Length)
                throw new ArgumentException($"{OptimizerName}.State.Restore was given scalars for {scalars.Length} tensors but {parameters.Length} parameters.", nameof(scalars));
            if (_composition is not null)
            {
                _composition.Restore(parameters, stepCount, buffers, scalars, shared);
                shared.CopyTo(SharedScalars);
                return;
            }
            for (int i = 0; i < parameters.Length; i++)
            {
                string tensor = $"parameter {i} ({parameters[i].Name ?? "unnamed"})";
                float[][]? b = buffers[i];
                if (b is null || b.Length != BufferNames.Length)
                    throw new ArgumentException($"{OptimizerName} has {BufferNames.Length} state buffers per tensor, but {b?.Length ?? 0} were given for {tensor}.", nameof(buffers));
                for (int k = 0; k < b.Length; k++)
                {
                    int expected = StoredLength(k, parameters[i]);
                    if (b[k] is null || b[k].Length != expected)
                        throw new ArgumentException($"State buffer '{BufferNames[k]}' of {tensor} has {b[k]?.Length ?? 0} stored values; {expected} are expected for the parameter's shape {Parameter.Format(parameters[i].Shape)}.", nameof(buffers));
                }
                double[]? sc = scalars[i];
                if (sc is null || sc.Length != ScalarNames.Length)
                    throw new ArgumentException($"{OptimizerName} has {ScalarNames.Length} scalar states per tensor, but {sc?.Length ?? 0} were given for {tensor}.", nameof(scalars));
            }
            TensorState[] tensors = NewTensors(parameters);
            for (int i = 0; i < tensors.Length; i++)
            {
                TensorState t = tensors[i];
                for (int k = 0; k < t.BufferCount; k++)
                    buffers[i][k].AsSpan().CopyTo(t.Buffer(k));
                scalars[i].AsSpan().CopyTo(t.Scalars);
            }
            _parameters = parameters.ToArray();
            _tensors = tensors;
            shared.CopyTo(SharedScalars);
            StepCount = stepCount;
        }
        finally
        {
            _guard.Exit();
        }
    }

    /// <summary>Replaces the state wholesale with tensors built elsewhere (a composition's view, or a member's undo).</summary>
    internal void Adopt(Parameter[] parameters, TensorState[] tensors, long stepCount)
    {
        _parameters = parameters;
        _tensors = tensors;
        _stepCount = stepCount;
    }

    private void Enter() => _guard.EnterChange(OptimizerName);

    private string RankRange() => (_layout.MinRank, _layout.MaxRank) switch
    {
        (var lo, var hi) when lo == hi => lo.ToString(System.Globalization.CultureInfo.InvariantCulture),
        (var lo, 0) => $"{lo} or more",
        (0, var hi) => $"{hi} or less",
        (var lo, var hi) => $"{lo} to {hi}",
    };

    private void ValidateSet(ReadOnlySpan<Parameter> parameters, string caller)
    {
        if (parameters.Length == 0)
            throw new ArgumentException($"{OptimizerName}.{caller} needs at least one parameter.", nameof(parameters));
        // Where each parameter was first seen, to find a repeat in one pass (pairwise, 10,000 tensors took 50 million
        // comparisons) and name both of its places.
        var firstAt = new Dictionary<Parameter, int>(parameters.Length, ReferenceEqualityComparer.Instance);
        for (int i = 0; i < parameters.Length; i++)
        {
            Parameter? p = parameters[i];
            if (p is null)
                throw new ArgumentNullException(nameof(parameters), $"Parameter {i} passed to {OptimizerName}.{caller} is null.");
            if (p.Length == 0)
                throw new ArgumentException($"Parameter {i} ({p.Name ?? "unnamed"}) passed to {OptimizerName}.{caller} has no elements.", nameof(parameters));
            if ((_layout.MinRank > 0 && p.Rank < _layout.MinRank) || (_layout.MaxRank > 0 && p.Rank > _layout.MaxRank))
                throw new ArgumentException($"{OptimizerName} takes tensors of rank {RankRange()}, but parameter {i} ({p.Name ?? "unnamed"}) has shape {Parameter.Format(p.Shape)} (rank {p.Rank}).", nameof(parameters));
            if (!firstAt.TryAdd(p, i))
                throw new ArgumentException($"Parameter {i} ({p.Name ?? "unnamed"}) is passed to {OptimizerName}.{caller} twice (also at {firstAt[p]}).", nameof(parameters));
        }
        SharedMemoryCheck.ThrowIfShared(parameters, OptimizerName, caller);
    }

    private void Validate(ReadOnlySpan<Parameter> parameters)
    {
        // Once state exists, the stored set is known to be non-empty, non-null and duplicate-free, so matching it
        // by identity is the whole check: linear in the tensor count, which keeps 1,000-tensor steps cheap.
        if (_tensors.Length == 0)
        {
            ValidateSet(parameters, "Step");
            return;
        }

        // A Parameter's buffers are fixed at construction, so the same object has the same length as when the state
        // was allocated: comparing references is enough, and touches no tensor's memory.
        Parameter[] stored = _parameters;
        if (parameters.Length != stored.Length)
        {
            ValidateSet(parameters, "Step"); // an empty, null or duplicated entry is the clearer thing to report
            throw new ArgumentException($"{OptimizerName}.Step was given {parameters.Length} parameters, but its state was created for {stored.Length}. Pass the same parameters every step, or call Reset().", nameof(parameters));
        }
        for (int i = 0; i < stored.Length; i++)
        {
            if (!ReferenceEquals(parameters[i], stored[i]))
                ThrowNotSameParameter(parameters, i);
            if (stored[i].WrapsMemoryManager)
                stored[i].ThrowIfDisposed(); // before any tensor changes, not in the middle of the step
        }
    }

    private void ThrowNotSameParameter(ReadOnlySpan<Parameter> parameters, int i)
    {
        ValidateSet(parameters, "Step"); // an empty, null or duplicated entry is the clearer thing to report
        string shape = parameters[i] is null ? " (it is null)"
            : parameters[i].Length == _tensors[i].Length ? "" : $" ({parameters[i].Length} elements instead of {_tensors[i].Length})";
        throw new ArgumentException($"Parameter {i} passed to {OptimizerName}.Step is not the one its state was created for{shape}. Pass the same parameters in the same order every step, or call Reset().", nameof(parameters));
    }

    private void Allocate(ReadOnlySpan<Parameter> parameters)
    {
        TensorState[] tensors = NewTensors(parameters);
        _parameters = parameters.ToArray();
        _tensors = tensors;
        _layout.SharedInit.CopyTo(SharedScalars, 0);
    }

    private TensorState[] NewTensors(ReadOnlySpan<Parameter> parameters) => StateAllocator.Allocate(parameters, _layout);
}

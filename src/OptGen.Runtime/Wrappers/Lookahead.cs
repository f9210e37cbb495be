using System;
using System.Globalization;
using OptGen.Internal;

namespace OptGen;

/// <summary>
/// Lookahead (Zhang et al. 2019, "Lookahead Optimizer: k steps forward, 1 step back"), wrapping any optimizer: the
/// inner optimizer takes every step on the parameters (the fast weights), and every <see cref="SyncPeriod"/> of its
/// steps the slow weights move <c>slow += SlowStepSize · (fast − slow)</c> and the fast weights are set to them. The
/// slow weights start as a copy of the weights at the first step. Peers: timm's <c>Lookahead</c> (its order of
/// operations and defaults, <c>alpha</c> 0.5 and <c>k</c> 6) and <c>optax.lookahead</c> (its names).
/// </summary>
/// <remarks>
/// <para>The parameters hold the fast weights, where gradients are taken (optax's <c>params.fast</c>); after a step
/// whose count is a multiple of <see cref="SyncPeriod"/> they equal the slow weights. Timm creates its slow copy lazily
/// at the first synchronisation (so its first one moves nothing); here, as in the paper and optax, the copy is taken
/// before the first step.</para>
/// <para><see cref="LearningRate"/> and <see cref="Schedule"/> are the inner optimizer's (reading or setting them reads
/// or sets the inner optimizer's), and <see cref="StepCount"/> is its count of steps: a step the inner optimizer does
/// not count (a micro-batch of gradient accumulation, a skipped non-finite step) does not advance the period.</para>
/// <para>The inner optimizer belongs to the wrapper: step, reset or restore it through it only. <see cref="State"/>
/// holds the inner optimizer's buffers (named <c>{inner}.{buffer}</c>, e.g. <c>AdamW.m</c>) and the slow weights
/// (<c>lookahead.slow</c>), so <c>Checkpoint.Save</c>/<c>Load</c> round-trip it bit for bit, and a checkpoint of another
/// inner optimizer is refused with nothing changed. Steps after the first allocate nothing.</para>
/// <para>As <see cref="IHyperparameters"/> it lists <see cref="SyncPeriod"/>, <see cref="SlowStepSize"/> and the inner
/// optimizer's hyperparameters; <see cref="HyperparameterSchedules"/> schedules any float among them.</para>
/// </remarks>
public sealed partial class Lookahead : IOptimizer, ILossAware
{
    private readonly IOptimizer _inner;
    private readonly LookaheadState _state;
    private int _syncPeriod = 6;
    private float _slowStepSize = 0.5f;
    private double _loss;
    private StepGuard _guard;

    /// <summary>Wraps <paramref name="inner"/>, which must not have stepped yet.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="inner"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="inner"/> has already taken steps or holds state.</exception>
    public Lookahead(IOptimizer inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (inner.StepCount != 0 || inner.State.IsInitialized)
            throw new ArgumentException($"The inner optimizer ({inner.State.OptimizerName}) has already taken steps; Lookahead needs a fresh optimizer (it owns its state).", nameof(inner));
        _inner = inner;
        _state = new LookaheadState(inner);
    }

    /// <summary>The wrapped optimizer, which takes every step on the fast weights.</summary>
    public IOptimizer Inner => _inner;

    /// <summary>Inner steps between synchronisations (timm's <c>k</c>, optax's <c>sync_period</c>; default 6).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1.</exception>
    public int SyncPeriod
    {
        get => _syncPeriod;
        set
        {
            if (value < 1)
                throw new ArgumentOutOfRangeException(nameof(SyncPeriod), value, "SyncPeriod must be at least 1 (inner steps between synchronisations).");
            _syncPeriod = value;
        }
    }

    /// <summary>
    /// How far the slow weights move towards the fast ones at a synchronisation (timm's <c>alpha</c>, optax's
    /// <c>slow_step_size</c>; default 0.5). 1 makes the wrapper the inner optimizer alone; 0 pulls the fast weights back
    /// to the slow ones, which never move.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 1], or NaN.</exception>
    public float SlowStepSize
    {
        get => _slowStepSize;
        set
        {
            if (!(value >= 0f && value <= 1f))
                throw new ArgumentOutOfRangeException(nameof(SlowStepSize), value, "SlowStepSize must be a number in [0, 1].");
            _slowStepSize = value;
        }
    }

    /// <summary>The inner optimizer's learning rate (reads and sets <see cref="Inner"/>'s).</summary>
    public float LearningRate
    {
        get => _inner.LearningRate;
        set => _inner.LearningRate = value;
    }

    /// <summary>The inner optimizer's schedule (reads and sets <see cref="Inner"/>'s).</summary>
    public ILearningRateSchedule? Schedule
    {
        get => _inner.Schedule;
        set => _inner.Schedule = value;
    }

    /// <summary>The inner optimizer's steps (see the remarks).</summary>
    public long StepCount => _state.State.StepCount;

    /// <summary>
    /// The loss of the next step, handed to the inner optimizer when it reads it (<see cref="ILossAware"/>), so a
    /// wrapped Polyak step trains in <c>Trainer</c> (OptGen.Training) as it does alone; otherwise kept and unused.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a finite number.</exception>
    public double Loss
    {
        get => _loss;
        set
        {
            _loss = LossHandOff.Checked(value);
            LossHandOff.To(_inner, value);
        }
    }

    /// <summary>The inner optimizer's state and the slow weights, one view over all tensors (see the remarks).</summary>
    public OptimizerState State => _state.State;

    /// <summary>
    /// One inner step, then, when the inner optimizer's step count reaches a multiple of <see cref="SyncPeriod"/>, the
    /// synchronisation. The first call copies the weights as the slow weights; later calls must pass the same tensors
    /// in the same order, or an <see cref="ArgumentException"/> is thrown and nothing changes.
    /// </summary>
    public void Step(params ReadOnlySpan<Parameter> parameters)
    {
        _guard.Enter(nameof(Lookahead));
        try
        {
            _schedules?.Apply(_inner.StepCount); // checked before anything changes: a bad value takes no step
            bool first = !_state.IsBound;
            if (first)
                _state.BindSlow(parameters);
            long before = _inner.StepCount;
            try
            {
                _inner.Step(parameters);
            }
            catch when (first)
            {
                _state.UnbindSlow(); // a first step the inner optimizer refused binds nothing
                throw;
            }
            long after = _inner.StepCount;
            if (after != before && after % _syncPeriod == 0)
                _state.Synchronize(_slowStepSize);
            _state.Refresh(after);
        }
        finally
        {
            _guard.Exit();
        }
    }

    /// <summary>Forgets the slow weights, the inner optimizer's state and the step count (settings are kept).</summary>
    public void Reset()
    {
        _guard.CheckIdle(nameof(Lookahead), nameof(Reset));
        _state.State.Reset();
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Lookahead({_inner}, SyncPeriod = {_syncPeriod}, SlowStepSize = {_slowStepSize})");
}

using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using OptGen.Internal;

namespace OptGen;

/// <summary>
/// An optimizer made of several: each tensor goes, by a rule on its parameter (name, rank, shape), to one of several
/// optimizers, as PyTorch's parameter groups, Optax's <c>partition</c> and Keras's <c>MultiOptimizer</c> do. Routes
/// are tried in order and the first whose rule matches takes the tensor; <see cref="OptGen.Routes"/> has the common rules and recipes.
/// It checkpoints and plugs into <c>Trainer</c> like any optimizer.
/// </summary>
/// <remarks>
/// <para>The first <see cref="Step"/> decides each tensor's route and allocates every member's state for its tensors;
/// a tensor no route matches, or one a member refuses (a rank-2-only optimizer given a vector), is an
/// <see cref="ArgumentException"/> naming it and its shape, with nothing changed. Each step then calls every member
/// once with its tensors (which still fuse as in a plain step) and allocates nothing; a member no tensor takes is not
/// stepped.</para>
/// <para>Learning rates, as PyTorch's schedulers treat parameter groups: a member's own
/// <see cref="IOptimizer.LearningRate"/> is its group's base rate. <see cref="LearningRate"/> (default 1) multiplies
/// every group's base rate, so lowering it (ReduceLearningRateOnPlateau) lowers every group by the same factor. When
/// <see cref="Schedule"/> is set it schedules each group from its own base rate: a member's rate on step t is
/// <c>Schedule.GetLearningRate(t, LearningRate · base)</c>, in place of the member's own schedule; when it is not set a
/// member's own schedule (if any) gets <c>LearningRate · base</c> as its base. The members' properties are put back
/// after each step.</para>
/// <para>The members belong to the router: step, reset or restore them through it only. <see cref="State"/> holds
/// every member's state (buffers named <c>{route}.{optimizer}.{buffer}</c>), so <c>Checkpoint.Save</c>/<c>Load</c>
/// round-trip it bit for bit, and a checkpoint saved with other routes or members is refused with nothing changed.
/// Safetensors export (PyTorch's state_dict layout) takes one optimizer: export each member with its tensors
/// (<see cref="ParametersOf"/>).</para>
/// </remarks>
public sealed class RoutedOptimizer : IOptimizer, ILossAware, IEvaluationWeights
{
    private readonly Route[] _routes;
    private readonly RoutedState _state;
    private float _learningRate = 1f;
    private double _loss;
    private StepGuard _guard;

    /// <summary>Creates a router over <paramref name="routes"/>, tried in order.</summary>
    /// <exception cref="ArgumentException">No routes; two routes with one name or one optimizer; an optimizer that has already stepped.</exception>
    public RoutedOptimizer(params IEnumerable<Route> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        _routes = routes.ToArray();
        if (_routes.Length == 0)
            throw new ArgumentException("A RoutedOptimizer needs at least one route.", nameof(routes));
        for (int r = 0; r < _routes.Length; r++)
        {
            Route route = _routes[r] ?? throw new ArgumentNullException(nameof(routes), $"Route {r} is null.");
            for (int q = 0; q < r; q++)
            {
                if (_routes[q].Name == route.Name)
                    throw new ArgumentException($"Routes {q} and {r} are both named '{route.Name}'; route names must be unique (they name the state in checkpoints).", nameof(routes));
                if (ReferenceEquals(_routes[q].Optimizer, route.Optimizer))
                    throw new ArgumentException($"Routes '{_routes[q].Name}' and '{route.Name}' share one optimizer instance; give each route its own.", nameof(routes));
            }
            if (route.Optimizer.StepCount != 0 || route.Optimizer.State.IsInitialized)
                throw new ArgumentException($"The optimizer of route '{route.Name}' has already taken steps; a router needs fresh optimizers (it owns their state).", nameof(routes));
        }
        Routes = new ReadOnlyCollection<Route>(_routes);
        _state = new RoutedState(_routes);
    }

    /// <summary>The routes, in the order they are tried.</summary>
    public IReadOnlyList<Route> Routes { get; }

    /// <summary>
    /// A factor on every member's base rate (default 1): a member steps with <c>LearningRate · member.LearningRate</c>,
    /// or with <see cref="Schedule"/>'s value from that base.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a finite number ≥ 0.</exception>
    public float LearningRate
    {
        get => _learningRate;
        set
        {
            if (!(value >= 0f) || !float.IsFinite(value))
                throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "LearningRate must be a finite number >= 0.");
            _learningRate = value;
        }
    }

    /// <summary>When set, schedules every group from its own base rate (in place of the members' own schedules).</summary>
    public ILearningRateSchedule? Schedule { get; set; }

    /// <inheritdoc />
    public long StepCount => _state.State.StepCount;

    /// <summary>True when a member that took tensors evaluates elsewhere than it trains (a schedule-free member).</summary>
    public bool HasEvaluationWeights
    {
        get
        {
            RoutingTable table = _state.Table;
            for (int r = 0; r < _routes.Length; r++)
            {
                if (table.Groups.Length > r && table.Groups[r].Length > 0 && _routes[r].Optimizer is IEvaluationWeights { HasEvaluationWeights: true })
                    return true;
            }
            return false;
        }
    }

    /// <summary>
    /// Tensor <paramref name="tensorIndex"/>'s evaluation weights: its member's (<see cref="IEvaluationWeights"/>) when
    /// that member has them, else the tensor's own values.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No such tensor (the router has not stepped, or the index is out of range).</exception>
    public void WriteEvaluationWeights(int tensorIndex, Span<float> destination)
    {
        RoutingTable table = _state.Table;
        if ((uint)tensorIndex >= (uint)table.Parameters.Length)
            throw new ArgumentOutOfRangeException(nameof(tensorIndex), tensorIndex, $"The RoutedOptimizer has {table.Parameters.Length} tensors (it routes them at its first step).");
        if (_routes[table.RouteOf[tensorIndex]].Optimizer is IEvaluationWeights { HasEvaluationWeights: true } member)
            member.WriteEvaluationWeights(table.IndexInGroup[tensorIndex], destination);
        else
            table.Parameters[tensorIndex].Value.CopyTo(destination);
    }

    /// <summary>
    /// The loss of the next step, handed to every member that reads it (<see cref="ILossAware"/>), so a router over
    /// such an optimizer trains in <c>Trainer</c> (OptGen.Training) as the optimizer alone does. Members that do not read
    /// the loss ignore it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a finite number.</exception>
    public double Loss
    {
        get => _loss;
        set
        {
            _loss = LossHandOff.Checked(value);
            foreach (Route route in _routes)
                LossHandOff.To(route.Optimizer, value);
        }
    }

    /// <summary>Every member's state, one view over all tensors in step order (see the remarks).</summary>
    public OptimizerState State => _state.State;

    /// <summary>The route that takes <paramref name="parameter"/> (the first whose rule matches), or -1 when none does.</summary>
    public int RouteOf(Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        for (int r = 0; r < _routes.Length; r++)
        {
            if (_routes[r].Matches(parameter))
                return r;
        }
        return -1;
    }

    /// <summary>The tensors route <paramref name="route"/> took at the first step, in step order (empty before it).</summary>
    public ReadOnlySpan<Parameter> ParametersOf(int route)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(route);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(route, _routes.Length);
        RoutingTable table = _state.Table;
        return table.IsEmpty ? [] : table.Groups[route];
    }

    /// <summary>
    /// Steps every member once with the tensors its route takes. The first call routes the tensors (see the remarks);
    /// later calls must pass the same tensors in the same order, or an <see cref="ArgumentException"/> is thrown and
    /// nothing changes.
    /// </summary>
    public void Step(params ReadOnlySpan<Parameter> parameters)
    {
        _guard.Enter(nameof(RoutedOptimizer));
        try
        {
            bool first = _state.Table.IsEmpty;
            if (first)
                _state.Bind(parameters, StepCount);
            else
                _state.Table.CheckSame(parameters);
            long completed = StepCount;
            try
            {
                CheckRates(completed);
            }
            catch when (first)
            {
                _state.State.Reset(); // the binding of a step that changed nothing is not kept
                _state.State.StepCount = completed;
                throw;
            }
            Parameter[][] groups = _state.Table.Groups;
            for (int r = 0; r < _routes.Length; r++)
            {
                if (groups[r].Length > 0)
                    StepMember(_routes[r].Optimizer, groups[r]);
            }
            _state.Refresh(completed + 1);
        }
        finally
        {
            _guard.Exit();
        }
    }

    /// <summary>Forgets all state, the routing and the step count (the routes and rates are kept).</summary>
    public void Reset()
    {
        _guard.CheckIdle(nameof(RoutedOptimizer), nameof(Reset));
        _state.State.Reset();
    }

    /// <inheritdoc />
    public override string ToString() => $"RoutedOptimizer({string.Join(", ", _routes.Select(r => r.ToString()))})";

    // Every member's rate for this step, checked before any member steps: a schedule that returns NaN changes nothing.
    private void CheckRates(long completed)
    {
        for (int r = 0; r < _routes.Length; r++)
        {
            IOptimizer member = _routes[r].Optimizer;
            double scaled = (double)_learningRate * member.LearningRate;
            double rate = (Schedule ?? member.Schedule)?.GetLearningRate(completed, scaled) ?? scaled;
            if (!(rate >= 0) || !double.IsFinite(rate) || !float.IsFinite(_learningRate * member.LearningRate))
                throw new InvalidOperationException($"The learning rate of route '{_routes[r].Name}' for step {completed + 1} is {rate}; it must be a finite number >= 0. Nothing was changed.");
        }
    }

    private void StepMember(IOptimizer member, Parameter[] tensors)
    {
        float baseRate = member.LearningRate;
        ILearningRateSchedule? own = member.Schedule;
        try
        {
            if (_learningRate != 1f)
                member.LearningRate = _learningRate * baseRate;
            if (Schedule is not null)
                member.Schedule = Schedule;
            member.Step(tensors);
        }
        finally
        {
            member.LearningRate = baseRate;
            member.Schedule = own;
        }
    }
}

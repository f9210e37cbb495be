using System;
using System.Collections.Generic;
using System.Linq;

namespace OptGen;

/// <summary>
/// The state of a <see cref="RoutedOptimizer"/> as one <see cref="OptimizerState"/>, so that checkpoints save and load
/// it like any optimizer's: its buffers and scalars are every route's, named <c>{route}.{optimizer}.{name}</c>
/// (<c>decay.AdamW.m</c>), and each tensor holds values only in its own route's buffers (the others are empty). The
/// tensors view the members' buffers (no copy); the members' per-tensor scalars are copied in after every step.
/// </summary>
/// <remarks>
/// A checkpoint saved with other routes or other members then fails to load with a clear message: other names (an
/// other optimizer type or route name) fail the buffer-name check, and a tensor routed elsewhere finds values in a
/// buffer its route does not keep. Every check runs before any member changes.
/// </remarks>
internal sealed class RoutedState : IStateComposition
{
    private readonly Route[] _routes;
    private readonly int[] _bufferOffset;
    private readonly int[] _scalarOffset;
    private readonly int[] _sharedOffset;
    private readonly int _bufferCount;
    private readonly int _scalarCount;
    private TensorState[] _view = [];

    public RoutedState(Route[] routes)
    {
        _routes = routes;
        _bufferOffset = new int[routes.Length];
        _scalarOffset = new int[routes.Length];
        _sharedOffset = new int[routes.Length];
        var sharedNames = new List<string>();
        var sharedInit = new List<double>();
        var bufferNames = new List<string>();
        var bufferShapes = new List<StateShape>();
        var scalarNames = new List<string>();
        for (int r = 0; r < routes.Length; r++)
        {
            OptimizerState member = routes[r].Optimizer.State;
            string prefix = $"{routes[r].Name}.{member.OptimizerName}.";
            _bufferOffset[r] = bufferNames.Count;
            _scalarOffset[r] = scalarNames.Count;
            for (int b = 0; b < member.BufferNames.Length; b++)
            {
                bufferNames.Add(prefix + member.BufferNames[b]);
                bufferShapes.Add(member.GetBufferShape(b));
            }
            scalarNames.AddRange(member.ScalarNames.Select(n => prefix + n));
            // A member's shared scalars (Prodigy's d, ...) are the router's too, under the same prefix.
            _sharedOffset[r] = sharedNames.Count;
            sharedNames.AddRange(member.SharedNames.Select(n => prefix + n));
            sharedInit.AddRange(member.SharedScalars);
        }
        _bufferCount = bufferNames.Count;
        _scalarCount = scalarNames.Count;
        var layout = new StateLayout
        {
            BufferNames = [.. bufferNames], BufferInit = new float[_bufferCount], BufferShapes = [.. bufferShapes],
            ScalarNames = [.. scalarNames], ScalarInit = new double[_scalarCount],
            SharedNames = [.. sharedNames], SharedInit = [.. sharedInit],
        };
        State = new OptimizerState(nameof(RoutedOptimizer), layout, this);
    }

    /// <summary>The routed optimizer's state.</summary>
    public OptimizerState State { get; }

    /// <summary>Where each tensor goes; empty until the first step (or an Initialize or Restore).</summary>
    public RoutingTable Table { get; private set; } = RoutingTable.Empty;

    /// <summary>
    /// Routes <paramref name="parameters"/> and allocates every member's state for its tensors, keeping the step
    /// count: each member checks its tensors (a rank-2-only optimizer given a vector refuses) before any has stepped.
    /// </summary>
    public void Bind(ReadOnlySpan<Parameter> parameters, long stepCount)
    {
        RoutingTable table = RoutingTable.Build(_routes, parameters, "Step");
        Commit(table, stepCount, (member, r) => member.Initialize(table.Groups[r]));
    }

    /// <summary>Copies the members' per-tensor scalars into the view and records the step count (after a step).</summary>
    public void Refresh(long stepCount)
    {
        ReadOnlySpan<TensorState> tensors = State.Tensors;
        RoutingTable table = Table;
        for (int i = 0; i < tensors.Length; i++)
        {
            int r = table.RouteOf[i];
            double[] own = _routes[r].Optimizer.State.Tensors[table.IndexInGroup[i]].Scalars;
            own.AsSpan().CopyTo(tensors[i].Scalars.AsSpan(_scalarOffset[r]));
        }
        CopyShared();
        State.Adopt(table.Parameters, _view, stepCount);
    }

    void IStateComposition.Initialize(ReadOnlySpan<Parameter> parameters)
    {
        RoutingTable table = RoutingTable.Build(_routes, parameters, "State.Initialize");
        Commit(table, 0, (member, r) => member.Initialize(table.Groups[r]));
    }

    void IStateComposition.Restore(ReadOnlySpan<Parameter> parameters, long stepCount, ReadOnlySpan<float[][]> buffers, ReadOnlySpan<double[]> scalars, ReadOnlySpan<double> shared)
    {
        double[] savedShared = shared.ToArray();
        RoutingTable table = RoutingTable.Build(_routes, parameters, "State.Restore");
        for (int i = 0; i < parameters.Length; i++)
            CheckSaved(table, i, buffers[i], scalars[i]);
        var memberBuffers = new float[_routes.Length][][][];
        var memberScalars = new double[_routes.Length][][];
        for (int r = 0; r < _routes.Length; r++)
        {
            memberBuffers[r] = new float[table.Groups[r].Length][][];
            memberScalars[r] = new double[table.Groups[r].Length][];
        }
        for (int i = 0; i < parameters.Length; i++)
        {
            int r = table.RouteOf[i], j = table.IndexInGroup[i];
            OptimizerState member = _routes[r].Optimizer.State;
            memberBuffers[r][j] = buffers[i].AsSpan(_bufferOffset[r], member.BufferNames.Length).ToArray();
            memberScalars[r][j] = scalars[i].AsSpan(_scalarOffset[r], member.ScalarNames.Length).ToArray();
        }
        Commit(table, stepCount, (member, r) => member.Restore(table.Groups[r], stepCount, memberBuffers[r], memberScalars[r],
            savedShared.AsSpan(_sharedOffset[r], member.SharedNames.Length)));
    }

    void IStateComposition.Reset()
    {
        foreach (Route route in _routes)
            route.Optimizer.Reset();
        Table = RoutingTable.Empty;
        _view = [];
    }

    void IStateComposition.SetStepCount(long stepCount)
    {
        foreach (Route route in _routes)
            route.Optimizer.State.StepCount = stepCount;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to every member that has tensors, undoing the members already changed when
    /// one refuses (so nothing changes on an exception), then points the view at the members' new state.
    /// </summary>
    private void Commit(RoutingTable table, long stepCount, Action<OptimizerState, int> change)
    {
        var undo = new (Parameter[] Parameters, TensorState[] Tensors, long Steps)[_routes.Length];
        int done = 0;
        try
        {
            for (; done < _routes.Length; done++)
            {
                OptimizerState member = _routes[done].Optimizer.State;
                undo[done] = (member.Parameters.ToArray(), member.Tensors.ToArray(), member.StepCount);
                if (table.Groups[done].Length > 0)
                    change(member, done);
                else
                    member.Reset();
                member.StepCount = stepCount;
            }
        }
        catch
        {
            for (int r = 0; r <= done && r < _routes.Length; r++)
                _routes[r].Optimizer.State.Adopt(undo[r].Parameters, undo[r].Tensors, undo[r].Steps);
            throw;
        }
        Table = table;
        _view = BuildView(table);
        CopyShared();
        State.Adopt(table.Parameters, _view, stepCount);
    }

    // The members' shared scalars into the router's (a member without tensors has its initial values).
    private void CopyShared()
    {
        for (int r = 0; r < _routes.Length; r++)
            _routes[r].Optimizer.State.SharedScalars.AsSpan().CopyTo(State.SharedScalars.AsSpan(_sharedOffset[r]));
    }

    private TensorState[] BuildView(RoutingTable table)
    {
        var view = new TensorState[table.Parameters.Length];
        for (int i = 0; i < view.Length; i++)
        {
            int r = table.RouteOf[i];
            TensorState own = _routes[r].Optimizer.State.Tensors[table.IndexInGroup[i]];
            var buffers = new Memory<float>[_bufferCount];
            for (int b = 0; b < own.BufferCount; b++)
                buffers[_bufferOffset[r] + b] = own.BufferMemory(b);
            view[i] = new TensorState(own.Parameter, own.View, own.ShapeClass, buffers, new double[_scalarCount], [], [], 0);
            own.Scalars.AsSpan().CopyTo(view[i].Scalars.AsSpan(_scalarOffset[r]));
        }
        return view;
    }

    // A saved tensor must hold values exactly in its own route's buffers, as many as its optimizer keeps for its shape.
    private void CheckSaved(RoutingTable table, int i, float[][] buffers, double[] scalars)
    {
        Parameter p = table.Parameters[i];
        int route = table.RouteOf[i];
        string tensor = $"parameter {i} ({p.Name ?? "unnamed"}, shape {Parameter.Format(p.Shape)})";
        if (buffers is null || buffers.Length != _bufferCount)
            throw new ArgumentException($"RoutedOptimizer has {_bufferCount} state buffers per tensor, but {buffers?.Length ?? 0} were given for {tensor}.", nameof(buffers));
        if (scalars is null || scalars.Length != _scalarCount)
            throw new ArgumentException($"RoutedOptimizer has {_scalarCount} scalar states per tensor, but {scalars?.Length ?? 0} were given for {tensor}.", nameof(scalars));
        for (int r = 0; r < _routes.Length; r++)
        {
            OptimizerState member = _routes[r].Optimizer.State;
            for (int b = 0; b < member.BufferNames.Length; b++)
            {
                int expected = r == route ? member.StoredLength(b, p) : 0;
                int given = buffers[_bufferOffset[r] + b]?.Length ?? 0;
                if (given == expected)
                    continue;
                string name = State.BufferNames[_bufferOffset[r] + b];
                throw new ArgumentException(r == route
                    ? $"State buffer '{name}' of {tensor} has {given} stored values; {expected} are expected for its shape."
                    : $"State buffer '{name}' of {tensor} holds {given} values, but the tensor now takes route '{_routes[route].Name}', not '{_routes[r].Name}': the state was saved with other routes.", nameof(buffers));
            }
        }
    }
}

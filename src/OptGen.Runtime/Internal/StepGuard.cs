using System;
using System.Threading;

namespace OptGen.Internal;

/// <summary>
/// The re-entry check of an optimizer: one <c>Step</c> at a time, and no <c>Reset</c> or state change during one (the
/// generated optimizers through <see cref="OptimizerState"/>, <c>RoutedOptimizer</c> and <c>Lookahead</c> directly). An optimizer is not
/// thread-safe; this turns a race into a clear exception naming the optimizer, instead of mixed-up state.
/// </summary>
internal struct StepGuard
{
    private int _busy;

    /// <summary>Marks a step as running; throws when one already is.</summary>
    public void Enter(string optimizer)
    {
        if (Interlocked.Exchange(ref _busy, 1) != 0)
            throw new InvalidOperationException($"{optimizer}.Step was called while another Step on the same optimizer was running; an optimizer is not thread-safe.");
    }

    /// <summary>Marks a change of the state (load, restore) as running; throws when a step is.</summary>
    public void EnterChange(string optimizer)
    {
        if (Interlocked.Exchange(ref _busy, 1) != 0)
            throw new InvalidOperationException($"The state of {optimizer} was changed while a Step on the same optimizer was running; an optimizer is not thread-safe.");
    }

    /// <summary>Marks the step (or change) as over (in a <c>finally</c>, so a step that throws frees the optimizer).</summary>
    public void Exit() => Volatile.Write(ref _busy, 0);

    /// <summary>Throws when a step is running: <paramref name="member"/> of <paramref name="optimizer"/> must not run beside one.</summary>
    public void CheckIdle(string optimizer, string member)
    {
        if (Volatile.Read(ref _busy) != 0)
            throw new InvalidOperationException($"{optimizer}.{member} was called while a Step was running; an optimizer is not thread-safe.");
    }
}

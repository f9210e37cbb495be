using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace OptGen.Cli;

/// <summary>
/// Makes the optimizer a run trains with: the choice's starting point, then the command line's
/// <c>--weight-decay</c>, <c>--set</c> (in order) and <c>--lr</c>. The schedule is the trainer's business.
/// A routed choice (<c>muon</c>) takes each setting in every member that has it; <c>--no-decay-bias-norm</c> makes two
/// configured optimizers of the choice and routes biases, norms and rank-1 tensors to the second, with no weight decay.
/// </summary>
internal static class OptimizerSetup
{
    /// <summary>A fresh, configured optimizer for <paramref name="choice"/>.</summary>
    /// <exception cref="ArgumentException">An assignment the optimizer does not take (see <see cref="HyperparameterAssignment.ApplyTo"/>), or <c>--no-decay-bias-norm</c> with an optimizer that has no WeightDecay.</exception>
    public static IOptimizer Create(OptimizerChoice choice, CliSettings settings)
    {
        IOptimizer optimizer = Configure(choice, settings);
        if (!settings.NoDecayBiasNorm)
            return optimizer;
        if (optimizer is RoutedOptimizer)
            throw new ArgumentException($"--no-decay-bias-norm takes one optimizer, but {choice.Title} already routes its tensors.");
        IOptimizer noDecay = Configure(choice, settings);
        try
        {
            Routes.WithoutWeightDecay(noDecay);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"--no-decay-bias-norm ({choice.Title}): {e.Message}", e);
        }
        return Routes.WeightDecayExclusion(optimizer, noDecay);
    }

    /// <summary>What the command line sets: <c>--weight-decay x</c> is <c>--set WeightDecay=x</c>, applied first.</summary>
    public static IEnumerable<HyperparameterAssignment> Assignments(CliSettings settings)
    {
        IEnumerable<HyperparameterAssignment> weightDecay = settings.WeightDecay?.ToString("R", CultureInfo.InvariantCulture) is { } wd
            ? [new("WeightDecay", wd) { Origin = $"--weight-decay {wd}" }]
            : [];
        return weightDecay.Concat(settings.Hyperparameters);
    }

    /// <summary>
    /// The optimizer's effective values, as <c>--set</c> would write them: <c>LearningRate=0.001, Beta1=0.9, ...</c>
    /// (one token per value, so a wrapped header never splits one); a routed optimizer's per route.
    /// </summary>
    public static string Describe(IOptimizer optimizer)
    {
        if (optimizer is RoutedOptimizer routed)
            return string.Join("; ", routed.Routes.Select(r => $"{r.Name}: {r.Optimizer.GetType().Name} {Describe(r.Optimizer)}"));
        IEnumerable<string> values = optimizer is IHyperparameters h
            ? h.Hyperparameters.Select(info => $"{info.Name}={HyperparameterAssignment.Format(info.Kind, h.GetHyperparameter(info.Name))}")
            : [];
        return string.Join(", ", values.Prepend($"LearningRate={optimizer.LearningRate.ToString(CultureInfo.InvariantCulture)}"));
    }

    private static IOptimizer Configure(OptimizerChoice choice, CliSettings settings)
    {
        IOptimizer optimizer = choice.Create();
        if (optimizer is RoutedOptimizer routed)
        {
            foreach (HyperparameterAssignment assignment in Assignments(settings))
                ApplyToMembers(assignment, routed, choice.Title);
            foreach (Route route in routed.Routes)
                route.Optimizer.LearningRate = settings.LearningRate ?? route.Optimizer.LearningRate;
            return optimizer;
        }
        foreach (HyperparameterAssignment assignment in Assignments(settings))
            assignment.ApplyTo(optimizer, choice.Title);
        if (settings.LearningRate is { } lr)
            optimizer.LearningRate = lr;
        return optimizer;
    }

    // Each member that has the hyperparameter takes it; one that none has is the error the first member reports.
    private static void ApplyToMembers(HyperparameterAssignment assignment, RoutedOptimizer routed, string title)
    {
        IOptimizer[] takers = routed.Routes.Select(r => r.Optimizer).Where(o => Has(o, assignment.Name)).ToArray();
        foreach (IOptimizer member in takers.Length > 0 ? takers : [routed.Routes[0].Optimizer])
            assignment.ApplyTo(member, $"{title}, {member.GetType().Name}");
    }

    private static bool Has(IOptimizer optimizer, string name) =>
        string.Equals(name, nameof(IOptimizer.LearningRate), StringComparison.OrdinalIgnoreCase)
        || (optimizer is IHyperparameters h && h.Hyperparameters.Any(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase)));
}

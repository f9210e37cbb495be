using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace OptGen.Cli;

/// <summary>
/// Makes the optimizer a run trains with: the choice's starting point, then the command line's
/// <c>--weight-decay</c>, <c>--set</c> (in order) and <c>--lr</c>. The schedule is the trainer's business.
/// </summary>
internal static class OptimizerSetup
{
    /// <summary>A fresh, configured optimizer for <paramref name="choice"/>.</summary>
    /// <exception cref="System.ArgumentException">An assignment the optimizer does not take (see <see cref="HyperparameterAssignment.ApplyTo"/>).</exception>
    public static IOptimizer Create(OptimizerChoice choice, CliSettings settings)
    {
        IOptimizer optimizer = choice.Create();
        foreach (HyperparameterAssignment assignment in Assignments(settings))
            assignment.ApplyTo(optimizer, choice.Title);
        if (settings.LearningRate is { } lr)
            optimizer.LearningRate = lr;
        return optimizer;
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
    /// (one token per value, so a wrapped header never splits one).
    /// </summary>
    public static string Describe(IOptimizer optimizer)
    {
        IEnumerable<string> values = optimizer is IHyperparameters h
            ? h.Hyperparameters.Select(info => $"{info.Name}={HyperparameterAssignment.Format(info.Kind, h.GetHyperparameter(info.Name))}")
            : [];
        return string.Join(", ", values.Prepend($"LearningRate={optimizer.LearningRate.ToString(CultureInfo.InvariantCulture)}"));
    }
}

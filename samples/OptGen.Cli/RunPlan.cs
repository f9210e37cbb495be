using System;
using System.Collections.Generic;
using System.Linq;
using OptGen.Cli.Declared;
using OptGen.Optimizers;

namespace OptGen.Cli;

/// <summary>
/// One optimizer to train with: its <c>--optimizer</c> name, a title for tables and plots, the peer it reproduces, a
/// line for <c>--list</c>, and how to make it with the rate (and settings) the CLI starts from.
/// </summary>
internal sealed record OptimizerChoice(string Key, string Title, string Peer, string Description, Func<IOptimizer> Create)
{
    /// <summary>The key that trains <see cref="Comparison"/>.</summary>
    public const string All = "all";

    /// <summary>
    /// Where the CLI starts a built-in from other values than the library's defaults, and why: sgd keeps the
    /// comparison's tuning for this MLP on standardised optdigits with batches of 32 (see README); LARS scales each
    /// step by <c>TrustCoefficient · |w| / |g|</c> = 1e-3 of the weights' norm, so with our default rate of 1e-3
    /// it moves the weights by a millionth per step and the model stays at chance (LARS is used with base rates
    /// around 1 and above; 1 reaches 0.96 on optdigits in 10 epochs). FTRL solves each weight from its accumulated
    /// linear term, so its first step replaces the initial weights by about <c>−lr · g / √n</c>: from Keras's 1e-3 the
    /// network stays near zero (iris 0.47 after 60 epochs), from 1 it learns (iris 1.0; optdigits 0.94 in 10 epochs).
    /// Every other built-in starts from its defaults.
    /// </summary>
    private static readonly Dictionary<string, string> StartingPoints = new(StringComparer.Ordinal)
    {
        ["sgd"] = "Momentum=0.9, LearningRate=0.02",
        ["lars"] = "LearningRate=1",
        ["ftrl"] = "LearningRate=1",
    };

    public static readonly OptimizerChoice Sgd = FromCatalogue(BuiltInOptimizers.Get("sgd")) with { Title = "SGD + momentum 0.9" };
    public static readonly OptimizerChoice Adam = FromCatalogue(BuiltInOptimizers.Get("adam"));
    public static readonly OptimizerChoice Dsl = new("dsl", "AdaBeliefW (DSL)", "this sample's Declared/AdaBeliefW.cs",
        "AdaBelief with decoupled weight decay and global-norm clipping, declared with the DSL", () => new AdaBeliefW { LearningRate = 2e-3f, WeightDecay = 1e-2f });

    /// <summary>
    /// <c>muon</c>: Muon on the rank-2 weights and AdamW on the biases and the rest, the recipe of PyTorch's and timm's
    /// Muon docs (Muon takes matrices only). Muon comes from the built-in catalogue, where it is listed as <c>muon</c>;
    /// in a build without it, making this choice says so.
    /// </summary>
    public static readonly OptimizerChoice Muon = new("muon", "Muon + AdamW", "torch.optim.Muon on rank-2 weights, torch.optim.AdamW on the rest",
        "Muon on the rank-2 weights, AdamW on biases, norms and the rest (a RoutedOptimizer)", () => Routes.MatricesAndRest(CreateMuon(), new AdamW()));

    /// <summary>Choices that route tensors to several optimizers; each takes its name before a built-in of that name.</summary>
    public static IReadOnlyList<OptimizerChoice> Routed { get; } = [Muon];

    /// <summary>What <c>--optimizer all</c> (the default) compares.</summary>
    public static IReadOnlyList<OptimizerChoice> Comparison { get; } = [Sgd, Adam, Dsl];

    /// <summary>Every name <c>--optimizer</c> takes: all, dsl, the built-ins (OptGen.Optimizers.BuiltInOptimizers), then the routed choices.</summary>
    public static IEnumerable<string> Names => new[] { All, Dsl.Key }.Concat(BuiltInOptimizers.Names).Concat(RoutedOutsideCatalogue.Select(c => c.Key));

    /// <summary>The routed choices whose name is no built-in's (a built-in of the name is listed in the catalogue's order instead).</summary>
    public static IEnumerable<OptimizerChoice> RoutedOutsideCatalogue => Routed.Where(c => !BuiltInOptimizers.TryGet(c.Key, out _));

    /// <summary>The optimizers to train for an <c>--optimizer</c> value (case ignored).</summary>
    /// <exception cref="ArgumentException">No optimizer has that name; the message suggests the closest one and lists them all.</exception>
    public static IReadOnlyList<OptimizerChoice> Select(string key)
    {
        if (string.Equals(key, All, StringComparison.OrdinalIgnoreCase))
            return Comparison;
        if (string.Equals(key, Dsl.Key, StringComparison.OrdinalIgnoreCase))
            return [Dsl];
        if (Routed.FirstOrDefault(c => string.Equals(key.Trim(), c.Key, StringComparison.OrdinalIgnoreCase)) is { } routed)
            return [routed];
        if (BuiltInOptimizers.TryGet(key, out BuiltInOptimizer? builtIn))
            return [builtIn.Name == Sgd.Key ? Sgd : FromCatalogue(builtIn)];
        throw new ArgumentException($"Unknown optimizer '{key}'.{NameSuggestion.DidYouMean(key, Names)} "
            + $"--list shows what each one is; the names are: {string.Join(", ", Names)}.");
    }

    private static IOptimizer CreateMuon() => BuiltInOptimizers.TryGet("muon", out BuiltInOptimizer? muon)
        ? muon.Create()
        : throw new ArgumentException("--optimizer muon needs OptGen.Optimizers.Muon, which this build of OptGen does not have yet.");

    /// <summary>A built-in, titled with its class name, from its defaults or its <see cref="StartingPoints"/>.</summary>
    private static OptimizerChoice FromCatalogue(BuiltInOptimizer builtIn)
    {
        string title = builtIn.Create().GetType().Name;
        if (!StartingPoints.TryGetValue(builtIn.Name, out string? start))
            return new(builtIn.Name, title, builtIn.Peer, builtIn.Description, builtIn.Factory);
        IReadOnlyList<HyperparameterAssignment> assignments = HyperparameterAssignment.Parse([start]);
        return new(builtIn.Name, title, builtIn.Peer, $"{builtIn.Description}; here from {start}", () =>
        {
            IOptimizer optimizer = builtIn.Create();
            foreach (HyperparameterAssignment assignment in assignments)
                assignment.ApplyTo(optimizer, title);
            return optimizer;
        });
    }
}

/// <summary>Builds the learning-rate schedule named on the command line.</summary>
internal static class Schedules
{
    public static ILearningRateSchedule? Create(string name, int epochs, int stepsPerEpoch) => name switch
    {
        "none" => null,
        "cosine" => new CosineSchedule(), // T is set by the trainer
        "step" => new StepSchedule { Gamma = 0.3f, StepSize = Math.Max(1, stepsPerEpoch * Math.Max(1, epochs / 3)) },
        _ => throw new ArgumentException($"Unknown schedule '{name}'."),
    };
}

using System;
using System.Collections.Generic;
using System.Linq;
using OptGen.Cli.Declared;
using OptGen.Optimizers;

namespace OptGen.Cli;

/// <summary>One optimizer to train with: a key for the command line, a title, and how to make it with its default rate.</summary>
internal sealed record OptimizerChoice(string Key, string Title, Func<IOptimizer> Create)
{
    // Rates tuned for this MLP on standardised optdigits with batches of 32 (see README).
    public static readonly OptimizerChoice Sgd = new("sgd", "SGD + momentum 0.9", () => new Sgd { Momentum = 0.9f, LearningRate = 0.02f });
    public static readonly OptimizerChoice Adam = new("adam", "Adam", () => new Adam { LearningRate = 1e-3f });
    public static readonly OptimizerChoice Dsl = new("dsl", "AdaBeliefW (DSL)", () => new AdaBeliefW { LearningRate = 2e-3f, WeightDecay = 1e-2f });

    public static IReadOnlyList<OptimizerChoice> Select(string key) => key switch
    {
        "all" => [Sgd, Adam, Dsl],
        _ => [new[] { Sgd, Adam, Dsl }.Single(c => c.Key == key)],
    };
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

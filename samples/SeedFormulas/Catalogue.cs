using System;
using System.Collections.Generic;
using OptGen.Optimizers;
using OptGen.Schedules;

namespace OptGen.SeedFormulas;

/// <summary>All 21 strategies of the source documents, numbered as there, each as an optimizer and/or a schedule.</summary>
public static class Catalogue
{
    /// <summary>One strategy: an optimizer to use, with the schedule that drives its rate (if any).</summary>
    public sealed record Strategy(int Number, string Name, Func<IOptimizer> Optimizer, Func<ILearningRateSchedule?> Schedule);

    /// <summary>The strategies in the documents' order.</summary>
    public static IReadOnlyList<Strategy> All { get; } =
    [
        new(1, "fixed rate", () => new Sgd { LearningRate = 0.05f }, () => new ConstantSchedule()),
        new(2, "η0 / sqrt(1 + δ^t)", () => new Sgd { LearningRate = 0.05f }, () => new ExponentialRootDecay()),
        new(3, "random η0 (1 − t/T)^α β^z", () => new Sgd { LearningRate = 0.05f }, () => new NoisyPolynomialDecay { TotalSteps = 200, Seed = 7 }),
        new(4, "adaptive η0 / (sqrt(Σg²) + ε)", () => new AdaptiveRate(), () => null),
        new(5, "warm-up then decay", () => new Sgd { LearningRate = 0.05f }, () => new WarmupThenDecay()),
        new(6, "gradient normalisation", () => new NormalizedGradient(), () => null),
        new(7, "\"RMSprop\" as written", () => new SeedRmsprop(), () => null),
        new(8, "\"Adam\" as written", () => new SeedAdam(), () => null),
        new(9, "η0 / sqrt(1 + α t)", () => new Sgd { LearningRate = 0.05f }, () => new InverseSqrtDecay()),
        new(10, "η0 / sqrt(1 + α Σg² / ‖g‖²)", () => new RelativeSquaredRate(), () => null),
        new(11, "η0 / sqrt(1 + α sqrt(Σg⁴ / ‖g‖⁴))", () => new RelativeQuarticRate(), () => null),
        new(12, "L2 regularisation", () => new L2RegularizedSgd(), () => null),
        new(13, "linear decay η0 (1 − t/T)", () => new Sgd { LearningRate = 0.05f }, () => new LinearToZero { TotalSteps = 200 }),
        new(14, "η / sqrt(1 + α t/T)", () => new Sgd { LearningRate = 0.05f }, () => new InverseSqrtProgress { TotalSteps = 200 }),
        new(15, "gradient clipping by value", () => new ClippedGradientSgd(), () => null),
        new(16, "weight clipping", () => new WeightClippedSgd(), () => null),
        new(17, "clip(w − η∇L + λw)", () => new WeightClippedGrowthSgd(), () => null),
        new(18, "exponential α0 γ^t", () => new Sgd { LearningRate = 0.05f }, () => new ExponentialSchedule { Gamma = 0.99 }),
        new(19, "inverse time α0 / (1 + βt)", () => new Sgd { LearningRate = 0.05f }, () => new InverseTimeSchedule { DecayRate = 0.01 }),
        new(20, "random α_min + (α_max − α_min) U(0,1)", () => new Sgd(), () => new UniformRandomRate { Seed = 7 }),
        new(21, "standard RMSprop and Adam", () => new Adam { LearningRate = 0.05f }, () => null),
    ];
}

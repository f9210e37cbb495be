// Small optimizers declared with the DSL, each with one transform (or all of them), for TransformTests.
// Three update rules: heavy-ball momentum, Adam, and a step normalised by the tensor's RMS gradient (a reduction
// that must see the gradient after the gradient transforms).
namespace OptGen.Runtime.Tests.Schedules;

internal static class Rules
{
    public const string Momentum = """
        b = t == 1 ? g : 0.9 * b + g
        w -= lr * b
        """;

    public const string Adam = """
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        w -= lr / (1 - 0.9^t) * m / (sqrt(v) / sqrt(1 - 0.999^t) + 1e-8)
        """;

    public const string Rms = "w -= lr * g / sqrt(mean(g * g) + 0.01)";
}

[Optimizer(LearningRate = 0.01), State("b"), Update(Rules.Momentum), SkipNonFinite] public partial class MomentumSkip { }
[Optimizer(LearningRate = 0.01), State("b"), Update(Rules.Momentum), AccumulateGradients(3)] public partial class MomentumAccumulate { }
[Optimizer(LearningRate = 0.01), State("b"), Update(Rules.Momentum), ClipGradientValue(0.05)] public partial class MomentumClipValue { }
[Optimizer(LearningRate = 0.01), State("b"), Update(Rules.Momentum), ClipGradientNorm(0.5)] public partial class MomentumClipNorm { }
[Optimizer(LearningRate = 0.01), State("b"), Update(Rules.Momentum), L2Penalty(0.5)] public partial class MomentumL2 { }
[Optimizer(LearningRate = 0.01), State("b"), Update(Rules.Momentum), DecoupledWeightDecay(5)] public partial class MomentumDecay { }
[Optimizer(LearningRate = 0.01), State("b"), Update(Rules.Momentum), ClipWeights(0.6)] public partial class MomentumClipWeights { }
[Optimizer(LearningRate = 0.01), State("b"), Update(Rules.Momentum), WeightEma(0.9)] public partial class MomentumEma { }

[Optimizer(LearningRate = 0.01), State("m"), State("v"), Update(Rules.Adam), SkipNonFinite] public partial class AdamSkip { }
[Optimizer(LearningRate = 0.01), State("m"), State("v"), Update(Rules.Adam), AccumulateGradients(3)] public partial class AdamAccumulate { }
[Optimizer(LearningRate = 0.01), State("m"), State("v"), Update(Rules.Adam), ClipGradientValue(0.05)] public partial class AdamClipValue { }
[Optimizer(LearningRate = 0.01), State("m"), State("v"), Update(Rules.Adam), ClipGradientNorm(0.5)] public partial class AdamClipNorm { }
[Optimizer(LearningRate = 0.01), State("m"), State("v"), Update(Rules.Adam), L2Penalty(0.5)] public partial class AdamL2 { }
[Optimizer(LearningRate = 0.01), State("m"), State("v"), Update(Rules.Adam), DecoupledWeightDecay(5)] public partial class AdamDecay { }
[Optimizer(LearningRate = 0.01), State("m"), State("v"), Update(Rules.Adam), ClipWeights(0.6)] public partial class AdamClipWeights { }
[Optimizer(LearningRate = 0.01), State("m"), State("v"), Update(Rules.Adam), WeightEma(0.9)] public partial class AdamEma { }

[Optimizer(LearningRate = 0.01), Update(Rules.Rms), ClipGradientNorm(0.5)] public partial class RmsClipNorm { }
[Optimizer(LearningRate = 0.01), Update(Rules.Rms), AccumulateGradients(2), L2Penalty(0.5)] public partial class RmsAccumulateL2 { }

// Every transform at once, attributes deliberately out of order: the generator applies its fixed order.
[Optimizer(LearningRate = 0.01), State("b"), Update(Rules.Momentum)]
[WeightEma(0.8), ClipWeights(0.6), DecoupledWeightDecay(2), L2Penalty(0.2), ClipGradientNorm(0.5), ClipGradientValue(0.2), AccumulateGradients(2), SkipNonFinite]
public partial class MomentumAll { }

[Optimizer(LearningRate = 0.01), State("m"), State("v"), Update(Rules.Adam)]
[WeightEma(0.8), ClipWeights(0.6), DecoupledWeightDecay(2), L2Penalty(0.2), ClipGradientNorm(0.5), ClipGradientValue(0.2), AccumulateGradients(2), SkipNonFinite]
public partial class AdamAll { }

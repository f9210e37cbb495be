namespace OptGen.Runtime.Tests.Optimizers.Shaped;

/// <summary>The optimizers that see shapes, with their defaults and the settings that switch code paths.</summary>
public static class ShapedCases
{
    // Static fields initialise in text order: these come before All, which reads them.
    private const double MuonTolerance = 1e-4;

    private static readonly int[][] MuonShapes = [[8, 12], [12, 8], [6, 10], [130, 140], [1, 5]];

    public static readonly ShapedCase[] All =
    [
        ShapedCase.Of("Adafactor/defaults", () => new Adafactor(), (o, s) => new AdafactorReference(o, s)),
        ShapedCase.Of("Adafactor/tuned", () => new Adafactor { LearningRate = 0.05f, Beta2Decay = -0.5f, Eps1 = 1e-6f, Eps2 = 1e-2f, D = 1.5f, WeightDecay = 0.1f },
            (o, s) => new AdafactorReference(o, s)),
        ShapedCase.Of("Adafactor/maximize", () => new Adafactor { Maximize = true }, (o, s) => new AdafactorReference(o, s)),
        // Keras's Adafactor: its defaults (ε1 1e-30 under the root), then a larger ε1, another decay and a threshold
        // that clips, with Keras's base weight decay.
        ShapedCase.Of("KerasAdafactor/defaults", () => new KerasAdafactor(), (o, s) => new KerasAdafactorReference(o, s)),
        ShapedCase.Of("KerasAdafactor/tuned", () => new KerasAdafactor { LearningRate = 0.05f, Beta2Decay = -0.5f, Eps1 = 1e-3f, Eps2 = 1e-2f, ClipThreshold = 0.5f, WeightDecay = 0.1f },
            (o, s) => new KerasAdafactorReference(o, s)),
        // Muon: matrices only, one tall one (orthogonalised transposed) and one with a single row. The reference runs
        // Newton–Schulz in float64, ours in float32: 1e-4.
        ShapedCase.Of("Muon/defaults", () => new Muon(), (o, s) => new MuonReference(o, s), MuonTolerance, MuonShapes),
        ShapedCase.Of("Muon/plain-momentum", () => new Muon { Nesterov = false, LearningRate = 2e-2f }, (o, s) => new MuonReference(o, s), MuonTolerance, MuonShapes),
        ShapedCase.Of("Muon/match-rms-adamw", () => new Muon { AdjustLrFn = Muon.MatchRmsAdamW, LearningRate = 1e-2f, WeightDecay = 0.2f, Momentum = 0.9f, NsSteps = 3 },
            (o, s) => new MuonReference(o, s), MuonTolerance, MuonShapes),
        ShapedCase.Of("Muon/cubic", () => new Muon { NsCoefficientA = 1.5f, NsCoefficientB = -0.5f, NsCoefficientC = 0f, NsSteps = 8, Eps = 1e-5f, LearningRate = 5e-2f },
            (o, s) => new MuonReference(o, s), MuonTolerance, MuonShapes),
        // AdamP: the default delta projects nothing on this problem; 1.5 lets later steps (gradients mostly noise)
        // project per channel or per layer, 10 projects every matrix per channel (SphericalProjectionPathTests checks which ran).
        ShapedCase.Of("AdamP/defaults", () => new AdamP(), (o, s) => new AdamPReference(o, s)),
        ShapedCase.Of("AdamP/mixed-projection", () => new AdamP { Delta = 2f, LearningRate = 0.1f, WeightDecay = 0.1f },
            (o, s) => new AdamPReference(o, s)),
        ShapedCase.Of("AdamP/channel-projection", () => new AdamP { Delta = 10f, LearningRate = 2e-2f, WeightDecay = 0.1f, WdRatio = 0.5f, Nesterov = false, Beta1 = 0.8f, Beta2 = 0.99f, Eps = 1e-6f },
            (o, s) => new AdamPReference(o, s)),
        ShapedCase.Of("AdamP/cautious", () => new AdamP { Delta = 2f, LearningRate = 0.1f, Caution = true }, (o, s) => new AdamPReference(o, s)),
        // SgdP: timm's create_optimizer_v2 defaults (momentum 0.9, Nesterov) with the learning rate of an SGD run, then the
        // deltas of the AdamP cases, with weight decay (divided by 1 − momentum), dampening and plain momentum.
        ShapedCase.Of("SgdP/defaults", () => new SgdP { LearningRate = 1e-2f }, (o, s) => new SgdPReference(o, s)),
        ShapedCase.Of("SgdP/mixed-projection", () => new SgdP { Delta = 2f, LearningRate = 2e-2f, WeightDecay = 0.1f },
            (o, s) => new SgdPReference(o, s)),
        ShapedCase.Of("SgdP/channel-projection", () => new SgdP { Delta = 10f, LearningRate = 1e-2f, WeightDecay = 0.05f, WdRatio = 0.5f, Nesterov = false, Momentum = 0.8f, Dampening = 0.1f, Eps = 1e-6f },
            (o, s) => new SgdPReference(o, s)),
        ShapedCase.Of("SgdP/cautious", () => new SgdP { Delta = 2f, LearningRate = 2e-2f, Caution = true }, (o, s) => new SgdPReference(o, s)),
        // Mars: a rate at which c's norm clip engages on the large tensors; rank-1 tensors take the AdamW step unless
        // Optimize1d; the Lion type and caution on both kinds of tensor.
        ShapedCase.Of("Mars/defaults", () => new Mars(), (o, s) => new MarsReference(o, s)),
        ShapedCase.Of("Mars/tuned-1d", () => new Mars { LearningRate = 1e-2f, WeightDecay = 0.1f, Gamma = 0.5f, Beta1For1d = 0.8f, Beta2For1d = 0.95f, Lr1dFactor = 0.5f },
            (o, s) => new MarsReference(o, s)),
        ShapedCase.Of("Mars/optimize-1d", () => new Mars { Optimize1d = true, Gamma = 0.1f }, (o, s) => new MarsReference(o, s)),
        ShapedCase.Of("Mars/lion", () => new Mars { MarsType = Mars.TypeLion, LearningRate = 1e-3f, WeightDecay = 0.1f }, (o, s) => new MarsReference(o, s)),
        ShapedCase.Of("Mars/caution", () => new Mars { Caution = true, LearningRate = 1e-2f, Beta1 = 0.8f, Beta2 = 0.95f, Eps = 1e-6f }, (o, s) => new MarsReference(o, s)),
        ShapedCase.Of("Mars/lion-caution-1d", () => new Mars { MarsType = Mars.TypeLion, Caution = true, Optimize1d = true }, (o, s) => new MarsReference(o, s)),
        // Sm3: optax.sm3 with the learning rate of Optax's docstring example; b2 below 1 switches the weights of the sum.
        // The rank-4 case checks our cover of such tensors (leading dimensions merged), which is not Optax's.
        ShapedCase.Of("Sm3/defaults", () => new Sm3(), (o, s) => new Sm3Reference(o, s)),
        ShapedCase.Of("Sm3/tuned", () => new Sm3 { LearningRate = 1e-2f, Momentum = 0.5f, Beta2 = 0.9f, Eps = 1e-6f }, (o, s) => new Sm3Reference(o, s)),
        ShapedCase.Of("Sm3/no-momentum", () => new Sm3 { LearningRate = 1e-2f, Momentum = 0f }, (o, s) => new Sm3Reference(o, s)),
        ShapedCase.Of("Sm3/rank-4-cover", () => new Sm3 { LearningRate = 1e-2f }, (o, s) => new Sm3Reference(o, s, mergeLeading: true),
            shapes: [[2, 3, 4, 5], [3, 1, 2, 6, 2], [6, 10]]),
    ];

    public static ShapedCase Get(string name) => All.Single(c => c.Name == name);

    public static IEnumerable<string> Names => All.Select(c => c.Name);
}

using OptGen.Runtime.Tests.References;

namespace OptGen.Runtime.Tests.Kernel;

/// <summary>Every optimizer configuration whose generated kernels are compared with a reference.</summary>
public static class KernelCases
{
    public static readonly KernelCase[] All =
    [
        KernelCase.Of("Adam/defaults", () => new TestAdam(), o => new AdamReference(o)),
        KernelCase.Of("Adam/tuned", () => new TestAdam { LearningRate = 0.01f, Beta1 = 0.8f, Beta2 = 0.99f, Eps = 1e-6f }, o => new AdamReference(o)),
        KernelCase.Of("Sgd/plain", () => new TestSgd(), o => new SgdReference(o)),
        KernelCase.Of("Sgd/momentum", () => new TestSgd { Momentum = 0.9f, Dampening = 0.1f, WeightDecay = 0.01f }, o => new SgdReference(o)),
        KernelCase.Of("Sgd/nesterov", () => new TestSgd { Momentum = 0.9f, Nesterov = true, WeightDecay = 0.01f }, o => new SgdReference(o)),
        KernelCase.Of("Lamb/defaults", () => new TestLamb { LearningRate = 0.01f }, o => new LambReference(o)),
        KernelCase.Of("ClippedSgd/clipping", () => new TestClippedSgd { MaxNorm = 1f }, o => new ClippedSgdReference(o)),
        KernelCase.Of("ClippedSgd/large-limit", () => new TestClippedSgd { MaxNorm = 1e6f }, o => new ClippedSgdReference(o)),
        KernelCase.Of("KitchenSink/defaults", () => new TestKitchenSink(), o => new KitchenSinkReference(o)),
        KernelCase.Of("KitchenSink/tuned", () => new TestKitchenSink { Beta = 0.5f, Thr = 0.2f, Clip = 0.3f, Decay = 0.5f, WeightDecay = 0.1f },
            o => new KitchenSinkReference(o)),
        KernelCase.Of("TwoPhase/defaults", () => new TestTwoPhase(), o => new TwoPhaseReference(o)),
        KernelCase.Of("Powers/defaults", () => new TestPowers(), _ => new PowersReference()),
        KernelCase.Of("Adam/step-decay", () => new TestAdam { LearningRate = 0.05f, Schedule = new TestStepDecay { Gamma = 0.5f, StepSize = 2 } },
            o => new AdamReference(o), (t, lr0) => lr0 * Math.Pow(0.5, Math.Floor(t / 2.0))),
    ];

    /// <summary>Vector widths to force through <see cref="SimdPolicy.MaxVectorBits"/>; 0 is the scalar path.</summary>
    public static readonly int[] Widths = [512, 256, 128, 0];

    public static KernelCase Named(string name) => All.Single(c => c.Name == name);

    public static IEnumerable<string> NamesStartingWith(string prefix) => All.Select(c => c.Name).Where(n => n.StartsWith(prefix, StringComparison.Ordinal));
}

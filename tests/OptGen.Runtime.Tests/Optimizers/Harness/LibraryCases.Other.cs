using System.Collections.Generic;
using OptGen.Runtime.Tests.Optimizers.References;
using OptGen.Optimizers;
using OptGen.Schedules;

namespace OptGen.Runtime.Tests.Optimizers.Harness;

public static partial class LibraryCases
{
    /// <summary>MADGRAD, NovoGrad, Fromage and averaged SGD.</summary>
    private static IEnumerable<LibraryCase> OtherFamily()
    {
        static LibraryCase Madgrad(string name, System.Func<Madgrad> create) => LibraryCase.Of(name, create, (o, n) => new MadgradReference(o, n));
        yield return Madgrad("Madgrad/defaults", () => new Madgrad());
        yield return Madgrad("Madgrad/no_momentum", () => new Madgrad { Momentum = 0f });
        yield return Madgrad("Madgrad/weight_decay", () => new Madgrad { WeightDecay = 0.1f });
        yield return Madgrad("Madgrad/decoupled_decay", () => new Madgrad { WeightDecay = 0.1f, DecoupledDecay = true });
        yield return Madgrad("Madgrad/no_momentum_decoupled_eps", () => new Madgrad { Momentum = 0f, WeightDecay = 0.05f, DecoupledDecay = true, Eps = 1e-3f });

        static LibraryCase NovoGrad(string name, System.Func<NovoGrad> create) => LibraryCase.Of(name, create, (o, n) => new NovoGradReference(o, n));
        yield return NovoGrad("NovoGrad/defaults", () => new NovoGrad());
        yield return NovoGrad("NovoGrad/betas_weight_decay", () => new NovoGrad { LearningRate = 0.01f, Beta1 = 0.5f, Beta2 = 0.5f, WeightDecay = 0.1f });
        yield return NovoGrad("NovoGrad/eps", () => new NovoGrad { LearningRate = 0.01f, Eps = 0.1f, EpsRoot = 0.5f });

        static LibraryCase Fromage(string name, System.Func<Fromage> create) => LibraryCase.Of(name, create, (o, n) => new FromageReference(o, n));
        yield return Fromage("Fromage/defaults", () => new Fromage());
        // Larger than the norms of the small tensors: safe_norm's floor decides their ratio.
        yield return Fromage("Fromage/min_norm", () => new Fromage { LearningRate = 0.05f, MinNorm = 3f });
        yield return Fromage("Fromage/schedule", () => new Fromage { LearningRate = 0.1f, Schedule = new ExponentialSchedule { Gamma = 0.97f } });

        static LibraryCase Asgd(string name, System.Func<Asgd> create) => LibraryCase.Of(name, create, (o, n) => new AsgdReference(o, n));
        yield return Asgd("Asgd/defaults", () => new Asgd());
        yield return Asgd("Asgd/averaging", () => new Asgd { LearningRate = 0.05f, T0 = 20f, Lambd = 0.01f, Alpha = 0.5f });
        yield return Asgd("Asgd/weight_decay", () => new Asgd { WeightDecay = 0.1f });
        yield return Asgd("Asgd/maximize", () => new Asgd { Maximize = true, T0 = 10f });
        // η of a step is computed from the previous step's rate, so a schedule shows whether that lag is kept.
        yield return Asgd("Asgd/schedule", () => new Asgd { LearningRate = 0.05f, T0 = 30f, Lambd = 0.05f, Schedule = new ExponentialSchedule { Gamma = 0.97f } });
    }

    /// <summary>Parameter-free and distance-based: Prodigy, DoG, DoWG, COCOB.</summary>
    private static IEnumerable<LibraryCase> ParameterFreeFamily()
    {
        static LibraryCase Prodigy(string name, System.Func<Prodigy> create) => LibraryCase.OfAll(name, create, (o, lengths) => new ProdigyReference(o, lengths));
        yield return Prodigy("Prodigy/defaults", () => new Prodigy());
        yield return Prodigy("Prodigy/safeguard_warmup", () => new Prodigy { SafeguardWarmup = true });
        yield return Prodigy("Prodigy/weight_decay_beta3", () => new Prodigy { WeightDecay = 0.1f, Beta3 = 0.9f });
        yield return Prodigy("Prodigy/betas_eps_estimates", () => new Prodigy { LearningRate = 0.5f, Beta1 = 0.8f, Beta2 = 0.99f, Eps = 1e-4f, EstimLr0 = 1e-3f, EstimLrCoef = 0.5f });

        static LibraryCase Dog(string name, System.Func<Dog> create) => LibraryCase.OfAll(name, create, (o, lengths) => new DogReference(o, lengths));
        yield return Dog("Dog/defaults", () => new Dog());
        yield return Dog("Dog/distance", () => new Dog { InitStepType = OptGen.Optimizers.Dog.Distance, InitStep = 0.1f });
        yield return Dog("Dog/first_step_size", () => new Dog { InitStepType = OptGen.Optimizers.Dog.FirstStepSize, InitStep = 0.01f });
        yield return Dog("Dog/weight_decay_eps", () => new Dog { LearningRate = 0.5f, WeightDecay = 0.1f, Eps = 1e-2f });

        static LibraryCase Dowg(string name, System.Func<Dowg> create) => LibraryCase.OfAll(name, create, (o, lengths) => new DowgReference(o, lengths));
        yield return Dowg("Dowg/defaults", () => new Dowg());
        yield return Dowg("Dowg/init_sq_dist", () => new Dowg { InitEstimSqDist = 0.01f });
        yield return Dowg("Dowg/weight_decay_eps", () => new Dowg { LearningRate = 0.5f, WeightDecay = 0.1f, Eps = 1e-2f });

        static LibraryCase Cocob(string name, System.Func<Cocob> create) => LibraryCase.Of(name, create, (o, n) => new CocobReference(o, n));
        yield return Cocob("Cocob/defaults", () => new Cocob());
        yield return Cocob("Cocob/alpha_eps", () => new Cocob { Alpha = 10f, Eps = 1e-3f });
        yield return Cocob("Cocob/weight_decay", () => new Cocob { LearningRate = 0.5f, WeightDecay = 0.1f });
    }
}

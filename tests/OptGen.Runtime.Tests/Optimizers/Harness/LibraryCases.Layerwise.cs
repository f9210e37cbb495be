using System.Collections.Generic;
using OptGen.Runtime.Tests.Optimizers.References;
using OptGen.Optimizers;

namespace OptGen.Runtime.Tests.Optimizers.Harness;

public static partial class LibraryCases
{
    private static IEnumerable<LibraryCase> LayerwiseAndSignFamily()
    {
        static LibraryCase Lamb(string name, System.Func<Lamb> create) => LibraryCase.Of(name, create, (o, n) => new LambReference(o, n));
        yield return Lamb("Lamb/defaults", () => new Lamb());
        yield return Lamb("Lamb/weight_decay", () => new Lamb { LearningRate = 0.01f, WeightDecay = 0.1f });
        yield return Lamb("Lamb/betas_eps", () => new Lamb { LearningRate = 0.01f, Eps = 0.1f, Beta1 = 0.8f, Beta2 = 0.9f });

        static LibraryCase Lars(string name, System.Func<Lars> create) => LibraryCase.Of(name, create, (o, n) => new LarsReference(o, n));
        yield return Lars("Lars/defaults", () => new Lars());
        yield return Lars("Lars/strong", () => new Lars { LearningRate = 1f, TrustCoefficient = 0.02f });
        yield return Lars("Lars/nesterov", () => new Lars { LearningRate = 1f, TrustCoefficient = 0.02f, Nesterov = true });
        yield return Lars("Lars/weight_decay_eps", () => new Lars { LearningRate = 1f, TrustCoefficient = 0.02f, WeightDecay = 0.1f, Eps = 0.5f });
        yield return Lars("Lars/no_momentum", () => new Lars { LearningRate = 1f, TrustCoefficient = 0.02f, Momentum = 0f });

        static LibraryCase Lion(string name, System.Func<Lion> create) => LibraryCase.Of(name, create, (o, n) => new LionReference(o, n));
        yield return Lion("Lion/defaults", () => new Lion());
        yield return Lion("Lion/weight_decay", () => new Lion { LearningRate = 1e-3f, WeightDecay = 0.5f });
        yield return Lion("Lion/betas", () => new Lion { LearningRate = 1e-3f, Beta1 = 0.5f, Beta2 = 0.9f });

        static LibraryCase Sign(string name, System.Func<SignSgd> create) => LibraryCase.Of(name, create, (o, n) => new SignSgdReference(o, n));
        yield return Sign("SignSgd/defaults", () => new SignSgd());
        yield return Sign("SignSgd/signum", () => new SignSgd { LearningRate = 0.01f, Momentum = 0.9f });
        yield return Sign("SignSgd/signum_weight_decay", () => new SignSgd { LearningRate = 0.01f, Momentum = 0.5f, WeightDecay = 0.1f });
    }
}

using System.Collections.Generic;
using OptGen.Runtime.Tests.Optimizers.References;
using OptGen.Optimizers;

namespace OptGen.Runtime.Tests.Optimizers.Harness;

public static partial class LibraryCases
{
    private static IEnumerable<LibraryCase> AdamFamily()
    {
        static LibraryCase Adam(string name, System.Func<Adam> create) => LibraryCase.Of(name, create, (o, n) => new AdamReference(o, n));
        yield return Adam("Adam/defaults", () => new Adam());
        yield return Adam("Adam/weight_decay", () => new Adam { LearningRate = 0.01f, WeightDecay = 0.1f });
        yield return Adam("Adam/amsgrad", () => new Adam { LearningRate = 0.01f, Amsgrad = true });
        yield return Adam("Adam/maximize", () => new Adam { LearningRate = 0.01f, Maximize = true });
        yield return Adam("Adam/amsgrad_maximize_weight_decay", () => new Adam { LearningRate = 0.01f, Amsgrad = true, Maximize = true, WeightDecay = 0.05f });
        yield return Adam("Adam/betas_eps", () => new Adam { LearningRate = 0.01f, Beta1 = 0.5f, Beta2 = 0.9f, Eps = 0.01f });

        static LibraryCase AdamW(string name, System.Func<AdamW> create) => LibraryCase.Of(name, create, (o, n) => new AdamWReference(o, n));
        yield return AdamW("AdamW/defaults", () => new AdamW());
        yield return AdamW("AdamW/betas_eps_strong_decay", () => new AdamW { LearningRate = 0.01f, WeightDecay = 0.5f, Eps = 0.01f, Beta1 = 0.8f, Beta2 = 0.99f });
        yield return AdamW("AdamW/no_decay", () => new AdamW { LearningRate = 0.01f, WeightDecay = 0f });
        yield return AdamW("AdamW/amsgrad", () => new AdamW { LearningRate = 0.01f, Amsgrad = true });
        yield return AdamW("AdamW/maximize", () => new AdamW { LearningRate = 0.01f, Maximize = true });

        static LibraryCase Adamax(string name, System.Func<Adamax> create) => LibraryCase.Of(name, create, (o, n) => new AdamaxReference(o, n));
        yield return Adamax("Adamax/defaults", () => new Adamax());
        yield return Adamax("Adamax/weight_decay", () => new Adamax { LearningRate = 0.01f, WeightDecay = 0.1f });
        yield return Adamax("Adamax/maximize", () => new Adamax { LearningRate = 0.01f, Maximize = true });
        yield return Adamax("Adamax/betas_eps", () => new Adamax { LearningRate = 0.01f, Eps = 0.3f, Beta1 = 0.7f, Beta2 = 0.9f });

        static LibraryCase NAdam(string name, System.Func<NAdam> create) => LibraryCase.Of(name, create, (o, n) => new NAdamReference(o, n));
        yield return NAdam("NAdam/defaults", () => new NAdam());
        yield return NAdam("NAdam/weight_decay", () => new NAdam { LearningRate = 0.01f, WeightDecay = 0.1f });
        yield return NAdam("NAdam/maximize", () => new NAdam { LearningRate = 0.01f, Maximize = true });
        yield return NAdam("NAdam/decoupled_weight_decay", () => new NAdam { LearningRate = 0.01f, WeightDecay = 0.1f, DecoupledWeightDecay = true });
        yield return NAdam("NAdam/betas_eps_momentum_decay", () => new NAdam { LearningRate = 0.01f, MomentumDecay = 0.05f, Eps = 0.01f, Beta1 = 0.8f, Beta2 = 0.99f });

        static LibraryCase RAdam(string name, System.Func<RAdam> create) => LibraryCase.Of(name, create, (o, n) => new RAdamReference(o, n));
        yield return RAdam("RAdam/defaults", () => new RAdam());
        yield return RAdam("RAdam/weight_decay", () => new RAdam { LearningRate = 0.01f, WeightDecay = 0.1f });
        yield return RAdam("RAdam/decoupled_weight_decay", () => new RAdam { LearningRate = 0.01f, WeightDecay = 0.1f, DecoupledWeightDecay = true });
        yield return RAdam("RAdam/maximize_decoupled", () => new RAdam { LearningRate = 0.01f, WeightDecay = 0.05f, DecoupledWeightDecay = true, Maximize = true });
        yield return RAdam("RAdam/maximize", () => new RAdam { LearningRate = 0.01f, Maximize = true });
        yield return RAdam("RAdam/betas_eps", () => new RAdam { LearningRate = 0.01f, Beta1 = 0.8f, Beta2 = 0.99f, Eps = 0.01f });
    }
}

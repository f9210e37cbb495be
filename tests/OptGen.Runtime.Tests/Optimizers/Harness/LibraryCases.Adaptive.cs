using System.Collections.Generic;
using OptGen.Runtime.Tests.Optimizers.References;
using OptGen.Optimizers;

namespace OptGen.Runtime.Tests.Optimizers.Harness;

public static partial class LibraryCases
{
    private static IEnumerable<LibraryCase> AdaptiveFamily()
    {
        static LibraryCase Adagrad(string name, System.Func<Adagrad> create) => LibraryCase.Of(name, create, (o, n) => new AdagradReference(o, n));
        yield return Adagrad("Adagrad/defaults", () => new Adagrad());
        yield return Adagrad("Adagrad/lr_decay", () => new Adagrad { LearningRate = 0.1f, LrDecay = 0.05f });
        yield return Adagrad("Adagrad/initial_accumulator", () => new Adagrad { LearningRate = 0.1f, InitialAccumulatorValue = 0.5f });
        yield return Adagrad("Adagrad/weight_decay", () => new Adagrad { LearningRate = 0.1f, WeightDecay = 0.1f });
        yield return Adagrad("Adagrad/maximize", () => new Adagrad { LearningRate = 0.1f, Maximize = true });
        yield return Adagrad("Adagrad/eps", () => new Adagrad { LearningRate = 0.1f, Eps = 0.5f });

        static LibraryCase Adadelta(string name, System.Func<Adadelta> create) => LibraryCase.Of(name, create, (o, n) => new AdadeltaReference(o, n));
        yield return Adadelta("Adadelta/defaults", () => new Adadelta());
        yield return Adadelta("Adadelta/weight_decay", () => new Adadelta { WeightDecay = 0.1f });
        yield return Adadelta("Adadelta/maximize", () => new Adadelta { Maximize = true });
        yield return Adadelta("Adadelta/rho_eps", () => new Adadelta { LearningRate = 0.5f, Rho = 0.5f, Eps = 1e-2f });

        static LibraryCase AdaBelief(string name, System.Func<AdaBelief> create) => LibraryCase.Of(name, create, (o, n) => new AdaBeliefReference(o, n));
        yield return AdaBelief("AdaBelief/defaults", () => new AdaBelief());
        yield return AdaBelief("AdaBelief/weight_decay", () => new AdaBelief { LearningRate = 0.01f, WeightDecay = 0.1f });
        yield return AdaBelief("AdaBelief/betas_eps", () => new AdaBelief { LearningRate = 0.01f, Eps = 1e-2f, EpsRoot = 1e-3f, Beta1 = 0.8f, Beta2 = 0.99f });

        static LibraryCase Yogi(string name, System.Func<Yogi> create) => LibraryCase.Of(name, create, (o, n) => new YogiReference(o, n));
        yield return Yogi("Yogi/defaults", () => new Yogi());
        yield return Yogi("Yogi/betas_eps", () => new Yogi { Beta1 = 0.5f, Beta2 = 0.9f, Eps = 0.1f });
    }
}

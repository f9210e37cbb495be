using System.Collections.Generic;
using OptGen.Runtime.Tests.Optimizers.References;
using OptGen.Optimizers;

namespace OptGen.Runtime.Tests.Optimizers.Harness;

public static partial class LibraryCases
{
    private static IEnumerable<LibraryCase> SgdRmspropRpropFamily()
    {
        static LibraryCase Sgd(string name, System.Func<Sgd> create) => LibraryCase.Of(name, create, (o, n) => new SgdReference(o, n));
        yield return Sgd("Sgd/defaults", () => new Sgd());
        yield return Sgd("Sgd/plain", () => new Sgd { LearningRate = 0.05f });
        yield return Sgd("Sgd/weight_decay", () => new Sgd { LearningRate = 0.05f, WeightDecay = 0.1f });
        yield return Sgd("Sgd/momentum", () => new Sgd { LearningRate = 0.02f, Momentum = 0.9f });
        yield return Sgd("Sgd/momentum_dampening", () => new Sgd { LearningRate = 0.02f, Momentum = 0.9f, Dampening = 0.5f });
        yield return Sgd("Sgd/nesterov", () => new Sgd { LearningRate = 0.02f, Momentum = 0.9f, Nesterov = true });
        yield return Sgd("Sgd/maximize", () => new Sgd { LearningRate = 0.05f, Maximize = true });
        yield return Sgd("Sgd/maximize_nesterov_weight_decay", () => new Sgd { LearningRate = 0.02f, Momentum = 0.8f, Nesterov = true, WeightDecay = 0.05f, Maximize = true });

        static LibraryCase Rms(string name, System.Func<RMSprop> create) => LibraryCase.Of(name, create, (o, n) => new RMSpropReference(o, n));
        yield return Rms("RMSprop/defaults", () => new RMSprop());
        yield return Rms("RMSprop/centered", () => new RMSprop { Centered = true });
        yield return Rms("RMSprop/momentum", () => new RMSprop { LearningRate = 1e-3f, Momentum = 0.9f });
        yield return Rms("RMSprop/centered_momentum", () => new RMSprop { LearningRate = 1e-3f, Momentum = 0.9f, Centered = true });
        yield return Rms("RMSprop/weight_decay", () => new RMSprop { WeightDecay = 0.1f });
        yield return Rms("RMSprop/maximize", () => new RMSprop { Maximize = true, Momentum = 0.5f });
        yield return Rms("RMSprop/alpha_eps", () => new RMSprop { Alpha = 0.9f, Eps = 0.05f });

        static LibraryCase Rprop(string name, System.Func<Rprop> create) => LibraryCase.Of(name, create, (o, n) => new RpropReference(o, n));
        yield return Rprop("Rprop/defaults", () => new Rprop());
        yield return Rprop("Rprop/maximize", () => new Rprop { Maximize = true });
        yield return Rprop("Rprop/clamped", () => new Rprop { LearningRate = 0.2f, EtaMinus = 0.3f, EtaPlus = 1.5f, StepSizeMin = 1e-3f, StepSizeMax = 0.05f });
    }
}

using System.Collections.Generic;
using System.Linq;
using OptGen.Optimizers;

namespace OptGen.Library.Tests.Shaped;

/// <summary>The optimizers that see shapes, with their defaults and the settings that switch code paths.</summary>
public static class ShapedCases
{
    public static readonly ShapedCase[] All =
    [
        ShapedCase.Of("Adafactor/defaults", () => new Adafactor(), (o, s) => new AdafactorReference(o, s)),
        ShapedCase.Of("Adafactor/tuned", () => new Adafactor { LearningRate = 0.05f, Beta2Decay = -0.5f, Eps1 = 1e-6f, Eps2 = 1e-2f, D = 1.5f, WeightDecay = 0.1f },
            (o, s) => new AdafactorReference(o, s)),
        ShapedCase.Of("Adafactor/maximize", () => new Adafactor { Maximize = true }, (o, s) => new AdafactorReference(o, s)),
    ];

    public static ShapedCase Get(string name) => All.Single(c => c.Name == name);

    public static IEnumerable<string> Names => All.Select(c => c.Name);
}

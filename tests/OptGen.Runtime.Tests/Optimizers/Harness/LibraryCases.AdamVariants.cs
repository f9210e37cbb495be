using System.Collections.Generic;
using OptGen.Runtime.Tests.Optimizers.References;
using OptGen.Optimizers;
using OptGen.Schedules;

namespace OptGen.Runtime.Tests.Optimizers.Harness;

public static partial class LibraryCases
{
    /// <summary>Adam descendants: ADOPT, AdEMAMix, Adan, LaProp, cautious AdamW, schedule-free AdamW.</summary>
    private static IEnumerable<LibraryCase> AdamVariantsFamily()
    {
        static LibraryCase Adopt(string name, System.Func<Adopt> create) => LibraryCase.Of(name, create, (o, n) => new AdoptReference(o, n));
        yield return Adopt("Adopt/defaults", () => new Adopt());
        yield return Adopt("Adopt/nesterov", () => new Adopt { LearningRate = 0.01f, Nesterov = true });
        yield return Adopt("Adopt/no_clipping", () => new Adopt { LearningRate = 0.01f, UseClipping = false });
        yield return Adopt("Adopt/betas_eps_nesterov_no_clipping", () => new Adopt { LearningRate = 0.01f, Beta1 = 0.5f, Beta2 = 0.9f, Eps = 0.1f, Nesterov = true, UseClipping = false });

        static LibraryCase AdEMAMix(string name, System.Func<AdEMAMix> create) => LibraryCase.Of(name, create, (o, n) => new AdEMAMixReference(o, n));
        yield return AdEMAMix("AdEMAMix/defaults", () => new AdEMAMix());
        yield return AdEMAMix("AdEMAMix/alpha_weight_decay", () => new AdEMAMix { LearningRate = 0.01f, Alpha = 2f, WeightDecay = 0.1f });
        yield return AdEMAMix("AdEMAMix/betas_eps", () => new AdEMAMix { LearningRate = 0.01f, Beta1 = 0.8f, Beta2 = 0.99f, Beta3 = 0.999f, Eps = 1e-3f, EpsRoot = 1e-4f });

        static LibraryCase Adan(string name, System.Func<Adan> create) => LibraryCase.Of(name, create, (o, n) => new AdanReference(o, n));
        yield return Adan("Adan/defaults", () => new Adan());
        yield return Adan("Adan/weight_decay", () => new Adan { LearningRate = 0.01f, WeightDecay = 0.1f });
        yield return Adan("Adan/betas_eps", () => new Adan { LearningRate = 0.01f, Beta1 = 0.9f, Beta2 = 0.8f, Beta3 = 0.95f, Eps = 1e-3f, EpsRoot = 1e-4f });

        static LibraryCase LaProp(string name, System.Func<LaProp> create) => LibraryCase.Of(name, create, (o, n) => new LaPropReference(o, n));
        yield return LaProp("LaProp/defaults", () => new LaProp());
        yield return LaProp("LaProp/caution", () => new LaProp { LearningRate = 0.01f, Caution = true });
        yield return LaProp("LaProp/weight_decay", () => new LaProp { LearningRate = 0.01f, WeightDecay = 0.1f });
        yield return LaProp("LaProp/betas_eps_caution_weight_decay", () => new LaProp { LearningRate = 0.01f, Beta1 = 0.8f, Beta2 = 0.99f, Eps = 1e-3f, Caution = true, WeightDecay = 0.05f });
        // The running average of the learning rate is LaProp's bias correction: a schedule makes it differ from 1 − β1^t.
        yield return LaProp("LaProp/schedule", () => new LaProp { LearningRate = 0.02f, Schedule = new ExponentialSchedule { Gamma = 0.97f } });

        static LibraryCase Cautious(string name, System.Func<CautiousAdamW> create) => LibraryCase.Of(name, create, (o, n) => new CautiousAdamWReference(o, n));
        yield return Cautious("CautiousAdamW/defaults", () => new CautiousAdamW());
        yield return Cautious("CautiousAdamW/weight_decay", () => new CautiousAdamW { LearningRate = 0.01f, WeightDecay = 0.1f });
        yield return Cautious("CautiousAdamW/amsgrad", () => new CautiousAdamW { LearningRate = 0.01f, Amsgrad = true });
        yield return Cautious("CautiousAdamW/maximize", () => new CautiousAdamW { LearningRate = 0.01f, Maximize = true });
        yield return Cautious("CautiousAdamW/betas_eps_amsgrad_maximize", () => new CautiousAdamW { LearningRate = 0.01f, Beta1 = 0.8f, Beta2 = 0.99f, Eps = 0.01f, Amsgrad = true, Maximize = true });

        static LibraryCase ScheduleFree(string name, System.Func<ScheduleFreeAdamW> create) => LibraryCase.Of(name, create, (o, n) => new ScheduleFreeAdamWReference(o, n));
        yield return ScheduleFree("ScheduleFreeAdamW/defaults", () => new ScheduleFreeAdamW());
        yield return ScheduleFree("ScheduleFreeAdamW/warmup", () => new ScheduleFreeAdamW { LearningRate = 0.02f, WarmupSteps = 10 });
        yield return ScheduleFree("ScheduleFreeAdamW/weight_decay", () => new ScheduleFreeAdamW { LearningRate = 0.01f, WeightDecay = 0.1f });
        yield return ScheduleFree("ScheduleFreeAdamW/betas_eps_power", () => new ScheduleFreeAdamW { LearningRate = 0.01f, Beta1 = 0.5f, Beta2 = 0.99f, Eps = 1e-3f, WeightLrPower = 1f });
    }
}

using OptGen.Runtime.Tests.Optimizers.References;

namespace OptGen.Runtime.Tests.Optimizers.Harness;

/// <summary>
/// Every configuration the reference tests run: each optimizer with its defaults, each bool variant, and the
/// numeric settings that switch code paths or move ε, family by family.
/// </summary>
public static class LibraryCases
{
    private static readonly Lazy<Dictionary<string, LibraryCase>> s_byName = new(() => Cases().ToDictionary(c => c.Name));

    public static IEnumerable<LibraryCase> All => s_byName.Value.Values;

    public static LibraryCase Get(string name) => s_byName.Value[name];

    private static IEnumerable<LibraryCase> Cases()
    {
        // SGD, RMSprop and Rprop.
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

        // Adam, AdamW, Adamax, NAdam, RAdam.
        static LibraryCase Adam(string name, System.Func<Adam> create) => LibraryCase.Of(name, create, (o, n) => new AdamReference(o, n));
        yield return Adam("Adam/defaults", () => new Adam());
        yield return Adam("Adam/weight_decay", () => new Adam { LearningRate = 0.01f, WeightDecay = 0.1f });
        yield return Adam("Adam/amsgrad", () => new Adam { LearningRate = 0.01f, Amsgrad = true });
        yield return Adam("Adam/maximize", () => new Adam { LearningRate = 0.01f, Maximize = true });
        yield return Adam("Adam/amsgrad_maximize_weight_decay", () => new Adam { LearningRate = 0.01f, Amsgrad = true, Maximize = true, WeightDecay = 0.05f });
        yield return Adam("Adam/betas_eps", () => new Adam { LearningRate = 0.01f, Beta1 = 0.5f, Beta2 = 0.9f, Eps = 0.01f });

        static LibraryCase AdamW(string name, System.Func<AdamW> create) => LibraryCase.Of(name, create, (o, n) => new AdamReference(o, n));
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

        // Adagrad, Adadelta, AdaBelief, Yogi.
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

        // Layer-wise (LAMB, LARS) and sign-based (Lion, signSGD).
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

        // Adam descendants: ADOPT, AdEMAMix, Adan, LaProp, cautious AdamW, schedule-free AdamW.
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

        static LibraryCase AdamaxW(string name, System.Func<AdamaxW> create) => LibraryCase.Of(name, create, (o, n) => new AdamaxWReference(o, n));
        yield return AdamaxW("AdamaxW/defaults", () => new AdamaxW());
        yield return AdamaxW("AdamaxW/weight_decay_betas_eps", () => new AdamaxW { LearningRate = 0.01f, WeightDecay = 0.1f, Beta1 = 0.8f, Beta2 = 0.99f, Eps = 1e-3f });

        static LibraryCase Optimistic(string name, System.Func<OptimisticGradientDescent> create) => LibraryCase.Of(name, create, (o, n) => new OptimisticGradientDescentReference(o, n));
        yield return Optimistic("OptimisticGradientDescent/defaults", () => new OptimisticGradientDescent());
        yield return Optimistic("OptimisticGradientDescent/alpha_beta", () => new OptimisticGradientDescent { LearningRate = 0.05f, Alpha = 0.5f, Beta = 2f });

        static LibraryCase OptimisticAdam(string name, System.Func<OptimisticAdam> create) => LibraryCase.Of(name, create, (o, n) => new OptimisticAdamReference(o, n));
        yield return OptimisticAdam("OptimisticAdam/defaults", () => new OptimisticAdam());
        yield return OptimisticAdam("OptimisticAdam/plain_alpha_beta_eps", () => new OptimisticAdam { LearningRate = 0.01f, Nesterov = false, Alpha = 0.5f, Beta = 2f, Beta1 = 0.8f, Beta2 = 0.99f, Eps = 1e-3f, EpsRoot = 1e-4f });

        // Keras's FTRL: defaults (the learning rate of Keras's own example runs is larger), then L1 (weights exactly
        // zero where |linear| ≤ l1), L2 with β, shrinkage, another power (and 0: a fixed rate), the base decay.
        static LibraryCase Ftrl(string name, System.Func<Ftrl> create) => LibraryCase.Of(name, create, (o, n) => new FtrlReference(o, n));
        yield return Ftrl("Ftrl/defaults", () => new Ftrl { LearningRate = 0.1f });
        yield return Ftrl("Ftrl/l1", () => new Ftrl { LearningRate = 0.1f, L1RegularizationStrength = 10f });
        yield return Ftrl("Ftrl/l2_beta", () => new Ftrl { LearningRate = 0.1f, L2RegularizationStrength = 0.2f, Beta = 0.5f, InitialAccumulatorValue = 0.5f });
        yield return Ftrl("Ftrl/shrinkage_power", () => new Ftrl { LearningRate = 0.1f, L2ShrinkageRegularizationStrength = 0.1f, LearningRatePower = -0.7f });
        yield return Ftrl("Ftrl/fixed_rate_decay", () => new Ftrl { LearningRate = 0.05f, LearningRatePower = 0f, WeightDecay = 0.1f, InitialAccumulatorValue = 0f });

        // timm's NAdamW and SGDW: defaults (SGDW: create_optimizer_v2's momentum 0.9 and Nesterov), then each switch.
        static LibraryCase NAdamW(string name, System.Func<NAdamW> create) => LibraryCase.Of(name, create, (o, n) => new NAdamWReference(o, n));
        yield return NAdamW("NAdamW/defaults", () => new NAdamW());
        yield return NAdamW("NAdamW/weight_decay", () => new NAdamW { LearningRate = 0.01f, WeightDecay = 0.1f });
        yield return NAdamW("NAdamW/caution", () => new NAdamW { LearningRate = 0.01f, Caution = true });
        yield return NAdamW("NAdamW/betas_eps_caution_maximize", () => new NAdamW { LearningRate = 0.01f, Beta1 = 0.8f, Beta2 = 0.99f, Eps = 1e-3f, Caution = true, Maximize = true });

        static LibraryCase SgdW(string name, System.Func<SgdW> create) => LibraryCase.Of(name, create, (o, n) => new SgdWReference(o, n));
        yield return SgdW("SgdW/defaults", () => new SgdW { LearningRate = 1e-2f });
        yield return SgdW("SgdW/no_momentum", () => new SgdW { LearningRate = 1e-2f, Momentum = 0f, Nesterov = false, WeightDecay = 0.1f, Caution = true });
        yield return SgdW("SgdW/plain_momentum_dampening", () => new SgdW { LearningRate = 1e-2f, Nesterov = false, Dampening = 0.3f, WeightDecay = 0.1f });
        yield return SgdW("SgdW/caution", () => new SgdW { LearningRate = 1e-2f, Caution = true });
        yield return SgdW("SgdW/caution_plain_maximize", () => new SgdW { LearningRate = 1e-2f, Caution = true, Nesterov = false, Momentum = 0.5f, Maximize = true });

        // timm's TensorFlow-style RMSprop: create_optimizer_v2's defaults (momentum 0.9, the rate inside the momentum),
        // then each switch: no momentum, centered, PyTorch's momentum, decay both ways, caution.
        static LibraryCase RmsTf(string name, System.Func<RMSpropTF> create) => LibraryCase.Of(name, create, (o, n) => new RMSpropTFReference(o, n));
        yield return RmsTf("RMSpropTF/defaults", () => new RMSpropTF());
        yield return RmsTf("RMSpropTF/no_momentum", () => new RMSpropTF { Momentum = 0f, LearningRate = 1e-3f });
        yield return RmsTf("RMSpropTF/centered", () => new RMSpropTF { Centered = true, LearningRate = 1e-3f });
        yield return RmsTf("RMSpropTF/lr_outside_momentum", () => new RMSpropTF { LrInMomentum = false, LearningRate = 1e-3f, Momentum = 0.5f });
        yield return RmsTf("RMSpropTF/weight_decay", () => new RMSpropTF { WeightDecay = 0.1f, LearningRate = 1e-3f });
        yield return RmsTf("RMSpropTF/decoupled_decay_centered", () => new RMSpropTF { WeightDecay = 0.5f, DecoupledDecay = true, Centered = true, LearningRate = 1e-3f });
        yield return RmsTf("RMSpropTF/caution_alpha_eps", () => new RMSpropTF { Caution = true, Alpha = 0.99f, Eps = 1e-3f, LearningRate = 1e-3f });
        yield return RmsTf("RMSpropTF/caution_lr_outside", () => new RMSpropTF { Caution = true, LrInMomentum = false, LearningRate = 1e-3f, WeightDecay = 0.05f });

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

        static LibraryCase ScheduleFreeSgd(string name, System.Func<ScheduleFreeSgd> create) => LibraryCase.Of(name, create, (o, n) => new ScheduleFreeSgdReference(o, n));
        yield return ScheduleFreeSgd("ScheduleFreeSgd/defaults", () => new ScheduleFreeSgd { LearningRate = 0.05f });
        yield return ScheduleFreeSgd("ScheduleFreeSgd/warmup_weight_decay", () => new ScheduleFreeSgd { LearningRate = 0.1f, WarmupSteps = 10, WeightDecay = 0.1f });
        yield return ScheduleFreeSgd("ScheduleFreeSgd/beta1_power", () => new ScheduleFreeSgd { LearningRate = 0.05f, Beta1 = 0.5f, WeightLrPower = 1f });

        // MADGRAD, NovoGrad, Fromage and averaged SGD.
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

        static LibraryCase NvNovoGrad(string name, System.Func<NvNovoGrad> create) => LibraryCase.Of(name, create, (o, n) => new NvNovoGradReference(o, n));
        yield return NvNovoGrad("NvNovoGrad/defaults", () => new NvNovoGrad { LearningRate = 0.01f });
        yield return NvNovoGrad("NvNovoGrad/grad_averaging_weight_decay", () => new NvNovoGrad { LearningRate = 0.05f, GradAveraging = true, WeightDecay = 0.1f });
        yield return NvNovoGrad("NvNovoGrad/amsgrad_betas_eps", () => new NvNovoGrad { LearningRate = 0.01f, Amsgrad = true, Beta1 = 0.5f, Beta2 = 0.5f, Eps = 0.1f });

        static LibraryCase AcProp(string name, System.Func<AcProp> create) => LibraryCase.Of(name, create, (o, n) => new AcPropReference(o, n));
        yield return AcProp("AcProp/defaults", () => new AcProp());
        yield return AcProp("AcProp/weight_decay", () => new AcProp { LearningRate = 0.01f, WeightDecay = 0.1f });
        yield return AcProp("AcProp/betas_eps", () => new AcProp { LearningRate = 0.01f, Beta1 = 0.5f, Beta2 = 0.9f, Eps = 1e-3f, EpsRoot = 1e-4f });

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

        // Parameter-free and distance-based: Prodigy, DoG, DoWG, COCOB.
        static LibraryCase Prodigy(string name, System.Func<Prodigy> create) => LibraryCase.OfAll(name, create, (o, lengths) => new ProdigyReference(o, lengths));
        yield return Prodigy("Prodigy/defaults", () => new Prodigy());
        yield return Prodigy("Prodigy/safeguard_warmup", () => new Prodigy { SafeguardWarmup = true });
        yield return Prodigy("Prodigy/weight_decay_beta3", () => new Prodigy { WeightDecay = 0.1f, Beta3 = 0.9f });
        yield return Prodigy("Prodigy/betas_eps_estimates", () => new Prodigy { LearningRate = 0.5f, Beta1 = 0.8f, Beta2 = 0.99f, Eps = 1e-4f, EstimLr0 = 1e-3f, EstimLrCoef = 0.5f });

        static LibraryCase DAdapt(string name, System.Func<DAdaptAdamW> create) => LibraryCase.OfAll(name, create, (o, lengths) => new DAdaptAdamWReference(o, lengths));
        yield return DAdapt("DAdaptAdamW/defaults", () => new DAdaptAdamW());
        yield return DAdapt("DAdaptAdamW/weight_decay", () => new DAdaptAdamW { WeightDecay = 0.1f });
        yield return DAdapt("DAdaptAdamW/betas_eps_estimate", () => new DAdaptAdamW { LearningRate = 0.5f, Beta1 = 0.8f, Beta2 = 0.99f, Eps = 1e-4f, EstimLr0 = 1e-3f });

        // Polyak-type steps from the loss (the harness hands each step f at the current weights): MoMo, MoMo-Adam.
        static LibraryCase Momo(string name, System.Func<Momo> create) => LibraryCase.OfAll(name, create, (o, lengths) => new MomoReference(o, lengths));
        yield return Momo("Momo/defaults", () => new Momo());
        yield return Momo("Momo/weight_decay_beta", () => new Momo { LearningRate = 0.5f, WeightDecay = 0.1f, Beta = 0.5f });
        yield return Momo("Momo/lower_bound", () => new Momo { LowerBound = 1.0 });
        yield return Momo("Momo/adapt_lower_bound", () => new Momo { AdaptLowerBound = true, LowerBound = 5.0 });

        static LibraryCase MomoAdam(string name, System.Func<MomoAdam> create) => LibraryCase.OfAll(name, create, (o, lengths) => new MomoAdamReference(o, lengths));
        yield return MomoAdam("MomoAdam/defaults", () => new MomoAdam());
        yield return MomoAdam("MomoAdam/weight_decay_betas_eps", () => new MomoAdam { LearningRate = 0.05f, WeightDecay = 0.1f, Beta1 = 0.8f, Beta2 = 0.99f, Eps = 1e-3f });
        yield return MomoAdam("MomoAdam/adapt_lower_bound", () => new MomoAdam { LearningRate = 0.1f, AdaptLowerBound = true, LowerBound = 5.0 });

        static LibraryCase Polyak(string name, System.Func<PolyakSgd> create) => LibraryCase.OfAll(name, create, (o, lengths) => new PolyakSgdReference(o));
        yield return Polyak("PolyakSgd/defaults", () => new PolyakSgd { LearningRate = 0.5f });
        // A rate (scaling) under 1 overshoots f*, so the gap turns negative: sps steps back up the slope, sps+ stops.
        yield return Polyak("PolyakSgd/f_min_eps", () => new PolyakSgd { LearningRate = 0.3f, FMin = 100.0, Eps = 0.5f, MaxLearningRate = 2f });
        yield return Polyak("PolyakSgd/sps_plus", () => new PolyakSgd { LearningRate = 0.3f, FMin = 100.0, SpsPlus = true });

        // Noisy SGD: its draws are ours (the reference computes the same ones), large enough to matter at this rate.
        static LibraryCase Noisy(string name, System.Func<NoisySgd> create) => LibraryCase.OfAll(name, create, (o, lengths) => new NoisySgdReference(o));
        yield return Noisy("NoisySgd/defaults", () => new NoisySgd());
        yield return Noisy("NoisySgd/eta_gamma_seed", () => new NoisySgd { LearningRate = 0.05f, Eta = 0.5f, Gamma = 1f, Seed = 12345 });

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

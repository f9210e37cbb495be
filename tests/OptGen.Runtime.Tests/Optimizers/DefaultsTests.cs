using System.Reflection;

namespace OptGen.Runtime.Tests.Optimizers;

/// <summary>
/// Each library optimizer's defaults: PyTorch's (spec §6) for the torch.optim ones, the peer's (spec §8: PyTorch,
/// Optax, timm) for the later ones, the documented ones for the others (Optax / the papers). The hyperparameter set must match exactly, so that an added or renamed one
/// fails here until this table (and docs/library.md) follows.
/// </summary>
public class DefaultsTests
{
    private sealed record Expected(Func<IOptimizer> Create, double LearningRate, params (string Name, object Value)[] Hyperparameters);

    private static readonly Dictionary<string, Expected> s_expected = new()
    {
        ["Sgd"] = new(() => new Sgd(), 1e-3, ("Momentum", 0.0), ("Dampening", 0.0), ("Nesterov", false), ("WeightDecay", 0.0), ("Maximize", false)),
        ["Adam"] = new(() => new Adam(), 1e-3, ("Beta1", 0.9), ("Beta2", 0.999), ("Eps", 1e-8), ("WeightDecay", 0.0), ("Amsgrad", false), ("Maximize", false)),
        ["AdamW"] = new(() => new AdamW(), 1e-3, ("Beta1", 0.9), ("Beta2", 0.999), ("Eps", 1e-8), ("WeightDecay", 1e-2), ("Amsgrad", false), ("Maximize", false)),
        ["Adafactor"] = new(() => new Adafactor(), 1e-2, ("Beta2Decay", -0.8), ("Eps1", 1.1920928955078125e-07), ("Eps2", 1e-3), ("D", 1.0),
            ("WeightDecay", 0.0), ("Maximize", false)),
        ["Muon"] = new(() => new Muon(), 1e-3, ("WeightDecay", 0.1), ("Momentum", 0.95), ("Nesterov", true), ("NsCoefficientA", 3.4445),
            ("NsCoefficientB", -4.775), ("NsCoefficientC", 2.0315), ("Eps", 1e-7), ("NsSteps", 5), ("AdjustLrFn", Muon.Original)),
        ["Adamax"] = new(() => new Adamax(), 2e-3, ("Beta1", 0.9), ("Beta2", 0.999), ("Eps", 1e-8), ("WeightDecay", 0.0), ("Maximize", false)),
        ["NAdam"] = new(() => new NAdam(), 2e-3, ("Beta1", 0.9), ("Beta2", 0.999), ("Eps", 1e-8), ("WeightDecay", 0.0), ("MomentumDecay", 4e-3), ("DecoupledWeightDecay", false), ("Maximize", false)),
        ["RAdam"] = new(() => new RAdam(), 1e-3, ("Beta1", 0.9), ("Beta2", 0.999), ("Eps", 1e-8), ("WeightDecay", 0.0), ("DecoupledWeightDecay", false), ("Maximize", false)),
        ["RMSprop"] = new(() => new RMSprop(), 1e-2, ("Alpha", 0.99), ("Eps", 1e-8), ("WeightDecay", 0.0), ("Momentum", 0.0), ("Centered", false), ("Maximize", false)),
        ["Adagrad"] = new(() => new Adagrad(), 1e-2, ("LrDecay", 0.0), ("WeightDecay", 0.0), ("InitialAccumulatorValue", 0.0), ("Eps", 1e-10), ("Maximize", false)),
        ["Adadelta"] = new(() => new Adadelta(), 1.0, ("Rho", 0.9), ("Eps", 1e-6), ("WeightDecay", 0.0), ("Maximize", false)),
        ["Rprop"] = new(() => new Rprop(), 1e-2, ("EtaMinus", 0.5), ("EtaPlus", 1.2), ("StepSizeMin", 1e-6), ("StepSizeMax", 50.0), ("Maximize", false)),
        ["Lion"] = new(() => new Lion(), 1e-4, ("Beta1", 0.9), ("Beta2", 0.99), ("WeightDecay", 0.0)),
        ["Lamb"] = new(() => new Lamb(), 1e-3, ("Beta1", 0.9), ("Beta2", 0.999), ("Eps", 1e-6), ("WeightDecay", 0.0)),
        ["Lars"] = new(() => new Lars(), 1e-3, ("Momentum", 0.9), ("Nesterov", false), ("WeightDecay", 0.0), ("TrustCoefficient", 1e-3), ("Eps", 0.0)),
        ["AdaBelief"] = new(() => new AdaBelief(), 1e-3, ("Beta1", 0.9), ("Beta2", 0.999), ("Eps", 1e-16), ("EpsRoot", 1e-16), ("WeightDecay", 0.0)),
        ["Yogi"] = new(() => new Yogi(), 1e-2, ("Beta1", 0.9), ("Beta2", 0.999), ("Eps", 1e-3)),
        ["SignSgd"] = new(() => new SignSgd(), 1e-3, ("Momentum", 0.0), ("WeightDecay", 0.0)),
        // Spec §8: the peers' defaults. Where the peer requires a learning rate (most of Optax), the value is ours
        // (docs/library.md says which); an int or negative value that stands for a peer's string or None is
        // documented on the property.
        ["Sm3"] = new(() => new Sm3(), 3e-3, ("Momentum", 0.9), ("Beta2", 1.0), ("Eps", 1e-8)),
        ["Adopt"] = new(() => new Adopt(), 1e-3, ("Beta1", 0.9), ("Beta2", 0.9999), ("Eps", 1e-6), ("Nesterov", false), ("UseClipping", true)),
        ["AdEMAMix"] = new(() => new AdEMAMix(), 1e-3, ("Beta1", 0.9), ("Beta2", 0.999), ("Beta3", 0.9999), ("Alpha", 5.0), ("Eps", 1e-8), ("EpsRoot", 0.0), ("WeightDecay", 0.0)),
        ["Adan"] = new(() => new Adan(), 1e-3, ("Beta1", 0.98), ("Beta2", 0.92), ("Beta3", 0.99), ("Eps", 1e-8), ("EpsRoot", 1e-8), ("WeightDecay", 0.0)),
        ["AdamP"] = new(() => new AdamP(), 1e-3, ("Beta1", 0.9), ("Beta2", 0.999), ("Eps", 1e-8), ("WeightDecay", 0.0), ("Delta", 0.1), ("WdRatio", 0.01), ("Nesterov", true),
            ("Caution", false)),
        ["AdamaxW"] = new(() => new AdamaxW(), 2e-3, ("Beta1", 0.9), ("Beta2", 0.999), ("Eps", 1e-8), ("WeightDecay", 1e-4)),
        ["OptimisticGradientDescent"] = new(() => new OptimisticGradientDescent(), 1e-2, ("Alpha", 1.0), ("Beta", 1.0)),
        ["Ftrl"] = new(() => new Ftrl(), 1e-3, ("LearningRatePower", -0.5), ("InitialAccumulatorValue", 0.1), ("L1RegularizationStrength", 0.0), ("L2RegularizationStrength", 0.0),
            ("L2ShrinkageRegularizationStrength", 0.0), ("Beta", 0.0), ("WeightDecay", 0.0)),
        ["NAdamW"] = new(() => new NAdamW(), 1e-3, ("Beta1", 0.9), ("Beta2", 0.999), ("Eps", 1e-8), ("WeightDecay", 0.0), ("Caution", false), ("Maximize", false)),
        ["SgdW"] = new(() => new SgdW(), 1e-3, ("Momentum", 0.9), ("Dampening", 0.0), ("Nesterov", true), ("WeightDecay", 0.0), ("Caution", false), ("Maximize", false)),
        ["RMSpropTF"] = new(() => new RMSpropTF(), 1e-2, ("Alpha", 0.9), ("Eps", 1e-10), ("WeightDecay", 0.0), ("Momentum", 0.9), ("Centered", false), ("DecoupledDecay", false),
            ("LrInMomentum", true), ("Caution", false)),
        ["SgdP"] = new(() => new SgdP(), 1e-3, ("Momentum", 0.9), ("Dampening", 0.0), ("Nesterov", true), ("WeightDecay", 0.0), ("Eps", 1e-8), ("Delta", 0.1), ("WdRatio", 0.1),
            ("Caution", false)),
        ["Mars"] = new(() => new Mars(), 3e-3, ("Beta1", 0.9), ("Beta2", 0.99), ("Eps", 1e-8), ("WeightDecay", 0.0), ("Gamma", 0.025), ("MarsType", Mars.TypeAdamW),
            ("Optimize1d", false), ("Lr1dFactor", 1.0), ("Beta1For1d", -1.0), ("Beta2For1d", -1.0), ("Caution", false)),
        ["LaProp"] = new(() => new LaProp(), 4e-4, ("Beta1", 0.9), ("Beta2", 0.999), ("Eps", 1e-15), ("WeightDecay", 0.0), ("Caution", false)),
        ["Madgrad"] = new(() => new Madgrad(), 1e-2, ("Momentum", 0.9), ("WeightDecay", 0.0), ("Eps", 1e-6), ("DecoupledDecay", false)),
        ["CautiousAdamW"] = new(() => new CautiousAdamW(), 1e-3, ("Beta1", 0.9), ("Beta2", 0.999), ("Eps", 1e-8), ("WeightDecay", 0.0), ("Amsgrad", false), ("Maximize", false)),
        ["NovoGrad"] = new(() => new NovoGrad(), 1e-3, ("Beta1", 0.9), ("Beta2", 0.25), ("Eps", 1e-6), ("EpsRoot", 0.0), ("WeightDecay", 0.0)),
        ["Fromage"] = new(() => new Fromage(), 1e-2, ("MinNorm", 1e-6)),
        ["Asgd"] = new(() => new Asgd(), 1e-2, ("Lambd", 1e-4), ("Alpha", 0.75), ("T0", 1e6), ("WeightDecay", 0.0), ("Maximize", false)),
        ["DAdaptAdamW"] = new(() => new DAdaptAdamW(), 1.0, ("Beta1", 0.9), ("Beta2", 0.999), ("Eps", 1e-8), ("EstimLr0", 1e-6), ("WeightDecay", 0.0)),
        ["AcProp"] = new(() => new AcProp(), 1e-3, ("Beta1", 0.9), ("Beta2", 0.999), ("Eps", 1e-16), ("EpsRoot", 1e-16), ("WeightDecay", 0.0)),
        ["Momo"] = new(() => new Momo(), 1.0, ("Beta", 0.9), ("LowerBound", 0.0), ("WeightDecay", 0.0), ("AdaptLowerBound", false)),
        ["MomoAdam"] = new(() => new MomoAdam(), 1e-2, ("Beta1", 0.9), ("Beta2", 0.999), ("Eps", 1e-8), ("LowerBound", 0.0), ("WeightDecay", 0.0), ("AdaptLowerBound", false)),
        ["NvNovoGrad"] = new(() => new NvNovoGrad(), 1e-3, ("Beta1", 0.95), ("Beta2", 0.98), ("Eps", 1e-8), ("WeightDecay", 0.0), ("GradAveraging", false), ("Amsgrad", false)),
        ["OptimisticAdam"] = new(() => new OptimisticAdam(), 1e-3, ("Beta1", 0.9), ("Beta2", 0.999), ("Eps", 1e-8), ("Alpha", 1.0), ("Beta", 1.0), ("EpsRoot", 0.0), ("Nesterov", true)),
        ["PolyakSgd"] = new(() => new PolyakSgd(), 1.0, ("MaxLearningRate", 1.0), ("FMin", 0.0), ("Eps", 0.0), ("SpsPlus", false)),
        ["ScheduleFreeSgd"] = new(() => new ScheduleFreeSgd(), 1.0, ("Beta1", 0.9), ("WeightDecay", 0.0), ("WeightLrPower", 2.0), ("WarmupSteps", 0)),
        ["KerasAdafactor"] = new(() => new KerasAdafactor(), 1e-3, ("WeightDecay", 0.0), ("Beta2Decay", -0.8), ("Eps1", 1e-30), ("Eps2", 1e-3), ("ClipThreshold", 1.0)),
        ["NoisySgd"] = new(() => new NoisySgd(), 1e-2, ("Eta", 0.01), ("Gamma", 0.55)),
        ["Prodigy"] = new(() => new Prodigy(), 1.0, ("Beta1", 0.9), ("Beta2", 0.999), ("Beta3", -1.0), ("Eps", 1e-8), ("EstimLr0", 1e-6), ("EstimLrCoef", 1.0), ("WeightDecay", 0.0), ("SafeguardWarmup", false)),
        ["Dog"] = new(() => new Dog(), 1.0, ("InitStepType", Dog.Heuristic), ("InitStep", 1e-6), ("Eps", 1e-8), ("WeightDecay", 0.0)),
        ["Dowg"] = new(() => new Dowg(), 1.0, ("InitEstimSqDist", -1.0), ("Eps", 1e-4), ("WeightDecay", 0.0)),
        ["Cocob"] = new(() => new Cocob(), 1.0, ("Alpha", 100.0), ("Eps", 1e-8), ("WeightDecay", 0.0)),
        ["ScheduleFreeAdamW"] = new(() => new ScheduleFreeAdamW(), 0.0025, ("Beta1", 0.9), ("Beta2", 0.999), ("Eps", 1e-8), ("WeightDecay", 0.0), ("WeightLrPower", 2.0), ("WarmupSteps", 0)),
    };

    public static TheoryData<string> Optimizers => new(s_expected.Keys);

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void DefaultsMatchTheDocumentedOnes(string name)
    {
        Expected expected = s_expected[name];
        IOptimizer optimizer = expected.Create();
        Assert.Equal(name, optimizer.GetType().Name);
        Assert.Equal((float)expected.LearningRate, optimizer.LearningRate);

        PropertyInfo[] hyperparameters = HyperparametersOf(optimizer.GetType());
        Assert.Equal(expected.Hyperparameters.Select(h => h.Name).Order(), hyperparameters.Select(p => p.Name).Order());
        foreach ((string property, object value) in expected.Hyperparameters)
        {
            object? actual = optimizer.GetType().GetProperty(property)!.GetValue(optimizer);
            if (value is bool flag)
                Assert.Equal(flag, Assert.IsType<bool>(actual));
            else if (value is int whole)
                Assert.Equal(whole, Assert.IsType<int>(actual));
            else
                Assert.True(actual is double d ? d == (double)value : (float)(double)value == Assert.IsType<float>(actual),
                    $"{name}.{property} is {actual}, expected {value}.");
        }
    }

    [Fact]
    public void EveryLibraryOptimizerHasDefaultsAndReferenceCasesForEveryVariant()
    {
        Type[] library = typeof(Sgd).Assembly.GetTypes()
            .Where(t => t.Namespace == "OptGen.Optimizers" && typeof(IOptimizer).IsAssignableFrom(t))
            .ToArray();
        Assert.Equal(s_expected.Keys.Order(), library.Select(t => t.Name).Order());

        IOptimizer[] cases = Harness.LibraryCases.All.Select(c => c.Create()).Concat(Shaped.ShapedCases.All.Select(c => c.Create())).ToArray();
        var gaps = new List<string>();
        foreach (Type type in library)
        {
            IOptimizer[] ofType = cases.Where(o => o.GetType() == type).ToArray();
            if (ofType.Length == 0)
                gaps.Add($"{type.Name} has no reference case.");
            IOptimizer defaults = s_expected[type.Name].Create();
            foreach (PropertyInfo p in HyperparametersOf(type))
            {
                object? defaultValue = p.GetValue(defaults);
                if (!ofType.Any(o => !Equals(p.GetValue(o), defaultValue)))
                    gaps.Add($"No reference case changes {type.Name}.{p.Name} from its default {defaultValue}.");
            }
        }
        Assert.True(gaps.Count == 0, string.Join(Environment.NewLine, gaps));
    }

    private static PropertyInfo[] HyperparametersOf(Type type)
        => type.GetProperties().Where(p => p.GetCustomAttribute<HyperparameterAttribute>() is not null).ToArray();
}

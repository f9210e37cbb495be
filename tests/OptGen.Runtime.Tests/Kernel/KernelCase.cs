using OptGen.Runtime.Tests.References;

namespace OptGen.Runtime.Tests.Kernel;

/// <summary>
/// One configuration to compare: how to make the generated optimizer, its reference, and (when a schedule is
/// set) the learning rate the reference should use for the step after <c>t</c> completed steps.
/// </summary>
public sealed class KernelCase
{
    private readonly Func<IOptimizer> _create;
    private readonly Func<IOptimizer, ReferenceOptimizer> _reference;

    private KernelCase(string name, Func<IOptimizer> create, Func<IOptimizer, ReferenceOptimizer> reference, Func<long, double, double>? learningRate)
    {
        Name = name;
        _create = create;
        _reference = reference;
        LearningRate = learningRate ?? ((_, lr0) => lr0);
    }

    public string Name { get; }

    /// <summary>(completed steps, base rate) to the rate of the next step.</summary>
    public Func<long, double, double> LearningRate { get; }

    public static KernelCase Of<T>(string name, Func<T> create, Func<T, ReferenceOptimizer> reference, Func<long, double, double>? learningRate = null)
        where T : IOptimizer =>
        new(name, () => create(), o => reference((T)o), learningRate);

    public IOptimizer CreateOptimizer() => _create();

    public ReferenceOptimizer CreateReference(IOptimizer optimizer) => _reference(optimizer);

    public override string ToString() => Name;
}

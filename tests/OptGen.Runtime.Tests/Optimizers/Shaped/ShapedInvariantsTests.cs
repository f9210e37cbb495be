namespace OptGen.Runtime.Tests.Optimizers.Shaped;

/// <summary>
/// <see cref="LibraryInvariantsTests"/> for the optimizers that see shapes, on their own shapes: the same bits at every
/// vector width and when tensors are split over threads (row, column and matrix reductions and Newton–Schulz
/// included), and no allocation after the first step.
/// </summary>
[Collection(SimdPolicyCollection.Name)]
public class ShapedInvariantsTests
{
    private const int Steps = 8;
    private static readonly int[] Widths = [512, 256, 128, 0];

    public static TheoryData<string> Cases => new(ShapedCases.Names);

    private static (IOptimizer Optimizer, Parameter[] Parameters, ShapedProblem Problem) Start(ShapedCase c, int seed)
    {
        var problem = new ShapedProblem(seed, c.Shapes);
        Parameter[] parameters = problem.TensorShapes
            .Select((shape, k) => new Parameter((float[])problem.InitialWeights[k].Clone(), shape, "p" + k))
            .ToArray();
        return (c.Create(), parameters, problem);
    }

    private static void Gradients(ShapedProblem problem, Parameter[] parameters)
    {
        for (int k = 0; k < parameters.Length; k++)
            problem.Gradient(k, parameters[k].Value, parameters[k].Grad);
    }

    private static List<float[]> Run(ShapedCase c)
    {
        (IOptimizer optimizer, Parameter[] parameters, ShapedProblem problem) = Start(c, 99);
        for (int t = 0; t < Steps; t++)
        {
            Gradients(problem, parameters);
            optimizer.Step(parameters);
        }
        return LibraryInvariantsTests.Snapshot(optimizer, parameters);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryVectorWidthAndThreadCountGivesTheSameBits(string name)
    {
        ShapedCase c = ShapedCases.Get(name);
        List<float[]> scalar = LibraryInvariantsTests.With(0, int.MaxValue, 1, () => Run(c));
        foreach (int bits in Widths)
        {
            string? difference = LibraryInvariantsTests.FirstDifference(scalar, LibraryInvariantsTests.With(bits, int.MaxValue, 1, () => Run(c)));
            Assert.True(difference is null, $"{name} at MaxVectorBits = {bits} differs from scalar code: {difference}");
            difference = LibraryInvariantsTests.FirstDifference(scalar, LibraryInvariantsTests.With(bits, 64, int.MaxValue, () => Run(c)));
            Assert.True(difference is null, $"{name} at MaxVectorBits = {bits}, split over threads, differs from scalar code: {difference}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void StepsAfterTheFirstAllocateNothing(string name)
    {
        ShapedCase c = ShapedCases.Get(name);
        long allocated = LibraryInvariantsTests.With(256, int.MaxValue, 1, () =>
        {
            (IOptimizer optimizer, Parameter[] parameters, ShapedProblem problem) = Start(c, 5);
            Gradients(problem, parameters);
            optimizer.Step(parameters);
            return Allocations.OfSteps(optimizer, parameters, 10);
        });
        Assert.True(allocated == 0, $"{name} allocated {allocated} bytes in 10 steps.");
    }
}

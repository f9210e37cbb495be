namespace OptGen.Runtime.Tests.Routing;

/// <summary>Members whose tensors split across cores: a routed step allocates nothing on any thread, and its result does not depend on width or cores.</summary>
[Collection(SimdPolicyCollection.Name)]
public class RoutedParallelTests
{
    private static Parameter[] LargeTensors() =>
    [
        new Parameter(Enumerable.Range(0, 600 * 500).Select(i => MathF.Sin(i * 0.01f)).ToArray(), [600, 500], "dense0.weight"),
        new Parameter(Enumerable.Range(0, 600).Select(i => MathF.Cos(i * 0.1f)).ToArray(), [600], "dense0.bias"),
        new Parameter(Enumerable.Range(0, 40_000).Select(i => MathF.Sin(i * 0.03f)).ToArray(), [200, 200], "dense1.weight"),
    ];

    private static RoutedOptimizer Router() => Routes.MatricesAndRest(new TestMatrixMomentum { LearningRate = 1e-3f }, new AdamW());

    [Fact]
    public void SplitRoutedStepsAllocateNothingOnAnyThread()
    {
        Parameter[] tensors = LargeTensors();
        RoutedOptimizer router = Router();
        SplitStepAllocations.AssertNone(
            warmUp: () => RoutingFixture.Run(router, tensors, 2),
            steps: () =>
            {
                for (int i = 0; i < 20; i++)
                {
                    if (i % 5 == 0)
                        SplitStepAllocations.Pause();
                    router.Step(tensors);
                }
            });
    }

    [Fact]
    public void RoutedResultsAreTheSameAtEveryWidthAndCoreCount()
    {
        float[][] Run(int bits, int threads) => Policy.With(() =>
        {
            Parameter[] tensors = LargeTensors();
            RoutingFixture.Run(Router(), tensors, 4);
            return RoutingFixture.Snapshot(tensors);
        }, bits: bits, threads: threads, threshold: 1 << 10, chunk: 1 << 12);

        float[][] narrowOneCore = Run(128, 1), wideAllCores = Run(512, int.MaxValue);
        for (int t = 0; t < narrowOneCore.Length; t++)
            Assert.True(narrowOneCore[t].AsSpan().SequenceEqual(wideAllCores[t]), $"tensor {t} differs");
    }
}

namespace OptGen.Runtime.Tests.Routing;

/// <summary>A routed optimizer's checkpoint holds every member's state, round-trips bit for bit, and refuses other routes or members.</summary>
public class RoutedCheckpointTests
{
    private static RoutedOptimizer MatricesAndDog() => Routes.MatricesAndRest(new TestMatrixMomentum(), new Dog());

    [Fact]
    public void ACheckpointRoundTripsBitIdentically()
    {
        Parameter[] straight = RoutingFixture.Tensors(), saved = RoutingFixture.Tensors(), loaded = RoutingFixture.Tensors();
        RoutedOptimizer straightRouter = MatricesAndDog();
        RoutingFixture.Run(straightRouter, straight, 9);

        RoutedOptimizer first = MatricesAndDog();
        RoutingFixture.Run(first, saved, 4);
        byte[] bytes = Save(saved, first);

        RoutedOptimizer resumed = MatricesAndDog();
        Checkpoint.Load(new MemoryStream(bytes), loaded, resumed);
        Assert.Equal(4, resumed.StepCount);
        Assert.All(resumed.Routes, r => Assert.Equal(4, r.Optimizer.StepCount));
        Assert.Equal(bytes, Save(loaded, resumed)); // every buffer and scalar, bit for bit

        RoutingFixture.Run(resumed, loaded, 5, from: 4);
        RoutingFixture.AssertSameBits(straight, loaded);
        Assert.Equal(Save(straight, straightRouter), Save(loaded, resumed));
    }

    [Fact]
    public void ACheckpointLoadsIntoARouterThatHasNotStepped()
    {
        Parameter[] saved = RoutingFixture.Tensors(), loaded = RoutingFixture.Tensors();
        RoutedOptimizer first = MatricesAndDog();
        RoutingFixture.Run(first, saved, 3);
        RoutedOptimizer resumed = MatricesAndDog();
        Checkpoint.Load(new MemoryStream(Save(saved, first)), loaded, resumed);

        RoutingFixture.Run(first, saved, 2, from: 3);
        RoutingFixture.Run(resumed, loaded, 2, from: 3);
        RoutingFixture.AssertSameBits(saved, loaded);
        Assert.Equal(["dense0.weight", "dense1.weight"], resumed.ParametersOf(0).ToArray().Select(p => p.Name));
    }

    [Fact]
    public void OtherMembersAreRefusedWithNothingChanged()
    {
        Parameter[] saved = RoutingFixture.Tensors();
        RoutedOptimizer first = Routes.WeightDecayExclusion(() => new AdamW());
        RoutingFixture.Run(first, saved, 2);
        byte[] bytes = Save(saved, first);

        Parameter[] target = RoutingFixture.Tensors();
        RoutedOptimizer other = Routes.WeightDecayExclusion(new Adam(), new AdamW { WeightDecay = 0 });
        RoutingFixture.Run(other, target, 1);
        byte[] before = Save(target, other);

        var e = Assert.Throws<ArgumentException>(() => Checkpoint.Load(new MemoryStream(bytes), target, other));
        Assert.Contains("decay.AdamW.m", e.Message);
        Assert.Contains("decay.Adam.m", e.Message);
        Assert.Equal(before, Save(target, other));
    }

    [Fact]
    public void OtherRoutesAreRefusedWithNothingChanged()
    {
        Parameter[] saved = RoutingFixture.Tensors();
        RoutedOptimizer first = Routes.WeightDecayExclusion(() => new AdamW());
        RoutingFixture.Run(first, saved, 2);
        byte[] bytes = Save(saved, first);

        // Same names and members, but the rank-3 kernel now goes to no_decay.
        Parameter[] target = RoutingFixture.Tensors();
        var other = new RoutedOptimizer(new Route("decay", Routes.IsMatrix, new AdamW()), new Route("no_decay", Routes.Any, new AdamW()));
        RoutingFixture.Run(other, target, 1);
        byte[] before = Save(target, other);

        var e = Assert.Throws<ArgumentException>(() => Checkpoint.Load(new MemoryStream(bytes), target, other));
        Assert.Contains("conv2.kernel", e.Message);
        Assert.Contains("now takes route 'no_decay', not 'decay'", e.Message);
        Assert.Equal(before, Save(target, other));
        Assert.Equal(1, other.StepCount);
    }

    [Fact]
    public void AMemberThatRefusesRestoredTensorsLeavesEveryMemberAsItWas()
    {
        // 'rest' (first) takes the vectors and restores; 'matrices' (second) then refuses the rank-3 kernel.
        var router = new RoutedOptimizer(new Route("rest", p => p.Rank < 2, new AdamW()), new Route("matrices", Routes.Any, new TestMatrixMomentum()));
        Parameter[] all = RoutingFixture.Tensors();
        Parameter[] some = RoutingFixture.Pick(all, "dense0.weight", "dense0.bias");
        RoutingFixture.Run(router, some, 1);
        OptimizerState rest = router.Routes[0].Optimizer.State;
        TensorState restTensor = rest.Tensors[0];
        float[] restBuffer = restTensor.Buffer(0).ToArray();

        OptimizerState state = router.State;
        float[][][] buffers = all.Select(p => Enumerable.Range(0, state.BufferNames.Length)
            .Select(b => new float[(p.Rank < 2) == (b < 3) ? p.Length : 0]).ToArray()).ToArray();
        double[][] scalars = all.Select(_ => Array.Empty<double>()).ToArray();

        var e = Assert.Throws<ArgumentException>(() => state.Restore(all, 7, buffers, scalars));
        Assert.Contains("conv2.kernel", e.Message);
        Assert.Same(restTensor, rest.Tensors[0]);
        Assert.Equal(restBuffer, rest.Tensors[0].Buffer(0).ToArray());
        Assert.Equal(1, rest.StepCount);
        Assert.Equal(1, router.StepCount);
        Assert.Equal(2, router.State.Tensors.Length);
    }

    [Fact]
    public void ACheckpointWithoutStateRestoresTheStepCountOfEveryMember()
    {
        Parameter[] tensors = RoutingFixture.Tensors();
        RoutedOptimizer unstepped = MatricesAndDog();
        var bytes = new MemoryStream();
        Checkpoint.Save(bytes, tensors, unstepped);

        RoutedOptimizer target = MatricesAndDog();
        RoutingFixture.Run(target, RoutingFixture.Tensors(), 2);
        Checkpoint.Load(new MemoryStream(bytes.ToArray()), tensors, target);
        Assert.Equal(0, target.StepCount);
        Assert.False(target.State.IsInitialized);
        Assert.All(target.Routes, r => Assert.False(r.Optimizer.State.IsInitialized));
        RoutingFixture.Run(target, tensors, 1);
        Assert.Equal(1, target.StepCount);
    }

    private static byte[] Save(Parameter[] tensors, IOptimizer optimizer)
    {
        var stream = new MemoryStream();
        Checkpoint.Save(stream, tensors, optimizer);
        return stream.ToArray();
    }
}

/// <summary>Safetensors holds one torch.optim state_dict: a router is refused, each member exports on its own.</summary>
public class RoutedSafeTensorsTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"optgen-routed-{Guid.NewGuid():N}.safetensors");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void ARouterIsRefusedWithAClearMessageAndEachMemberExports()
    {
        RoutedOptimizer router = Routes.WeightDecayExclusion(() => new AdamW());
        Parameter[] tensors = RoutingFixture.Tensors();
        RoutingFixture.Run(router, tensors, 2);

        var save = Assert.Throws<ArgumentException>(() => OptGen.Interop.SafeTensors.SaveOptimizerState(_path, router, tensors));
        Assert.Contains("RoutedOptimizer", save.Message);
        Assert.Contains("each member", save.Message);
        Assert.False(File.Exists(_path));

        Parameter[] decayed = router.ParametersOf(0).ToArray();
        OptGen.Interop.SafeTensors.SaveOptimizerState(_path, router.Routes[0].Optimizer, decayed);
        var copy = new AdamW();
        OptGen.Interop.SafeTensors.LoadOptimizerState(_path, copy, decayed);
        Assert.Equal(2, copy.StepCount);
        Assert.Equal(router.Routes[0].Optimizer.State.Tensors[0].Buffer(1).ToArray(), copy.State.Tensors[0].Buffer(1).ToArray());
        Assert.Throws<ArgumentException>(() => OptGen.Interop.SafeTensors.LoadOptimizerState(_path, router, tensors));
    }
}

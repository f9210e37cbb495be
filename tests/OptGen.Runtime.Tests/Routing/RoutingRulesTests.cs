namespace OptGen.Runtime.Tests.Routing;

/// <summary>Which tensor each shipped rule sends where, by name, rank and shape; and what happens to a tensor no rule takes.</summary>
public class RoutingRulesTests
{
    [Theory]
    [InlineData("dense0.weight", new[] { 6, 5 }, false)]
    [InlineData("dense0.bias", new[] { 6 }, true)]
    [InlineData("norm1.weight", new[] { 6 }, true)]
    [InlineData("blocks.0.LayerNorm.weight", new[] { 4, 4 }, true)] // by name, whatever the rank
    [InlineData("head_bias", new[] { 2, 2 }, true)]
    [InlineData("conv.kernel", new[] { 2, 3, 4 }, false)]
    [InlineData("flat", new[] { 12 }, true)] // rank 1, whatever the name
    [InlineData(null, new[] { 3, 4 }, false)]
    public void NoDecayTakesRankOneBiasesAndNorms(string? name, int[] shape, bool noDecay) =>
        Assert.Equal(noDecay, Routes.IsNoDecay(new Parameter(shape, name)));

    [Theory]
    [InlineData("dense0.weight", 0)]
    [InlineData("dense12.bias", 12)]
    [InlineData("blocks.11.attn.qkv.weight", 11)]
    [InlineData("head.weight", -1)]
    [InlineData(null, -1)]
    public void LayerIndexIsTheFirstNumberInTheName(string? name, int layer) =>
        Assert.Equal(layer, Routes.LayerIndex(new Parameter([2], name)));

    [Fact]
    public void WeightDecayExclusionRoutesWeightsToDecayAndTheRestToNoDecay()
    {
        RoutedOptimizer router = Routes.WeightDecayExclusion(() => new AdamW { WeightDecay = 0.1f });
        Parameter[] tensors = RoutingFixture.Tensors();
        RoutingFixture.Run(router, tensors, 1);

        Assert.Equal(["decay", "no_decay"], router.Routes.Select(r => r.Name));
        Assert.Equal(["dense0.weight", "dense1.weight", "conv2.kernel"], router.ParametersOf(0).ToArray().Select(p => p.Name));
        Assert.Equal(["dense0.bias", "norm1.weight", "dense1.bias"], router.ParametersOf(1).ToArray().Select(p => p.Name));
        Assert.Equal(0.1f, ((AdamW)router.Routes[0].Optimizer).WeightDecay);
        Assert.Equal(0f, ((AdamW)router.Routes[1].Optimizer).WeightDecay);
    }

    [Fact]
    public void WeightDecayExclusionNeedsAnOptimizerWithWeightDecay()
    {
        var e = Assert.Throws<ArgumentException>(() => Routes.WeightDecayExclusion(() => new Rprop()));
        Assert.Contains("Rprop has no WeightDecay", e.Message);
    }

    [Fact]
    public void MatricesAndRestSendsRankTwoToTheMatrixOptimizer()
    {
        RoutedOptimizer router = Routes.MatricesAndRest(new TestMatrixMomentum(), new AdamW());
        Parameter[] tensors = RoutingFixture.Tensors();
        RoutingFixture.Run(router, tensors, 2);

        Assert.Equal(["dense0.weight", "dense1.weight"], router.ParametersOf(0).ToArray().Select(p => p.Name));
        Assert.Equal(["dense0.bias", "norm1.weight", "dense1.bias", "conv2.kernel"], router.ParametersOf(1).ToArray().Select(p => p.Name));
        Assert.Equal(2, router.Routes[0].Optimizer.StepCount);
        Assert.Equal(2, router.Routes[1].Optimizer.StepCount);
    }

    [Fact]
    public void LayerwiseDecayScalesEachLayersRateByDecayToItsDepthFromTheTop()
    {
        RoutedOptimizer router = Routes.LayerwiseDecay(() => new AdamW { LearningRate = 1e-3f }, layers: 3, decay: 0.5);
        Assert.Equal(["layer0", "layer1", "layer2"], router.Routes.Select(r => r.Name));
        Assert.Equal([0.25e-3f, 0.5e-3f, 1e-3f], router.Routes.Select(r => r.Optimizer.LearningRate));

        Parameter[] tensors = RoutingFixture.Tensors(); // dense0.*, norm1, dense1.*, conv2
        RoutingFixture.Run(router, tensors, 1);
        Assert.Equal(["dense0.weight", "dense0.bias"], router.ParametersOf(0).ToArray().Select(p => p.Name));
        Assert.Equal(["norm1.weight", "dense1.weight", "dense1.bias"], router.ParametersOf(1).ToArray().Select(p => p.Name));
        Assert.Equal(["conv2.kernel"], router.ParametersOf(2).ToArray().Select(p => p.Name));
    }

    [Fact]
    public void LayerwiseDecayCanAlsoExcludeBiasesAndNormsFromWeightDecay()
    {
        RoutedOptimizer router = Routes.LayerwiseDecay(() => new AdamW { WeightDecay = 0.05f }, layers: 3, decay: 0.8, excludeFromWeightDecay: true);
        Parameter[] tensors = RoutingFixture.Tensors();
        RoutingFixture.Run(router, tensors, 1);

        Assert.Equal(["layer0", "layer0.no_decay", "layer1", "layer1.no_decay", "layer2", "layer2.no_decay"], router.Routes.Select(r => r.Name));
        Assert.Equal(["dense1.weight"], router.ParametersOf(2).ToArray().Select(p => p.Name));
        Assert.Equal(["norm1.weight", "dense1.bias"], router.ParametersOf(3).ToArray().Select(p => p.Name));
        Assert.Equal(0f, ((AdamW)router.Routes[3].Optimizer).WeightDecay);
        Assert.Equal(0.05f, ((AdamW)router.Routes[2].Optimizer).WeightDecay);
        Assert.Equal(router.Routes[2].Optimizer.LearningRate, router.Routes[3].Optimizer.LearningRate);
    }

    [Fact]
    public void ATensorNoRouteTakesIsAnErrorNamingItAndItsShapeWithNothingChanged()
    {
        RoutedOptimizer router = Routes.LayerwiseDecay(() => new AdamW(), layers: 2, decay: 0.9); // conv2 is layer 2: no route
        ArgumentException e = RoutingFixture.RefusedWithNothingChanged(router);
        Assert.Contains("Parameter 5 (conv2.kernel, shape [2, 3, 4]) matches no route", e.Message);
        Assert.Contains("layer0, layer1", e.Message);
    }

    [Fact]
    public void AMemberThatRefusesItsTensorsChangesNothingEvenWhenAnEarlierMemberTookItsOwn()
    {
        // The vector route comes second: its rank-2-only optimizer refuses the biases after the first route has its tensors.
        var router = new RoutedOptimizer(
            new Route("matrices", Routes.IsMatrix, new AdamW()),
            new Route("vectors", Routes.Any, new TestMatrixMomentum()));
        ArgumentException e = RoutingFixture.RefusedWithNothingChanged(router);
        Assert.Contains("TestMatrixMomentum takes tensors of rank 2", e.Message);
        Assert.Contains("dense0.bias", e.Message);
    }

    [Fact]
    public void RoutesMustHaveOwnNamesOwnFreshOptimizers()
    {
        var shared = new AdamW();
        Assert.Contains("share one optimizer", Assert.Throws<ArgumentException>(() => new RoutedOptimizer(new Route("a", Routes.Any, shared), new Route("b", Routes.Any, shared))).Message);
        Assert.Contains("both named 'a'", Assert.Throws<ArgumentException>(() => new RoutedOptimizer(new Route("a", Routes.Any, new AdamW()), new Route("a", Routes.Any, new AdamW()))).Message);
        var used = new AdamW();
        used.Step(new Parameter([2]));
        Assert.Contains("already taken steps", Assert.Throws<ArgumentException>(() => new RoutedOptimizer(new Route("a", Routes.Any, used))).Message);
        Assert.Throws<ArgumentException>(() => new RoutedOptimizer());
    }
}

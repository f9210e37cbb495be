namespace OptGen.Runtime.Tests.Routing;

/// <summary>A routed step is its members' steps: bit-identical to the members stepped alone, with the documented rates.</summary>
public class RoutedStepTests
{
    [Fact]
    public void AllTensorsToOneOptimizerIsBitIdenticalToThatOptimizerAlone()
    {
        Parameter[] alone = RoutingFixture.Tensors(), routed = RoutingFixture.Tensors();
        var router = new RoutedOptimizer(new Route("all", Routes.Any, new AdamW { WeightDecay = 0.1f }));
        RoutingFixture.Run(new AdamW { WeightDecay = 0.1f }, alone, 7);
        RoutingFixture.Run(router, routed, 7);

        RoutingFixture.AssertSameBits(alone, routed);
        Assert.Equal(7, router.StepCount);
        Assert.Equal(7, router.Routes[0].Optimizer.StepCount);
    }

    [Fact]
    public void TwoGroupsEqualTwoOptimizersSteppedOnTheirSubsets()
    {
        Parameter[] separate = RoutingFixture.Tensors(), routed = RoutingFixture.Tensors();
        Parameter[] matrices = RoutingFixture.Pick(separate, "dense0.weight", "dense1.weight");
        Parameter[] rest = RoutingFixture.Pick(separate, "dense0.bias", "norm1.weight", "dense1.bias", "conv2.kernel");
        var matrixOptimizer = new TestMatrixMomentum();
        var restOptimizer = new Dog();
        for (int s = 0; s < 6; s++)
        {
            RoutingFixture.SetGradients(separate, s);
            matrixOptimizer.Step(matrices);
            restOptimizer.Step(rest);
        }
        RoutedOptimizer router = Routes.MatricesAndRest(new TestMatrixMomentum(), new Dog());
        RoutingFixture.Run(router, routed, 6);

        RoutingFixture.AssertSameBits(separate, routed);
    }

    [Fact]
    public void TheRoutersLearningRateMultipliesEveryMembersBaseRate()
    {
        Parameter[] plain = RoutingFixture.Tensors(), routed = RoutingFixture.Tensors();
        RoutingFixture.Run(new AdamW { LearningRate = 0.25f * 2e-3f }, plain, 4);
        var router = new RoutedOptimizer(new Route("all", Routes.Any, new AdamW { LearningRate = 2e-3f })) { LearningRate = 0.25f };
        RoutingFixture.Run(router, routed, 4);

        RoutingFixture.AssertSameBits(plain, routed);
        Assert.Equal(2e-3f, router.Routes[0].Optimizer.LearningRate); // the member's base rate is put back
    }

    [Fact]
    public void TheRoutersScheduleSchedulesEachGroupFromItsOwnBaseRate()
    {
        Parameter[] separate = RoutingFixture.Tensors(), routed = RoutingFixture.Tensors();
        Parameter[] decay = RoutingFixture.Pick(separate, "dense0.weight", "dense1.weight", "conv2.kernel");
        Parameter[] noDecay = RoutingFixture.Pick(separate, "dense0.bias", "norm1.weight", "dense1.bias");
        var a = new AdamW { LearningRate = 1e-2f, Schedule = new TestStepDecay { Gamma = 0.5f, StepSize = 2 } };
        var b = new AdamW { LearningRate = 3e-3f, WeightDecay = 0, Schedule = new TestStepDecay { Gamma = 0.5f, StepSize = 2 } };
        for (int s = 0; s < 7; s++)
        {
            RoutingFixture.SetGradients(separate, s);
            a.Step(decay);
            b.Step(noDecay);
        }
        RoutedOptimizer router = Routes.WeightDecayExclusion(new AdamW { LearningRate = 1e-2f }, new AdamW { LearningRate = 3e-3f, WeightDecay = 0 });
        router.Schedule = new TestStepDecay { Gamma = 0.5f, StepSize = 2 };
        RoutingFixture.Run(router, routed, 7);

        RoutingFixture.AssertSameBits(separate, routed);
        Assert.Null(router.Routes[0].Optimizer.Schedule);
    }

    [Fact]
    public void AScheduleThatFailsChangesNothing()
    {
        var router = new RoutedOptimizer(new Route("all", Routes.Any, new AdamW())) { Schedule = new TestStepDecay { Gamma = float.PositiveInfinity, StepSize = 1 } };
        Parameter[] tensors = RoutingFixture.Tensors();
        RoutingFixture.Run(router, tensors, 1); // step 1 is lr0 · Gamma^0
        RoutingFixture.SetGradients(tensors, 1);
        float[][] before = RoutingFixture.Snapshot(tensors);

        var e = Assert.Throws<InvalidOperationException>(() => router.Step(tensors));
        Assert.Contains("route 'all' for step 2", e.Message);
        Assert.Equal(before, RoutingFixture.Snapshot(tensors));
        Assert.Equal(1, router.StepCount);
    }

    [Fact]
    public void StepsAfterTheFirstAllocateNothing()
    {
        RoutedOptimizer router = Routes.MatricesAndRest(new TestMatrixMomentum(), new Dog());
        router.LearningRate = 0.5f;
        router.Schedule = new TestStepDecay { Gamma = 0.9f, StepSize = 3 };
        Parameter[] tensors = RoutingFixture.Tensors();
        RoutingFixture.SetGradients(tensors, 0);
        router.Step(tensors);

        long allocated = Allocations.OfSteps(router, tensors, 100);

        Assert.True(allocated == 0, $"100 routed steps allocated {allocated} bytes");
        Assert.Equal(0, (router.StepCount - 1) % 100); // every step of an attempt was taken
    }

    [Fact]
    public void OtherTensorsAfterTheFirstStepAreRefusedWithNothingChanged()
    {
        RoutedOptimizer router = Routes.WeightDecayExclusion(() => new AdamW());
        Parameter[] tensors = RoutingFixture.Tensors();
        RoutingFixture.Run(router, tensors, 1);
        float[][] before = RoutingFixture.Snapshot(tensors);

        Assert.Contains("5 parameters", Assert.Throws<ArgumentException>(() => router.Step(tensors.AsSpan(0, 5))).Message);
        Parameter[] swapped = [tensors[1], tensors[0], .. tensors[2..]];
        Assert.Contains("Parameter 0 (dense0.bias)", Assert.Throws<ArgumentException>(() => router.Step(swapped)).Message);
        Assert.Equal(before, RoutingFixture.Snapshot(tensors));
        Assert.Equal(1, router.StepCount);
    }

    [Fact]
    public void ResetForgetsStateAndRoutingSoTheNextStepStartsAfresh()
    {
        Parameter[] fresh = RoutingFixture.Tensors(), reset = RoutingFixture.Tensors();
        RoutedOptimizer router = Routes.MatricesAndRest(new TestMatrixMomentum(), new AdamW());
        RoutingFixture.Run(router, RoutingFixture.Tensors(), 3);
        router.Reset();
        Assert.Equal(0, router.StepCount);
        Assert.False(router.State.IsInitialized);
        Assert.True(router.ParametersOf(0).IsEmpty);
        Assert.All(router.Routes, r => Assert.Equal(0, r.Optimizer.StepCount));

        RoutingFixture.Run(router, reset, 4); // other tensors than before the reset: routed anew
        RoutingFixture.Run(Routes.MatricesAndRest(new TestMatrixMomentum(), new AdamW()), fresh, 4);
        RoutingFixture.AssertSameBits(fresh, reset);
    }

    [Fact]
    public void ARouteNoTensorTakesIsNotStepped()
    {
        var router = Routes.MatricesAndRest(new TestMatrixMomentum(), new AdamW());
        Parameter[] vectors = [new Parameter([4], "a.bias"), new Parameter([3], "b.bias")];
        RoutingFixture.Run(router, vectors, 2);
        Assert.Equal(0, router.Routes[0].Optimizer.StepCount);
        Assert.Equal(2, router.Routes[1].Optimizer.StepCount);
        Assert.Equal(2, router.StepCount);
    }

    [Fact]
    public void TheStateViewsEveryMembersBuffersUnderRouteNames()
    {
        RoutedOptimizer router = Routes.MatricesAndRest(new TestMatrixMomentum(), new Dog());
        Parameter[] tensors = RoutingFixture.Tensors();
        RoutingFixture.Run(router, tensors, 2);

        OptimizerState state = router.State;
        Assert.Equal(["matrices.TestMatrixMomentum.buf", "rest.Dog.x0"], state.BufferNames);
        Assert.Empty(state.ScalarNames);
        Assert.Equal(["rest.Dog.r", "rest.Dog.gSum"], state.SharedNames); // DoG's r and gSum are shared by all its tensors
        Assert.Equal(tensors.Length, state.Tensors.Length);
        TensorState weight = state.Tensors[0], bias = state.Tensors[1];
        Assert.Equal(30, weight.Buffer(0).Length);
        Assert.Equal(0, weight.Buffer(1).Length);
        Assert.Equal(0, bias.Buffer(0).Length);
        Assert.True(bias.Buffer(1).SequenceEqual(router.Routes[1].Optimizer.State.Tensors[0].Buffer(0)));
        Assert.Equal(router.Routes[1].Optimizer.State.SharedScalars, state.SharedScalars);
        Assert.NotEqual(0, state.SharedScalars[1]); // gSum has grown: the shared scalars are current after a step
    }

    [Fact]
    public void TheLossReachesEveryMemberThatReadsIt()
    {
        // All tensors to Polyak's step (it reads the loss) through a router: the same bits as Polyak alone.
        Parameter[] alone = RoutingFixture.Tensors(), routed = RoutingFixture.Tensors();
        var polyak = new TestPolyak { MinLoss = 0.5 };
        var router = new RoutedOptimizer(new Route("all", Routes.Any, new TestPolyak { MinLoss = 0.5 }));
        Assert.IsAssignableFrom<ILossAware>(router);
        LossAwareRuns.StepSideBySide(polyak, alone, router, routed, RoutingFixture.SetGradients);
        RoutingFixture.AssertSameBits(alone, routed);
        Assert.Throws<InvalidOperationException>(() => router.Step(routed)); // the member still wants a new loss
        Assert.Throws<ArgumentOutOfRangeException>(() => router.Loss = double.PositiveInfinity);
    }

    [Fact]
    public void EvaluationWeightsComeFromTheMemberThatHasThem()
    {
        // Matrices to schedule-free AdamW (it evaluates at its average x), the rest to plain AdamW (at its weights).
        Parameter[] alone = RoutingFixture.Pick(RoutingFixture.Tensors(), "dense0.weight"), tensors = RoutingFixture.Tensors();
        var scheduleFree = new ScheduleFreeAdamW();
        var router = Routes.MatricesAndRest(new ScheduleFreeAdamW(), new AdamW());
        Assert.False(router.HasEvaluationWeights);
        for (int step = 0; step < 3; step++)
        {
            RoutingFixture.SetGradients(alone, step);
            RoutingFixture.SetGradients(tensors, step);
            scheduleFree.Step(alone);
            router.Step(tensors);
        }
        Assert.True(router.HasEvaluationWeights);
        int matrix = Array.FindIndex(tensors, p => p.Name == "dense0.weight"), vector = Array.FindIndex(tensors, p => p.Shape.Length == 1);
        var expected = new float[alone[0].Length];
        var actual = new float[alone[0].Length];
        scheduleFree.WriteEvaluationWeights(0, expected);
        router.WriteEvaluationWeights(matrix, actual);
        Assert.Equal(expected, actual);
        Assert.NotEqual(tensors[matrix].Value.ToArray(), actual);
        var bias = new float[tensors[vector].Length];
        router.WriteEvaluationWeights(vector, bias);
        Assert.Equal(tensors[vector].Value.ToArray(), bias);
        Assert.Throws<ArgumentOutOfRangeException>(() => router.WriteEvaluationWeights(tensors.Length, bias));
    }
}

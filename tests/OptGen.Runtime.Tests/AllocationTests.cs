using OptGen.Runtime.Tests.Kernel;

namespace OptGen.Runtime.Tests;

/// <summary>After the first step, steps allocate nothing: 100 steps on several tensors, at every width, with and without a schedule.</summary>
[Collection(SimdPolicyCollection.Name)]
public class AllocationTests
{
    public static IEnumerable<object[]> Cases() =>
        from name in KernelCases.All.Select(c => c.Name)
        from schedule in new[] { false, true }
        select new object[] { name, schedule };

    [Theory]
    [MemberData(nameof(Cases))]
    public void StepsAfterTheFirstAllocateNothing(string name, bool withRandomSchedule)
    {
        int saved = SimdPolicy.MaxVectorBits;
        try
        {
            foreach (int width in KernelCases.Widths)
            {
                SimdPolicy.MaxVectorBits = width;
                IOptimizer opt = KernelCases.Named(name).CreateOptimizer();
                if (withRandomSchedule)
                    opt.Schedule = new TestNoisySchedule { Seed = 11 };
                Parameter[] ps = KernelCheck.MakeParameters([257, 40, 3, 1]);
                KernelCheck.SetGradients(ps, 1);
                opt.Step(ps);

                long allocated = Allocations.OfSteps(opt, ps, 100);

                Assert.True(allocated == 0, $"{name} at MaxVectorBits = {width} allocated {allocated} bytes in 100 steps");
                Assert.Equal(0, (opt.StepCount - 1) % 100); // every step of an attempt was taken
            }
        }
        finally
        {
            SimdPolicy.MaxVectorBits = saved;
        }
    }
}

using OptGen.Runtime.Tests.Optimizers.Harness;

namespace OptGen.Runtime.Tests.Optimizers;

/// <summary>
/// FTRL's L1 term makes weights exactly zero where the linear term is inside [−λ1, λ1]: the reference check of
/// "Ftrl/l1" covers that path only if some weights are zero and some are not, which this asserts.
/// </summary>
public class FtrlSparsityTests
{
    [Fact]
    public void L1MakesSomeWeightsExactlyZeroAndLeavesOthers()
    {
        var problem = new Problem(20250611, ascend: false);
        Parameter[] parameters = problem.InitialWeights.Select(w => new Parameter((float[])w.Clone())).ToArray();
        var ftrl = (Ftrl)LibraryCases.Get("Ftrl/l1").Create();
        for (int step = 0; step < 40; step++)
        {
            for (int k = 0; k < parameters.Length; k++)
                problem.Gradient(k, parameters[k].Value, parameters[k].Grad);
            ftrl.Step(parameters);
        }
        float[] all = parameters.SelectMany(p => p.Value.ToArray()).ToArray();
        int zeros = all.Count(x => x == 0f);
        Assert.True(zeros > 0 && zeros < all.Length, $"{zeros} of {all.Length} weights are exactly zero");
    }
}

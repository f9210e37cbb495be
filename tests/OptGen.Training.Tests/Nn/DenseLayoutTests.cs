namespace OptGen.Training.Tests.Nn;

/// <summary>Dense's weight is PyTorch's <c>Linear.weight</c>: <c>[out, in]</c>, <c>y = x · Wᵀ + b</c>.</summary>
public class DenseLayoutTests
{
    [Fact]
    public void WeightIsOutByInAndBiasIsOut()
    {
        var dense = new Dense(inputs: 5, outputs: 3, seed: 1, name: "fc");
        Assert.Equal(new[] { 3, 5 }, dense.Weight.Shape.ToArray());
        Assert.Equal(new[] { 3 }, dense.Bias.Shape.ToArray());
        Assert.Equal("fc.weight", dense.Weight.Name);
        Assert.Equal("Parameter fc.weight [3, 5]", dense.Weight.ToString());
        Assert.Equal(0, AlignedMemory.AddressModulo(dense.Weight.Value)); // the shape constructor aligns
    }

    /// <summary>W = [[1, 2, 3], [4, 5, 6]], b = [0.5, -1], worked by hand.</summary>
    [Fact]
    public void ForwardAndBackwardOfATinyLayerMatchTheHandComputedProducts()
    {
        var dense = new Dense(3, 2, seed: 1);
        float[] w = [1, 2, 3, 4, 5, 6];
        w.CopyTo(dense.Weight.Value);
        float[] b = [0.5f, -1f];
        b.CopyTo(dense.Bias.Value);
        float[] x = [1, 0, -1, 2, 1, 0];
        var y = new float[4];
        dense.Forward(x, y, 2);
        // Row 0: [1 - 3 + 0.5, 4 - 6 - 1]; row 1: [2 + 2 + 0.5, 8 + 5 - 1].
        Assert.Equal(new float[] { -1.5f, -3f, 4.5f, 12f }, y);

        float[] dy = [1, 0, 0, 2];
        var dx = new float[6];
        dense.Backward(x, y, dy, dx, 2);
        // dW = dYᵀ · x = [[1, 0, -1], [4, 2, 0]]; db = [1, 2]; dX = dY · W = [[1, 2, 3], [8, 10, 12]].
        Assert.Equal(new float[] { 1, 0, -1, 4, 2, 0 }, dense.Weight.Grad.ToArray());
        Assert.Equal(new float[] { 1, 2 }, dense.Bias.Grad.ToArray());
        Assert.Equal(new float[] { 1, 2, 3, 8, 10, 12 }, dx);
    }

    /// <summary>
    /// A seed draws the same numbers as before the layout changed, taken input by input: the k-th draw lands on
    /// <c>W[k mod outputs, k / outputs]</c>, so a seeded network starts as the same function it always did.
    /// </summary>
    [Theory]
    [InlineData(WeightInit.He)]
    [InlineData(WeightInit.LeCun)]
    [InlineData(WeightInit.Xavier)]
    public void InitialisationDrawsInTheDocumentedOrder(WeightInit init)
    {
        const int inputs = 4, outputs = 3;
        var dense = new Dense(inputs, outputs, seed: 21, init);
        var rng = new NnRandom(21);
        double std = Math.Sqrt((init == WeightInit.He ? 2.0 : 1.0) / inputs), limit = Math.Sqrt(6.0 / (inputs + outputs));
        for (int k = 0; k < inputs * outputs; k++)
        {
            float expected = init == WeightInit.Xavier ? (float)((2.0 * rng.NextDouble() - 1.0) * limit) : (float)(std * rng.NextNormal());
            int o = k % outputs, i = k / outputs;
            Assert.Equal(expected, dense.Weight.Value[o * inputs + i]);
        }
    }

    [Fact]
    public void ARowOfWeightsIsOneOutputsFilter()
    {
        // Only output 1 sees input 2: its row of W is [0, 0, 1, 0]; the output is that input alone.
        var dense = new Dense(4, 2, seed: 1);
        dense.Weight.Value.Clear();
        dense.Weight.Value[1 * 4 + 2] = 1f;
        float[] x = [10, 20, 30, 40];
        var y = new float[2];
        dense.Forward(x, y, 1);
        Assert.Equal(new float[] { 0f, 30f }, y);
    }
}

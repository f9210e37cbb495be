namespace OptGen.Training.Tests.Nn;

/// <summary>Back-propagation through whole models: every parameter's gradient against finite differences of the loss.</summary>
public class SequentialGradientTests
{
    [Theory]
    [InlineData("tanh")]
    [InlineData("gelu")]
    [InlineData("sigmoid")]
    [InlineData("leaky")]
    public void ParameterGradientsMatchFiniteDifferencesOfTheLoss(string activation)
    {
        Func<Layer> make = activation switch
        {
            "tanh" => () => new Tanh(),
            "gelu" => () => new Gelu(),
            "sigmoid" => () => new Sigmoid(),
            _ => () => new LeakyRelu(0.2f),
        };
        var model = Sequential.Mlp([4, 6, 5, 3], seed: 5, make, WeightInit.Xavier);
        var loss = new SoftmaxCrossEntropy();
        const int batch = 5;
        float[] x = TestData.Uniform(batch * 4, 6, -2, 2);
        int[] labels = [0, 1, 2, 1, 0];
        var grad = new float[batch * 3];

        model.ZeroGrad();
        loss.Compute(model.Forward(x, batch), labels, grad, batch);
        model.Backward(grad);
        foreach (Parameter p in model.Parameters)
        {
            float[] analytic = p.Grad.ToArray();
            GradientCheck.Check(p.Value, analytic, () => loss.Compute(model.Forward(x, batch), labels, Span<float>.Empty, batch), p.Name!);
        }
    }

    [Fact]
    public void RegressionThroughSoftmaxLayerAndMse()
    {
        // An explicit Softmax layer followed by MSE exercises Softmax.Backward inside a model.
        var model = new Sequential(3, new Dense(3, 4, seed: 1, name: "a"), new Tanh(), new Dense(4, 3, seed: 2, name: "b"), new Softmax());
        var loss = new MeanSquaredError();
        float[] x = TestData.Uniform(6, 3);
        float[] t = TestData.Uniform(6, 4, 0, 1);
        var grad = new float[6];
        model.ZeroGrad();
        loss.Compute(model.Forward(x, 2), t, grad, 2);
        model.Backward(grad);
        foreach (Parameter p in model.Parameters)
            GradientCheck.Check(p.Value, p.Grad.ToArray(), () => loss.Compute(model.Forward(x, 2), t, Span<float>.Empty, 2), p.Name!);
    }

    [Fact]
    public void MismatchedLayerSizesAreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Sequential(4, new Dense(4, 8, 1, name: "a"), new Relu(), new Dense(7, 2, 1, name: "b")));
        Assert.Contains("b expects rows of 7", ex.Message);
    }

    [Fact]
    public void BatchesSmallerThanTheBuffersGiveTheSameOutputs()
    {
        var model = Sequential.Mlp([5, 9, 4], seed: 2);
        float[] x = TestData.Uniform(5 * 20, 1);
        float[] all = model.Forward(x, 20).ToArray();
        float[] first = model.Forward(x.AsSpan(0, 15), 3).ToArray();
        Assert.Equal(all.AsSpan(0, 12).ToArray(), first);
    }
}

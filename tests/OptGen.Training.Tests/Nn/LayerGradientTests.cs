namespace OptGen.Training.Tests.Nn;

/// <summary>Every layer's backward pass against finite differences of its forward pass.</summary>
public class LayerGradientTests
{
    private const int Batch = 3;
    private const int Width = 5;

    public static IEnumerable<object[]> Activations() =>
    [
        [new Relu()], [new LeakyRelu(0.1f)], [new Sigmoid()], [new Tanh()], [new Gelu()], [new Softmax()],
    ];

    [Theory]
    [MemberData(nameof(Activations))]
    public void ActivationInputGradientMatchesFiniteDifferences(Layer layer)
    {
        float[] x = TestData.AwayFromZero(Batch * Width, 1);
        float[] r = TestData.Uniform(Batch * Width, 2);
        var y = new float[x.Length];
        var dx = new float[x.Length];
        layer.Forward(x, y, Batch);
        layer.Backward(x, y, r, dx, Batch);
        GradientCheck.Check(x, dx, () =>
        {
            layer.Forward(x, y, Batch);
            return GradientCheck.Weighted(y, r);
        }, layer.GetType().Name);
    }

    [Theory]
    [InlineData(WeightInit.He)]
    [InlineData(WeightInit.Xavier)]
    [InlineData(WeightInit.LeCun)]
    public void DenseGradientsMatchFiniteDifferences(WeightInit init)
    {
        const int inputs = 7, outputs = 5, batch = 6;
        var dense = new Dense(inputs, outputs, seed: 3, init);
        TestData.Uniform(outputs, 9).CopyTo(dense.Bias.Value);
        float[] x = TestData.Uniform(batch * inputs, 4);
        float[] r = TestData.Uniform(batch * outputs, 5);
        var y = new float[batch * outputs];
        var dx = new float[x.Length];
        dense.Forward(x, y, batch);
        dense.Backward(x, y, r, dx, batch);
        double Objective()
        {
            dense.Forward(x, y, batch);
            return GradientCheck.Weighted(y, r);
        }
        GradientCheck.Check(x, dx, Objective, "dx");
        GradientCheck.Check(dense.Weight.Value, dense.Weight.Grad.ToArray(), Objective, "dW");
        GradientCheck.Check(dense.Bias.Value, dense.Bias.Grad.ToArray(), Objective, "db");
    }

    [Fact]
    public void DenseAccumulatesParameterGradients()
    {
        var dense = new Dense(3, 2, seed: 1);
        float[] x = TestData.Uniform(6, 2), r = TestData.Uniform(4, 3);
        var y = new float[4];
        dense.Forward(x, y, 2);
        dense.Backward(x, y, r, Span<float>.Empty, 2);
        float[] once = dense.Weight.Grad.ToArray();
        dense.Backward(x, y, r, Span<float>.Empty, 2);
        for (int i = 0; i < once.Length; i++)
            Assert.Equal(2 * once[i], dense.Weight.Grad[i], 5);
    }

    [Fact]
    public void DenseNamesItsParameters()
    {
        var model = Sequential.Mlp([4, 8, 3], seed: 1);
        Assert.Equal(["dense0.weight", "dense0.bias", "dense1.weight", "dense1.bias"], ToNames(model.Parameters));
    }

    [Theory]
    [InlineData(WeightInit.He, 2.0 / 200)]
    [InlineData(WeightInit.LeCun, 1.0 / 200)]
    [InlineData(WeightInit.Xavier, 2.0 / (200 + 100))]
    public void InitialisationHasTheDocumentedVariance(WeightInit init, double variance)
    {
        var dense = new Dense(200, 100, seed: 7, init);
        double sum = 0, squares = 0;
        foreach (float w in dense.Weight.Value)
        {
            sum += w;
            squares += (double)w * w;
        }
        int n = dense.Weight.Length;
        Assert.InRange(sum / n, -0.01, 0.01);
        Assert.InRange(squares / n, variance * 0.95, variance * 1.05);
        Assert.All(dense.Bias.Value.ToArray(), b => Assert.Equal(0f, b));
    }

    [Fact]
    public void DropoutScalesSurvivorsAndBackpropagatesThroughTheSameMask()
    {
        var dropout = new Dropout(0.25f, seed: 3);
        float[] x = TestData.AwayFromZero(4000, 1);
        float[] dy = TestData.Uniform(4000, 2);
        var y = new float[x.Length];
        var dx = new float[x.Length];
        dropout.Forward(x, y, 40);
        dropout.Backward(x, y, dy, dx, 40);
        int dropped = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (y[i] == 0f)
            {
                dropped++;
                Assert.Equal(0f, dx[i]);
            }
            else
            {
                const float keep = 1f / (1f - 0.25f);
                Assert.Equal(x[i] * keep, y[i]);
                Assert.Equal(dy[i] * keep, dx[i]);
            }
        }
        Assert.InRange(dropped / 4000.0, 0.22, 0.28);
    }

    [Fact]
    public void DropoutIsTheIdentityInEvaluationMode()
    {
        var dropout = new Dropout(0.5f, seed: 3) { Training = false };
        float[] x = TestData.Uniform(20, 1);
        var y = new float[20];
        var dx = new float[20];
        dropout.Forward(x, y, 4);
        Assert.Equal(x, y);
        dropout.Backward(x, y, x, dx, 4);
        Assert.Equal(x, dx);
    }

    [Fact]
    public void DropoutMasksRepeatForTheSameSeed()
    {
        float[] x = TestData.AwayFromZero(64, 1);
        var a = new float[64];
        var b = new float[64];
        new Dropout(0.5f, seed: 11).Forward(x, a, 4);
        new Dropout(0.5f, seed: 11).Forward(x, b, 4);
        Assert.Equal(a, b);
    }

    [Fact]
    public void SoftmaxIsStableForHugeInputs()
    {
        float[] x = [1000f, 999f, -1000f, 88f, 89f, 90f];
        var y = new float[6];
        new Softmax().Forward(x, y, 2);
        Assert.All(y, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(1f, y[0] + y[1] + y[2], 5);
        Assert.Equal(1f / (1f + MathF.Exp(-1f)), y[0], 5);
    }

    private static string[] ToNames(ReadOnlySpan<Parameter> parameters)
    {
        var names = new string[parameters.Length];
        for (int i = 0; i < names.Length; i++)
            names[i] = parameters[i].Name!;
        return names;
    }
}

namespace OptGen.Training.Tests.Nn;

/// <summary>Each loss's gradient against finite differences, for float targets and for integer labels.</summary>
public class LossGradientTests
{
    private const int Batch = 4;
    private const int Width = 3;

    public static IEnumerable<object[]> Losses() => [[new MeanSquaredError()], [new BinaryCrossEntropyWithLogits()], [new SoftmaxCrossEntropy()]];

    [Theory]
    [MemberData(nameof(Losses))]
    public void GradientWithLabelsMatchesFiniteDifferences(Loss loss)
    {
        float[] x = TestData.Uniform(Batch * Width, 1, -3, 3);
        int[] labels = [0, 2, 1, 2];
        var g = new float[x.Length];
        loss.Compute(x, labels, g, Batch);
        GradientCheck.Check(x, g, () => loss.Compute(x, labels, Span<float>.Empty, Batch), loss.Name);
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void GradientWithFloatTargetsMatchesFiniteDifferences(Loss loss)
    {
        float[] x = TestData.Uniform(Batch * Width, 1, -3, 3);
        float[] t = TestData.Uniform(Batch * Width, 2, 0, 1);
        if (loss is SoftmaxCrossEntropy)
        {
            for (int r = 0; r < Batch; r++) // rows of class probabilities
            {
                float s = t[r * Width] + t[r * Width + 1] + t[r * Width + 2];
                for (int j = 0; j < Width; j++)
                    t[r * Width + j] /= s;
            }
        }
        var g = new float[x.Length];
        loss.Compute(x, t, g, Batch);
        GradientCheck.Check(x, g, () => loss.Compute(x, t, Span<float>.Empty, Batch), loss.Name);
    }

    [Fact]
    public void BinaryCrossEntropyWithOneOutputTrainsTowardsTheLabel()
    {
        var loss = new BinaryCrossEntropyWithLogits();
        float[] x = [0.3f, -1.2f, 2f];
        int[] labels = [1, 0, 1];
        var g = new float[3];
        double value = loss.Compute(x, labels, g, 3);
        double expected = (Math.Log(1 + Math.Exp(-0.3)) + Math.Log(1 + Math.Exp(-1.2)) + Math.Log(1 + Math.Exp(-2))) / 3;
        Assert.Equal(expected, value, 5);
        GradientCheck.Check(x, g, () => loss.Compute(x, labels, Span<float>.Empty, 3), "bce");
    }

    [Fact]
    public void CrossEntropyMatchesTheDefinition()
    {
        float[] x = [1f, 2f, 3f];
        double lse = Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3));
        Assert.Equal(lse - 2, new SoftmaxCrossEntropy().Compute(x, [1], Span<float>.Empty, 1), 5);
    }

    [Fact]
    public void LossesStayFiniteForHugeLogits()
    {
        float[] x = [1e4f, -1e4f, 0f, -1e4f, 1e4f, 3f];
        int[] labels = [1, 1];
        var g = new float[6];
        double ce = new SoftmaxCrossEntropy().Compute(x, labels, g, 2);
        Assert.Equal(1e4, ce, 0);
        Assert.All(g, v => Assert.True(float.IsFinite(v)));
        double bce = new BinaryCrossEntropyWithLogits().Compute(x, labels, g, 2);
        Assert.True(double.IsFinite(bce));
        Assert.All(g, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void MismatchedTargetsAreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MeanSquaredError().Compute(new float[6], new float[5], Span<float>.Empty, 2));
        Assert.Contains("Expected 6 targets", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SoftmaxCrossEntropy().Compute(new float[6], [0, 3], Span<float>.Empty, 2));
    }
}

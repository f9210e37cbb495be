namespace OptGen.Training.Tests.Nn;

/// <summary>
/// The model's own input rows (<see cref="Sequential.InputRows"/>, which the trainer gathers its batch into) run as
/// <see cref="Sequential.Forward"/> runs a copy of them: the same outputs and the same gradients, bit for bit.
/// </summary>
public class SequentialInputTests
{
    [Fact]
    public void RowsFilledInPlaceGiveTheOutputsAndGradientsOfACopy()
    {
        const int batch = 9;
        float[] x = TestData.Uniform(batch * 6, 1), dy = TestData.Uniform(batch * 3, 2);
        Sequential copied = Sequential.Mlp([6, 16, 3], seed: 4), inPlace = Sequential.Mlp([6, 16, 3], seed: 4);

        float[] expected = copied.Forward(x, batch).ToArray();
        copied.Backward(dy);
        x.CopyTo(inPlace.InputRows(batch));
        float[] got = inPlace.ForwardInput(batch).ToArray();
        inPlace.Backward(dy);

        Assert.Equal(expected, got);
        for (int i = 0; i < copied.Parameters.Length; i++)
            Assert.Equal(copied.Parameters[i].Grad.ToArray(), inPlace.Parameters[i].Grad.ToArray());
    }

    [Fact]
    public void ABatchBeyondTheBuffersIsRefused()
    {
        var model = Sequential.Mlp([6, 16, 3], seed: 4);
        model.InputRows(4);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => model.ForwardInput(model.MaxBatch + 1));
        Assert.Contains($"1 to {model.MaxBatch} rows", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.ForwardInput(0));
    }
}

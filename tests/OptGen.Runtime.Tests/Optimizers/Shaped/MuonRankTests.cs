namespace OptGen.Runtime.Tests.Optimizers.Shaped;

/// <summary>Muon takes matrices only: another rank is refused at the step, by name and shape, before anything changes.</summary>
public class MuonRankTests
{
    [Theory]
    [InlineData(new[] { 12 })]
    [InlineData(new[] { 3, 4, 5 })]
    [InlineData(new[] { 1 })]
    public void ATensorThatIsNotAMatrixIsRefusedAndNothingChanges(int[] shape)
    {
        var problem = new ShapedProblem(7, [[8, 12], shape]);
        var optimizer = new Muon();
        Parameter[] parameters = problem.TensorShapes
            .Select((s, k) => new Parameter((float[])problem.InitialWeights[k].Clone(), s, k == 0 ? "hidden.weight" : "odd.bias"))
            .ToArray();
        for (int k = 0; k < parameters.Length; k++)
            problem.Gradient(k, parameters[k].Value, parameters[k].Grad);

        var error = Assert.Throws<ArgumentException>(() => optimizer.Step(parameters));

        Assert.Contains("odd.bias", error.Message);
        Assert.Contains(Parameter.Format(shape), error.Message);
        Assert.Equal(0L, optimizer.StepCount);
        for (int k = 0; k < parameters.Length; k++)
            Assert.Equal(problem.InitialWeights[k], parameters[k].Value.ToArray());
    }

    [Fact]
    public void AMatrixAfterARefusedStepStepsAsIfTheRefusalNeverHappened()
    {
        var problem = new ShapedProblem(8, [[8, 12]]);
        var refused = new Muon();
        var fresh = new Muon();
        var p = new Parameter((float[])problem.InitialWeights[0].Clone(), [8, 12], "hidden.weight");
        var q = new Parameter((float[])problem.InitialWeights[0].Clone(), [8, 12], "hidden.weight");
        var vector = new Parameter(new float[4], [4], "bias");
        problem.Gradient(0, p.Value, p.Grad);
        p.Grad.CopyTo(q.Grad);

        Assert.Throws<ArgumentException>(() => refused.Step([p, vector]));
        refused.Step([p]);
        fresh.Step([q]);

        Assert.Equal(q.Value.ToArray(), p.Value.ToArray());
    }
}

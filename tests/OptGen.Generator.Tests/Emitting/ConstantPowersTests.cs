namespace OptGen.Generator.Tests.Emitting;

/// <summary>
/// An element value raised to a constant: the exponent is read as one number however it is written (<c>1 / 3</c>,
/// <c>-(1 / 2)</c>) and in either form (<c>x^y</c>, <c>pow(x, y)</c>), so that the forms made for some constants apply:
/// <c>x^(1 / 3)</c> is a cube root (<c>PowOneThird</c>: the exponent 1/3 itself, where pow with a float exponent would
/// take the float nearest it), <c>x^(1 / 2)</c> a square root. Other exponents stay pow's.
/// </summary>
public class ConstantPowersTests
{
    [Theory]
    [InlineData("g^(1 / 3)", "V.PowOneThird(")]
    [InlineData("pow(g, 1 / 3)", "V.PowOneThird(")]
    [InlineData("pow(g, 2 / 6)", "V.PowOneThird(")]
    [InlineData("g^(1 / 2)", "V.Sqrt(")]
    [InlineData("g^-(1 / 2)", "(V.Splat(1f) / V.Sqrt(")]
    [InlineData("pow(g, 2)", "(g0 * g0)")]
    [InlineData("g^(1 / 7)", "V.Pow(")]
    public void AConstantExponentIsOneNumberInEitherForm(string power, string written)
    {
        string code = EmittedOptimizer.Generate("", $"w -= lr * {power}");
        Assert.Contains(written, code, StringComparison.Ordinal);
        if (written != "V.Pow(")
            Assert.DoesNotContain("V.Pow(", code, StringComparison.Ordinal);
    }

    [Fact]
    public void ACubeRootStepsAsTheExactCubeRootsNearestFloat()
    {
        IOptimizer optimizer = EmittedOptimizer.Create("", "w -= lr * abs(g)^(1 / 3)");
        var p = new Parameter([300]);
        for (int i = 0; i < p.Length; i++)
            p.Grad[i] = MathF.Exp(0.11f * i - 20) * (i % 2 == 0 ? 1 : -1); // e^-20 to e^13: pow with 1/3f is up to 3 floats off here
        optimizer.Step(p);
        for (int i = 0; i < p.Length; i++)
            Assert.Equal(0f - 0.01f * (float)Math.Cbrt(MathF.Abs(p.Grad[i])), p.Value[i]);
    }

    [Fact]
    public void APerRowValuesCubeRootIsTheExactCubeRootsNearestFloatToo() // computed between passes, in double
    {
        IOptimizer optimizer = EmittedOptimizer.Create("", "w -= lr * row_max(abs(g))^(1 / 3)");
        var p = new Parameter([40, 9]);
        for (int i = 0; i < p.Length; i++)
            p.Grad[i] = MathF.Exp(0.5f * (i / 9) - 20 + 0.01f * (i % 9)); // rows from e^-20 to e^0: pow with 1/3f is 2 floats off at the first
        optimizer.Step(p);
        for (int i = 0; i < p.Length; i++)
        {
            float root = (float)Math.Cbrt(p.Grad[i / 9 * 9 + 8]); // the row's largest
            int floats = Math.Abs(BitConverter.SingleToInt32Bits(0f - 0.01f * root) - BitConverter.SingleToInt32Bits(p.Value[i]));
            Assert.True(floats <= 1, $"w[{i}] = {p.Value[i]:R}, {floats} floats from {0f - 0.01f * root:R}");
        }
    }

    // An exponent set when the step runs: 0.5 and -0.5 take the constants' square-root forms in the steps where it has
    // those values, any other value pow's, so that a hyperparameter at 0.5 steps exactly as the constant 0.5 does.
    [Theory]
    [InlineData(0.5, "abs(g)^0.5")]
    [InlineData(-0.5, "abs(g)^-0.5")]
    [InlineData(1.7, "abs(g)^1.7")]
    [InlineData(-0.25, "abs(g)^-0.25")]
    public void AnExponentSetAtRunTimeStepsAsTheSameConstant(double exponent, string constantForm)
    {
        const string hyperparameter = "[Hyperparameter(1)] public partial float P { get; set; }";
        Assert.Contains("V.PowBy(", EmittedOptimizer.Generate("", "w -= lr * abs(g)^P", hyperparameter), StringComparison.Ordinal);
        IOptimizer byValue = EmittedOptimizer.Create("", "w -= lr * abs(g)^P", hyperparameter);
        ((IHyperparameters)byValue).SetHyperparameter("P", exponent);
        IOptimizer byConstant = EmittedOptimizer.Create("", $"w -= lr * {constantForm}");
        var a = new Parameter([1000]);
        var b = new Parameter([1000]);
        for (int i = 0; i < a.Length; i++)
            a.Grad[i] = b.Grad[i] = MathF.Exp(0.04f * i - 20) * (i % 3 == 0 ? -1 : 1); // e^-20 to e^20, both signs
        byValue.Step(a);
        byConstant.Step(b);
        Assert.Equal(b.Value.ToArray(), a.Value.ToArray());
    }
}

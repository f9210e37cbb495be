namespace OptGen.Generator.Tests;

/// <summary>tests/README.md, "Naming": every test method of this assembly is named by the rule.</summary>
public class TestNamingTests
{
    [Fact]
    public void EveryTestMethodFollowsTheNamingRule() => TestMethodNames.AssertAllFollowTheRule(typeof(TestNamingTests).Assembly);

    [Theory]
    [InlineData("RoundTripRestoresValuesStateStepCountAndExtra", true)]
    [InlineData("OPTG0017_HyperparameterWithAGeneratedName", true)]
    [InlineData("Adam", true)]
    [InlineData("Every_width_gives_the_same_bits", false)]
    [InlineData("OPTG0017_hyperparameter_with_a_generated_name", false)]
    [InlineData("OPTG17_Short", false)]
    [InlineData("lowerCaseFirst", false)]
    [InlineData("Trailing_", false)]
    public void TheRuleAcceptsPascalCaseSentencesAndADiagnosticIdPrefix(string name, bool follows) =>
        Assert.Equal(follows, TestMethodNames.IsConventional(name));
}

namespace OptGen.Generator.Tests;

/// <summary>tests/README.md, "Naming": every test method of this assembly is named by the rule.</summary>
public class TestNamingTests
{
    [Fact]
    public void EveryTestMethodFollowsTheNamingRule() => TestMethodNames.AssertAllFollowTheRule(typeof(TestNamingTests).Assembly);

    [Theory]
    [InlineData(true, "RoundTripRestoresValuesStateStepCountAndExtra")]
    [InlineData(true, "OPTG0017_HyperparameterWithAGeneratedName")]
    [InlineData(false, "Every_width_gives_the_same_bits")]
    [InlineData(false, "OPTG0017_hyperparameter_with_a_generated_name")]
    [InlineData(false, "OPTG17_Short")]
    [InlineData(false, "lowerCaseFirst")]
    public void TheRuleAcceptsPascalCaseSentencesAndADiagnosticIdPrefix(bool follows, string name) =>
        Assert.Equal(follows, TestMethodNames.IsConventional(name));

    [Theory]
    [InlineData("Every_width_gives_the_same_bits", "EveryWidthGivesTheSameBits")]
    [InlineData("OPTG0017_state_with_a_built_in_name", "OPTG0017_StateWithABuiltInName")]
    [InlineData("A_pragma_silences_the_warning", "APragmaSilencesTheWarning")]
    public void TheSuggestedNameFollowsTheRule(string name, string suggested)
    {
        Assert.Equal(suggested, TestMethodNames.Suggest(name));
        Assert.True(TestMethodNames.IsConventional(suggested));
    }
}

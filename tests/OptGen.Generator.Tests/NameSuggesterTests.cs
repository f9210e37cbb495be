using OptGen.Generator.Binding;

namespace OptGen.Generator.Tests;

public class NameSuggesterTests
{
    private static readonly string[] Adam = ["w", "g", "t", "lr", "n", "pi", "e", "m", "v", "Beta1", "Beta2", "Eps"];

    [Theory]
    [InlineData("Bta1", "Beta1")]   // a letter left out
    [InlineData("Betaa1", "Beta1")] // one too many
    [InlineData("Btea1", "Beta1")]  // two neighbours swapped
    [InlineData("beta1", "Beta1")]  // case only
    [InlineData("Beta3", "Beta1")]  // as near to Beta1 as to Beta2: the ordinally first
    [InlineData("EPS", "Eps")]
    [InlineData("lt", "lr")]
    [InlineData("W", "w")]
    public void SuggestsTheNearestName(string name, string expected) =>
        Assert.Equal(expected, NameSuggester.Nearest(name, Adam));

    [Theory]
    [InlineData("x")]        // one character: only a difference of case
    [InlineData("momentum")] // another word
    [InlineData("xyz")]      // three characters allow one edit
    [InlineData("Gamma")]
    [InlineData("Bet")]      // two edits from Beta1, but three characters allow one
    public void SuggestsNothingForANameThatIsNotATypo(string name) =>
        Assert.Null(NameSuggester.Nearest(name, Adam));

    [Fact]
    public void NeverSuggestsTheNameItselfOrOneOptGenMadeUp() =>
        Assert.Null(NameSuggester.Nearest("__acc", ["__acc", "__acd", "__skip"]));

    [Fact]
    public void ALongNameAllowsMoreEdits() =>
        Assert.Equal("global_norm", NameSuggester.Nearest("globl_nrm", ["global_norm", "global_sum", "norm"]));
}

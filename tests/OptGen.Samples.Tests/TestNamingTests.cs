namespace OptGen.Samples.Tests;

/// <summary>tests/README.md, "Naming": every test method of this assembly is named by the rule.</summary>
public class TestNamingTests
{
    [Fact]
    public void EveryTestMethodFollowsTheNamingRule() => TestMethodNames.AssertAllFollowTheRule(typeof(TestNamingTests).Assembly);
}

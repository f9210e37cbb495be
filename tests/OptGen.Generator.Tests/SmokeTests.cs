using Xunit;

namespace OptGen.Generator.Tests;

public class SmokeTests
{
    [Fact]
    public void GeneratorLoads() => Assert.NotNull(new OptGen.Generator.OptGenGenerator());
}

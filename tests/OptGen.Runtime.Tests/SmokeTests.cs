using Xunit;

namespace OptGen.Runtime.Tests;

public class SmokeTests
{
    [Fact]
    public void ParameterWrapsItsArray()
    {
        var values = new float[] { 1, 2, 3 };
        var p = new Parameter(values);
        p.Value[0] = 5;
        Assert.Equal(5, values[0]);
        Assert.Equal(3, p.Grad.Length);
    }
}

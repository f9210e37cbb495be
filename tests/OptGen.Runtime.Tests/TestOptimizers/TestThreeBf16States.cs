namespace OptGen.Runtime.Tests.TestOptimizers;

/// <summary>
/// Three bfloat16 states in one pass (their stores paired, and one left over), updated by formulas a float reference
/// reproduces bit for bit: halving and quartering are exact, so each state's value is one float rounding and one
/// bfloat16 rounding whatever the width or the fusing of its multiply and add. The pair's first state follows the
/// gradient, its second the weights, so a test can make either one NaN without the other.
/// </summary>
[Optimizer]
[State("a", Storage = StateStorage.BFloat16), State("b", Storage = StateStorage.BFloat16), State("c", Storage = StateStorage.BFloat16)]
[Update("""
    a = 0.5 * a + g
    b = 0.5 * b + 0.25 * w
    c = 0.5 * c + abs(g)
    w -= lr * (a + b + c)
    """)]
public partial class TestThreeBf16States;

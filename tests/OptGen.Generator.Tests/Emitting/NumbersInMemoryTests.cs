namespace OptGen.Generator.Tests.Emitting;

/// <summary>
/// An element kernel whose numbers and loaded values are more than 16 vector registers hold says so
/// (<c>NumbersInMemory</c>), and the driver keeps its numbers in memory on AVX2; a smaller kernel, or one with
/// reductions, keeps the interface's default (no line).
/// </summary>
public class NumbersInMemoryTests
{
    private const string Flag = "public static bool NumbersInMemory => true;";

    private static string Generate(string states, string update) => EmittedOptimizer.Generate(states, update, """
        [Hyperparameter(0.9)] public partial float Beta1 { get; set; }
        [Hyperparameter(0.999)] public partial float Beta2 { get; set; }
        [Hyperparameter(0.9999)] public partial float Beta3 { get; set; }
        [Hyperparameter(5)] public partial float Alpha { get; set; }
        [Hyperparameter(1e-8)] public partial float Eps { get; set; }
        [Hyperparameter(0)] public partial float EpsRoot { get; set; }
        [Hyperparameter(0)] public partial float WeightDecay { get; set; }
        """);

    // AdEMAMix's states and its three moments, ahead of the update each case writes.
    private const string AdEMAMixStates = "[State(\"m1\"), State(\"m2\"), State(\"nu\")]";
    private const string AdEMAMixMoments = """
        m1 = Beta1 * m1 + (1 - Beta1) * g
        m2 = Beta3 * m2 + (1 - Beta3) * g
        nu = Beta2 * nu + (1 - Beta2) * g * g

        """;

    [Fact]
    public void AdEMAMixsThirteenNumbersAndFiveLoadsAreKeptInMemory()
    {
        string code = Generate(AdEMAMixStates, AdEMAMixMoments + """
            w -= lr * ((m1 / (1 - Beta1^t) + Alpha * m2) / (sqrt(nu / (1 - Beta2^t) + EpsRoot) + Eps) + WeightDecay * w)
            """);
        Assert.Contains(Flag, code, StringComparison.Ordinal);
    }

    [Fact]
    public void AdamsNumbersStayInRegisters()
    {
        string code = Generate("[State(\"m\"), State(\"v\")]", """
            m = Beta1 * m + (1 - Beta1) * g
            v = Beta2 * v + (1 - Beta2) * g * g
            w -= lr * (m / (1 - Beta1^t)) / (sqrt(v / (1 - Beta2^t)) + Eps)
            """);
        Assert.DoesNotContain("NumbersInMemory", code, StringComparison.Ordinal);
    }

    [Fact]
    public void APassWithReductionsKeepsItsNumbersInRegisters()
    {
        // AdEMAMix's update with its norm in the same pass: as many numbers and loads, and a sum.
        string code = Generate(AdEMAMixStates, AdEMAMixMoments + """
            u = (m1 / (1 - Beta1^t) + Alpha * m2) / (sqrt(nu / (1 - Beta2^t) + EpsRoot) + Eps) + WeightDecay * w
            w -= lr * u / max(norm(u), 1)
            """);
        Assert.Contains("public static int SumCount => 1;", code, StringComparison.Ordinal);
        Assert.DoesNotContain("NumbersInMemory", code, StringComparison.Ordinal);
    }
}

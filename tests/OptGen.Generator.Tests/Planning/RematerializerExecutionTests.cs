using OptGen.Generator.Planning;

namespace OptGen.Generator.Tests.Planning;

/// <summary>
/// The planner's recomputation changes where a value comes from, never its bits: each update below is generated
/// twice, with and without <see cref="Rematerializer"/>, and stepped (<see cref="PlanExecution"/>): every weight and
/// state value must be bit for bit the same. Each case is one the planner does recompute (the generated code differs).
/// </summary>
public class RematerializerExecutionTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "a value of a buffer written by the earlier pass", "m = 0.9 * m + g\nu = m * 2 - w\nw -= lr * u / (norm(u) + 1)" },
        { "a rebound g and a min", "g = -g\nu = g * min(w, 1)\nw -= lr * u / (norm(u) + 1e-3)" },
        { "a chain with a select", "a = g * 2\nu = a > 0.01 ? a : -a\nw -= lr * u / (norm(u) + 1)" },
        { "across a global reduction, with a per-tensor scalar", "a = norm(w) / sqrt(n)\nu = g * a - w\nc = global_norm(u)\nw -= lr * u / (c + 1)" },
        { "per-row and per-column factors", "r = 0.9 * r + 0.1 * row_mean(g * g)\nc = 0.9 * c + 0.1 * col_mean(g * g)\nrs = 1 / sqrt(r + 1e-30)\ncs = 1 / sqrt(c + 1e-30)\nu = g * min(rs * cs, 1000)\nw -= lr * u / max(1, norm(u) / sqrt(n))" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RecomputingGivesTheBitsOfKeepingInScratch(string name, string update)
    {
        (string with, string without) = PlanExecution.AssertStepKeepsBits(name, update, Rematerializer.SkippedForTests);
        Assert.True(with != without, $"{name}: the planner recomputed nothing");
        Assert.Contains("ScratchReference", without, StringComparison.Ordinal);
    }
}

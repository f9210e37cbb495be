using OptGen.Generator.Planning;

namespace OptGen.Generator.Tests.Planning;

/// <summary>
/// Moving a write of the weights to the later pass that next reads them changes which loop computes it, never its
/// bits: each update below is generated with and without <see cref="StoreSinker"/> and stepped
/// (<see cref="PlanExecution"/>); every weight and state value must be bit for bit the same. Each case is one the
/// planner does move (the generated code differs).
/// </summary>
public class StoreSinkerExecutionTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "decoupled decay before a norm of the gradient", "w *= 1 - lr * 0.1\na = norm(g)\nw -= lr * g / (a + 1)" },
        { "decay after the norm of the weights it precedes", "a = norm(w) / sqrt(n)\nw *= 0.99\nm = 0.9 * m + g\nb = mean(m)\nw -= lr * a * m / (b * b + 1)" },
        { "Adafactor's shape: factored rows and columns, then the update's norm", "a = max(1e-3, norm(w) / sqrt(n))\nw *= 1 - lr * 0.01\nr = r + 0.2 * (row_mean(g * g) - r)\nc = c + 0.2 * (col_mean(g * g) - c)\nrs = 1 / sqrt(r + 1e-30)\ncs = 1 / sqrt(c + 1e-30)\nu = g * min(rs * cs, 1000)\nw -= lr * a / max(1, norm(u) / sqrt(n)) * u" },
        { "a select and a state read there anyway", "w = m > 0 ? w * 0.9 : w\na = norm(g)\nm = 0.9 * m + g / (a + 1)\nw -= lr * m" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MovingTheWriteGivesTheBitsOfStoringItEarlier(string name, string update)
    {
        (string withCode, IOptimizer with) = PlanExecution.Build(update, StoreSinker.SkippedForTests, skipped: false);
        (string withoutCode, IOptimizer without) = PlanExecution.Build(update, StoreSinker.SkippedForTests, skipped: true);
        Assert.True(withCode != withoutCode, $"{name}: the planner moved nothing");
        PlanExecution.AssertSameBits(name, without, with);
    }
}

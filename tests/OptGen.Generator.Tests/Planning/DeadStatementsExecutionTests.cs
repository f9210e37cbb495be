using OptGen.Generator.Planning;

namespace OptGen.Generator.Tests.Planning;

/// <summary>
/// Dropping what nothing reads, and computing a repeated reduction once, change how much a step computes, never its
/// bits: each update below is generated with and without the step (<see cref="DeadStatements"/>, the planner's shared
/// reductions) and stepped on a matrix, a stack and a vector (<see cref="PlanExecution"/>); every weight and state value
/// must be bit for bit the same. Each case is one the planner does change (the generated code differs).
/// </summary>
public class DeadStatementsExecutionTests
{
    public static TheoryData<string, string> DeadCases => new()
    {
        { "a row reduction only the matrices' branch reads", "a = row_norm(w)\nif rank >= 2\nu = g / (a + 1)\nelse\nu = g\nend\nw -= lr * u" },
        { "a mask and its mean only the matrices' branch reads", "k = g * w > 0 ? 1 : 0\nf = mean(k)\nif rank >= 2\nu = g * f\nelse\nu = g\nend\nm = 0.9 * m + u\nw -= lr * m" },
        { "a value no statement reads", "a = norm(g)\nm = 0.9 * m + g\nw -= lr * m" },
    };

    [Theory]
    [MemberData(nameof(DeadCases))]
    public void DroppingWhatNothingReadsGivesTheSameBits(string name, string update)
    {
        (string with, string without) = PlanExecution.AssertStepKeepsBits(name, update, DeadStatements.SkippedForTests);
        Assert.True(with.Length < without.Length, $"{name}: the planner dropped nothing");
    }

    public static TheoryData<string, string> RepeatCases => new()
    {
        { "AdamP's row norm of w, in its test and in its projection", "if rank >= 2\na = row_norm(w)\nb = mat_max(a)\nq = w / (row_norm(w) + 1)\nd = mat_sum(q * g)\nw -= lr * (b + d) * q\nelse\nw -= lr * g\nend" },
        { "a tensor norm read before and after a pass closes", "a = norm(w)\nu = g / (a + 1)\nb = sum(u * w) + norm(w)\nw -= lr * b * u" },
    };

    [Theory]
    [MemberData(nameof(RepeatCases))]
    public void ARepeatedReductionComputedOnceGivesTheSameBits(string name, string update)
    {
        (string with, string without) = PlanExecution.AssertStepKeepsBits(name, update, Planner.SharedReductionsSkippedForTests);
        Assert.True(with.Length < without.Length, $"{name}: the planner computed the repeat again");
    }
}

using System.Text.RegularExpressions;
using OptGen.Generator.Planning;

namespace OptGen.Generator.Tests.Planning;

/// <summary>
/// A reduction that would start or close a pass is accumulated by an earlier pass of the phase that has its values and
/// room (the planner's hoisting): where a value comes from changes, never its bits, and the step makes fewer passes. Each
/// update is generated with and without the hoisting and stepped (<see cref="PlanExecution"/>).
/// </summary>
public class ReductionHoistingTests
{
    // Each case: an update, and how many loops over the tensor it takes without and with the hoisting.
    public static TheoryData<string, string, int, int> Cases => new()
    {
        {
            "cautious AdamP's two projections, per row",
            "q = w / (row_norm(w) + 1)\na = row_sum(q * g)\nu = g - q * a\nb = row_sum(q * w)\nk = u * (g - q * b) > 0 ? 1 : 0\nw -= lr * u * k",
            4, 3
        },
        {
            "a norm of the gradient written after the step that needs the first",
            "a = norm(w)\nu = g / (a + 1)\nb = dot(u, w)\nv = u - b * w\nc = norm(g)\nw -= lr * v / (c + 1)",
            4, 3
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AnEarlierPassAccumulatesItWithTheSameBits(string name, string update, int loopsAsWritten, int loopsHoisted)
    {
        (string with, string without) = PlanExecution.AssertStepKeepsBits(name, update, Planner.HoistingSkippedForTests);
        Assert.Equal(loopsAsWritten, Loops(without));
        Assert.Equal(loopsHoisted, Loops(with));
    }

    [Fact]
    public void AReductionThatCanJoinTheClosedPassStaysThere()
    {
        // norm(w) could go back to the first pass, but joins the second, closed by dot(u, g), at no cost: moving it would
        // only move w's reading from one loop to another.
        const string update = "a = norm(g)\nu = g / (a + 1)\nb = dot(u, g)\nc = norm(w)\nw -= lr * u * b / (c + 1)";
        (string with, string without) = PlanExecution.AssertStepKeepsBits("a norm after a closing dot", update, Planner.HoistingSkippedForTests);
        Assert.Equal(without, with);
    }

    [Fact]
    public void AReductionOfAnotherWaitsForIt()
    {
        // sum(u * s) reads s, a reduction of the second pass: no earlier pass has it.
        const string update = "a = norm(w)\nu = g / (a + 1)\ns = sum(u)\nd = sum(u * s)\nw -= lr * u * d";
        (string with, string without) = PlanExecution.AssertStepKeepsBits("a reduction of a reduction", update, Planner.HoistingSkippedForTests);
        Assert.Equal(without, with);
    }

    // The loops over elements a step runs: calls of the driver's element and axis loops in the generated code.
    private static int Loops(string code) => Regex.Matches(code, @"Kernels\.(Run|RunAxes)\(ref ").Count;
}

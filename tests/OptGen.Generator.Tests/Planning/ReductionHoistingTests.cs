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
        {
            "a reduction reading an earlier reduction, in the pass after it",
            "u = g / (norm(w) + 1)\nb = dot(u, w)\nv = u - b * w\nc = sum(g * norm(w) * w)\nw -= lr * v * c",
            4, 3
        },
        {
            "a reduction reading an earlier per-row reduction, in the pass after it",
            "u = g * row_norm(w)\nb = row_dot(u, w)\nv = u - b * w\nc = mat_sum(g * row_norm(w) * w)\nw -= lr * v * c",
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

    // Each case: a reduction the planner leaves where it is written, and why.
    public static TheoryData<string, string> Stays => new()
    {
        {
            // norm(w) could go back to the first pass, but joins the second, closed by dot(u, g), at no cost: moving it
            // would only move w's reading from one loop to another.
            "a norm after a closing dot",
            "a = norm(g)\nu = g / (a + 1)\nb = dot(u, g)\nc = norm(w)\nw -= lr * u * b / (c + 1)"
        },
        {
            // row_sum(g * g) closes the pass that computes u, but only the per-row state r reads it (between passes), and
            // the update of w still joins that pass: moving the sum into the first pass would only add g to its loop.
            "a reduction only a state reads",
            "a = norm(w)\nu = g / (a + 1)\nr = 0.9 * r + row_sum(g * g)\nw -= lr * u"
        },
        {
            // sum(u * s) reads s, a reduction of the second pass: no earlier pass has it.
            "a reduction of a reduction",
            "a = norm(w)\nu = g / (a + 1)\ns = sum(u)\nd = sum(u * s)\nw -= lr * u * d"
        },
    };

    [Theory]
    [MemberData(nameof(Stays))]
    public void AReductionStaysWhereMovingItGainsNothingOrIsWrong(string name, string update)
    {
        (string with, string without) = PlanExecution.AssertStepKeepsBits(name, update, Planner.HoistingSkippedForTests);
        Assert.Equal(without, with);
    }

    [Fact]
    public void RandomChainsOfReductionsKeepTheirBits()
    {
        // Element values and reductions of them (per tensor, per row, per column, per matrix) in random order, each value
        // scaled by earlier reductions: the reductions are placed wherever their values allow, and every such plan must
        // step to the bits of the plan that keeps each reduction where it is written. Fixed seeds: the same cases each run.
        int changed = 0;
        for (int seed = 0; seed < 24; seed++)
        {
            string update = RandomChain(new Random(seed));
            (string with, string without) = PlanExecution.AssertStepKeepsBits($"seed {seed}: {update}", update, Planner.HoistingSkippedForTests);
            if (with != without)
                changed++;
        }
        Assert.True(changed >= 6, $"only {changed} of 24 random chains had a reduction hoisted"); // the cases exercise it
    }

    private static readonly string[] Reductions = ["norm", "sum", "mean", "row_norm", "row_sum", "row_max", "col_norm", "col_min", "mat_norm", "mat_sum", "mat_max"];
    private static readonly string[] Dots = ["dot", "row_dot", "col_dot", "mat_dot"];

    // A chain of element values u0, u1 … and reductions s0, s1 … of them, ending in an update of w.
    private static string RandomChain(Random random)
    {
        var elements = new List<string> { "g", "w", "m" };
        var reductions = new List<string>();
        var lines = new List<string> { "m = 0.9 * m + g" };
        int count = random.Next(4, 9);
        for (int i = 0; i < count; i++)
        {
            string a = elements[random.Next(elements.Count)], b = elements[random.Next(elements.Count)];
            if (random.Next(2) == 0 || reductions.Count == 0)
            {
                string name = "s" + reductions.Count;
                if (reductions.Count > 0 && random.Next(3) == 0)
                    b = $"{reductions[random.Next(reductions.Count)]} * {b}"; // a reduction of a reduction's value
                else if (random.Next(4) == 0)
                    b = $"{Reductions[random.Next(Reductions.Length)]}(w * g) * {b}"; // written inline: the lifted reduction itself
                lines.Add(random.Next(4) == 0
                    ? $"{name} = {Dots[random.Next(Dots.Length)]}({a}, {b})"
                    : $"{name} = {Reductions[random.Next(Reductions.Length)]}({a} * {b})");
                reductions.Add(name);
            }
            else
            {
                string name = "u" + (elements.Count - 3);
                string s = reductions[random.Next(reductions.Count)];
                lines.Add($"{name} = {a} - 0.01 * {s} * {b}");
                elements.Add(name);
            }
        }
        string last = elements[elements.Count - 1], scale = reductions[reductions.Count - 1];
        lines.Add($"w -= lr * ({last} + 0.001 * {scale} * g)");
        return string.Join("\n", lines);
    }

    // The loops over elements a step runs: calls of the driver's element and axis loops in the generated code.
    private static int Loops(string code) => Regex.Matches(code, @"Kernels\.(Run|RunAxes)\(ref ").Count;
}

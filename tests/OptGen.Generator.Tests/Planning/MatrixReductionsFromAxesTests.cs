using System.Text.RegularExpressions;
using System.Threading;
using OptGen.Generator.Planning;

namespace OptGen.Generator.Tests.Planning;

/// <summary>
/// A per-matrix norm, dot product, maximum or minimum whose per-row (or per-column) counterpart the update also takes is
/// computed from that counterpart (<see cref="MatrixReductionsFromAxes"/>): the same bits as the update that spells the
/// combination out (<c>col_norm(row_norm(w))</c>: each per-row value counted once), values within float rounding of the
/// update planned as written, and fewer passes over the tensor (<see cref="PlanExecution"/> steps a matrix, a stack and
/// a vector).
/// </summary>
public class MatrixReductionsFromAxesTests
{
    private static readonly AsyncLocal<bool> Unused = new();

    // Each case: the update as a user writes it, and the same with every rewritten per-matrix reduction spelled out.
    public static TheoryData<string, string, string> Cases => new()
    {
        {
            "AdamP's cosines, per row and per matrix",
            "cr = abs(row_dot(g, w)) / (row_norm(g) * row_norm(w) + 1e-8)\ncm = abs(mat_dot(g, w)) / (mat_norm(g) * mat_norm(w) + 1e-8)\nw -= lr * g * (cr + cm)",
            "cr = abs(row_dot(g, w)) / (row_norm(g) * row_norm(w) + 1e-8)\ncm = abs(col_sum(row_dot(g, w))) / (col_norm(row_norm(g)) * col_norm(row_norm(w)) + 1e-8)\nw -= lr * g * (cr + cm)"
        },
        {
            "maxima and minima, the matrix's written first",
            "hi = mat_max(g)\nlo = mat_min(w)\nrh = row_max(g)\nrl = row_min(w)\nw -= lr * (g * rh + hi + lo * rl)",
            "hi = col_max(row_max(g))\nlo = col_min(row_min(w))\nrh = row_max(g)\nrl = row_min(w)\nw -= lr * (g * rh + hi + lo * rl)"
        },
        {
            "a column norm and the matrix's",
            "a = col_norm(g)\nb = mat_norm(g)\nw -= lr * g * a / (b + 1)",
            "a = col_norm(g)\nb = row_norm(col_norm(g))\nw -= lr * g * a / (b + 1)"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheMatrixValueIsTheCombinationOfItsRowsOrColumns(string name, string update, string spelledOut)
    {
        (string code, IOptimizer rewritten) = PlanExecution.Build(update, MatrixReductionsFromAxes.SkippedForTests, skipped: false);
        (_, IOptimizer spelled) = PlanExecution.Build(spelledOut, Unused, skipped: false);
        PlanExecution.AssertSameBits(name, spelled, rewritten);
        (string asWritten, _) = PlanExecution.Build(update, MatrixReductionsFromAxes.SkippedForTests, skipped: true);
        Assert.NotEqual(asWritten, code); // the planner did rewrite it (a maximum's bits are the same either way)
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheCombinationIsWithinRoundingOfTheMatrixReduction(string name, string update, string spelledOut)
    {
        _ = spelledOut;
        (_, IOptimizer rewritten) = PlanExecution.Build(update, MatrixReductionsFromAxes.SkippedForTests, skipped: false);
        (_, IOptimizer asWritten) = PlanExecution.Build(update, MatrixReductionsFromAxes.SkippedForTests, skipped: true);
        PlanExecution.AssertClose(name, asWritten, rewritten, relative: 1e-5);
    }

    [Fact]
    public void AdamPsTestTakesOnePassWhereItTookTwo()
    {
        string update = (string)Cases.First(c => (string)c[0] == "AdamP's cosines, per row and per matrix")[1];
        (string rewritten, _) = PlanExecution.Build(update, MatrixReductionsFromAxes.SkippedForTests, skipped: false);
        (string asWritten, _) = PlanExecution.Build(update, MatrixReductionsFromAxes.SkippedForTests, skipped: true);
        // Six terms: four per pass, then a second pass over the tensor; three terms: one pass (and the update's).
        Assert.Equal(3, AxisPasses(asWritten));
        Assert.Equal(2, AxisPasses(rewritten));
    }

    [Theory]
    [InlineData("a = row_sum(g)\nb = mat_sum(g)\nw -= lr * g * a / (b * b + 1)")]
    [InlineData("a = row_mean(g)\nb = mat_mean(g)\nw -= lr * g * a / (b * b + 1)")]
    [InlineData("a = row_norm(g)\nb = mat_norm(w)\nw -= lr * g * a / (b + 1)")]
    [InlineData("b = mat_norm(g)\nw -= lr * g / (b + 1)")]
    public void SumsMeansAndReductionsWithoutACounterpartAreLeftAsWritten(string update)
    {
        // A sum of per-row floats would lose what the double sum keeps where rows cancel; a norm of other values, or one
        // with no per-row counterpart, has nothing to share.
        (string rewritten, _) = PlanExecution.Build(update, MatrixReductionsFromAxes.SkippedForTests, skipped: false);
        (string asWritten, _) = PlanExecution.Build(update, MatrixReductionsFromAxes.SkippedForTests, skipped: true);
        Assert.Equal(asWritten, rewritten);
    }

    // The axis passes a step runs: calls of the driver's RunAxes in the generated code.
    private static int AxisPasses(string code) => Regex.Matches(code, @"Kernels\.RunAxes\(").Count;
}

namespace OptGen.Generator.Tests.Emitting;

/// <summary>
/// Which form a <c>max</c> or <c>min</c> takes in a kernel: with a per-step number, through the flags its <c>Splat</c>
/// sets once per loop; with a per-row or per-matrix value, through the flags its <c>BeginRow</c> sets once per row;
/// between two values that vary along the row, the full IEEE form. Where the formula wrote the number first, the full
/// form keeps that order (of two NaNs, the first).
/// </summary>
public class MaxMinFormsTests
{
    private static string Generate(string update) => EmittedOptimizer.Generate(
        "[State(\"r\", Shape = StateShape.Row), State(\"c\", Shape = StateShape.Column), State(\"k\", Shape = StateShape.Matrix)]",
        update, "[Hyperparameter(0.5)] public partial float H { get; set; }");

    [Fact]
    public void AMinWithAPerRowValueIsCheckedOncePerRow()
    {
        string code = Generate("w -= lr * min(r, g)\nr = row_max(g)");
        Assert.Contains("terms.OrdinaryInRow = (OptGenRt::Kernels.IsOrdinaryForMin(ref r, s.Row) ? 1 : 0);", code, StringComparison.Ordinal);
        Assert.Contains(", (terms.OrdinaryInRow & 1) != 0, numberFirst: true)", code, StringComparison.Ordinal);
        Assert.DoesNotContain("V.Min(", code, StringComparison.Ordinal);
    }

    [Fact]
    public void EachPerRowOrPerMatrixValueHasABitOfItsOwn()
    {
        string code = Generate("w -= lr * max(max(g, r), k)\nr = row_max(g)");
        Assert.Contains("terms.OrdinaryInRow = (OptGenRt::Kernels.IsOrdinaryForMax(ref k, s.Matrix) ? 1 : 0) | (OptGenRt::Kernels.IsOrdinaryForMax(ref r, s.Row) ? 2 : 0);",
            code, StringComparison.Ordinal);
        Assert.DoesNotContain("numberFirst", code, StringComparison.Ordinal);
    }

    [Fact]
    public void APerColumnValueVariesAlongTheRowAndTakesTheFullForm()
    {
        string code = Generate("w -= lr * max(g, c)\nc = col_max(g)");
        Assert.Contains("V.Max(", code, StringComparison.Ordinal);
        Assert.DoesNotContain("OrdinaryInRow", code, StringComparison.Ordinal);
        Assert.Contains("public void BeginRow<V>(in OptGenRt::AxisSite s, ref OptGenRt::Terms<V> terms) where V : struct, OptGenRt::IFloatVector<V> { }", code, StringComparison.Ordinal);
    }

    [Fact]
    public void APerStepNumberWrittenFirstKeepsItsPlaceInTheFullForm()
    {
        string code = Generate("w -= lr * max(H, g)");
        Assert.Contains("V.MaxSplat(g0, terms.S", code, StringComparison.Ordinal);
        Assert.Contains("!= 0, numberFirst: true)", code, StringComparison.Ordinal);
        Assert.DoesNotContain("numberFirst", Generate("w -= lr * max(g, H)"), StringComparison.Ordinal);
    }
}

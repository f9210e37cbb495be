using static OptGen.Generator.Tests.Harness.DiagnosticAssert;

namespace OptGen.Generator.Tests;

/// <summary>Diagnostics of the shape features (factored state, axis reductions, branches, matrix built-ins): message and squiggle.</summary>
public class ShapeDiagnosticTests
{
    private static string Source(string update, string states = "[State(\"r\", Shape = StateShape.Row), State(\"m\")]") => $$""""
        using OptGen;

        namespace Demo;

        [Optimizer]
        {{states}}
        [Update("""
            {{update}}
            """)]
        public partial class Opt
        {
            [Hyperparameter(false)] public partial bool Flag { get; set; }
            [Hyperparameter(0.5)] public partial float Beta { get; set; }
        }
        """";

    [Fact]
    public void OPTG0030_APerRowStateAssignedAValueThatVariesAlongTheRow()
    {
        string source = Source("r = g * g\n    m = m + r\n    w -= lr * m");
        Is(Single(source, "OPTG0030"), source, "'r' holds one value per row, but this assigns it a value that varies along a row", "g * g", 8, 9);
    }

    [Fact]
    public void OPTG0030_ARowIndexStateAssignedARowReductionOfAValueOfRowsAndColumns()
    {
        // min(a, b) of a row-index and a column-index state is an element value (computed in the pass), so its row
        // reduction has one value per row of each matrix: a stack_ reduction makes it one per row index.
        string source = Source("if rank >= 2\n        a = row_max(min(a, b))\n    end\n    w -= lr * g",
            "[State(\"a\", Shape = StateShape.RowIndex), State(\"b\", Shape = StateShape.ColumnIndex)]");
        Is(Single(source, "OPTG0030"), source, "'a' holds one value per row index, but this assigns it a value that varies from matrix to matrix", "row_max(min(a, b))", 9, 13);
    }

    [Fact]
    public void OPTG0031_ARowReductionOfAPerStepValue()
    {
        string source = Source("x = row_sum(lr)\n    m = m + r * x\n    r = r + 1\n    w -= m");
        Is(Single(source, "OPTG0031"), source, "'row_sum' reduces along each row, but its argument does not vary along a row", "row_sum(lr)", 8, 9);
    }

    [Fact]
    public void OPTG0031_ARowReductionOfAPerRowState()
    {
        string source = Source("x = row_mean(r)\n    m = m + x\n    w -= m");
        Is(Single(source, "OPTG0031"), source, "'row_mean' reduces along each row, but its argument does not vary along a row", "row_mean(r)", 8, 9);
    }

    [Fact]
    public void OPTG0032_ABranchOnAPerStepValue()
    {
        string source = Source("if t > 1\n        m = m + g\n    end\n    r = r + 1\n    w -= m * r");
        Is(Single(source, "OPTG0032"), source,
            "A branch is chosen once per tensor: its condition may use only rank, rows, cols, matrices, n, bool hyperparameters and constants ('t' is not)", "t > 1", 8, 8);
    }

    [Fact]
    public void OPTG0033_ALocalAssignedInOneBranchOnly()
    {
        string source = Source("if rank >= 2\n        x = g * r\n    end\n    m = m + x\n    w -= m");
        Is(Single(source, "OPTG0033"), source, "'x' is assigned in only one branch of the 'if' above, so it has no value here", "x", 11, 13);
    }

    [Fact]
    public void OPTG0033_ALocalAssignedInTwoOfThreeBranchesOfAnElseIfChain()
    {
        // The chain is an 'if' in an 'else': x's value after it came from two sides that both had one, one of them the
        // inner 'if''s one-sided value, and was not reported; planning the rank-1 class then threw (property tests).
        string source = Source("if rank > 2\n        x = g * r\n    else if rank >= 2\n        x = g\n    else\n        m = m * 2\n    end\n    m = m + x\n    w -= m");
        Is(Single(source, "OPTG0033"), source, "'x' is assigned in only one branch of the 'if' above, so it has no value here", "x", 15, 13);
    }

    [Fact]
    public void OPTG0034_NewtonSchulzOfAPerStepValue()
    {
        string source = Source("m = newton_schulz(lr, 3.4445, -4.775, 2.0315, 5, 1e-7)\n    r = r + 1\n    w -= m * r");
        Is(Single(source, "OPTG0034"), source,
            "'newton_schulz' works on the matrices of a per-element value, but its first argument does not vary by element (newton_schulz(x, a, b, c, steps, eps))", "lr", 8, 23);
    }

    [Fact]
    public void OPTG0034_NewtonSchulzWithAPerElementCoefficient()
    {
        string source = Source("m = newton_schulz(g, g, -4.775, 2.0315, 5, 1e-7)\n    r = r + 1\n    w -= m * r");
        Is(Single(source, "OPTG0034"), source,
            "the arguments of 'newton_schulz' after the matrix must be the same for the whole tensor (newton_schulz(x, a, b, c, steps, eps))", "g", 8, 26);
    }

    [Fact]
    public void OPTG0035_APerRowStateReadWhereTheRankIsOne()
    {
        string source = Source("if rank == 1\n        m = m + g * r\n    else\n        m = m + g\n    end\n    r = r + 1\n    w -= m");
        Is(Single(source, "OPTG0035"), source, "'r' holds one value per row, but this branch runs only for rank-1 tensors (one row)", "r", 9, 21);
    }

    [Fact]
    public void OPTG0036_MoreThanFourShapeConditions()
    {
        string source = Source("if rank > 1\n        m = m + g\n    end\n    if rows > 2\n        m = m + g\n    end\n    if cols > 3\n        m = m + g\n    end\n    if matrices > 4\n        m = m + g\n    end\n    if n > 5\n        m = m + g\n    end\n    r = r + 1\n    w -= m * r");
        Assert.Equal("'Opt' branches on 5 distinct shape conditions; at most 4 are supported (each doubles the specialised kernels)",
            Single(source, "OPTG0036").GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void OPTG0037_AGlobalReductionOnlyOneShapeBranchReaches()
    {
        string source = Source("if rank >= 2\n        s = global_norm(g)\n        m = m + g * r / s\n    else\n        m = m + g\n    end\n    r = r + 1\n    w -= m");
        Assert.Equal("'Opt' has a global reduction (global_sum, global_norm, global_maxabs) that not every shape branch reaches in the same order; every tensor must take part in it: reduce over all tensors outside the branches",
            Single(source, "OPTG0037").GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}

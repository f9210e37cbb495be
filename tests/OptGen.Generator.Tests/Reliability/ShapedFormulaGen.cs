using CsCheck;

namespace OptGen.Generator.Tests.Reliability;

/// <summary>
/// Formulas with the shape syntax (docs/dsl.md §7) over the shaped test class: factored states rs (per row), cs (per
/// column), ms (per matrix), ri / ci (per row / column index of the stack; together, an element value), the shape
/// names, axis reductions, newton_schulz and if / else if / else / end blocks on the rank. Mismatched axes, reductions
/// in branches and misplaced names are generated too: they must be rejected with an OPTG error, never crash. A class of
/// its own, so that it initialises after <see cref="FormulaGen"/>, whose pieces it reuses.
/// </summary>
internal static class ShapedFormulaGen
{
    private static readonly string[] ShapedLeaves = ["w", "g", "m", "v", "t", "lr", "n", "rank", "rows", "cols", "matrices", "Beta1", "Eps", "K", "1", "0.5", "2", "x", "rs", "cs", "ms", "ri", "ci"];
    private static readonly string[] AxisReductions =
    [
        "row_sum", "row_mean", "row_max", "row_min", "row_norm", "col_sum", "col_mean", "col_max", "col_min", "col_norm",
        "mat_sum", "mat_mean", "mat_max", "mat_min", "mat_norm",
    ];
    private static readonly string[] AxisDots = ["row_dot", "col_dot", "mat_dot"];

    public static readonly Gen<string> Expr = Gen.Recursive<string>((depth, self) => depth > 3
        ? Gen.OneOf(ShapedLeaves)
        : Gen.Frequency(
            (5, Gen.OneOf(ShapedLeaves)),
            (4, Gen.Select(self, Gen.OneOf(FormulaGen.BinaryOps), self, (a, op, b) => $"{a} {op} {b}")),
            (2, Gen.Select(Gen.OneOf(FormulaGen.Unary), self, (f, a) => $"{f}({a})")),
            (1, Gen.Select(Gen.OneOf(FormulaGen.Binary), self, self, (f, a, b) => $"{f}({a}, {b})")),
            (4, Gen.Select(Gen.OneOf(AxisReductions), self, (f, a) => $"{f}(g * {a})")),
            (1, Gen.Select(Gen.OneOf(AxisReductions), self, (f, a) => $"{f}({a})")),
            (1, Gen.Select(Gen.OneOf(AxisDots), self, self, (f, a, b) => $"{f}(g * {a}, {b})")),
            (1, Gen.Select(Gen.OneOf("sum", "mean", "max", "min"), Gen.OneOf("row", "col"), self, (f, axis, a) => $"stack_{f}({axis}_{f}(g * {a}))")),
            (1, Gen.Select(Gen.OneOf(FormulaGen.Reductions), self, (f, a) => $"{f}(w + {a})")),
            (1, Gen.Select(self, Gen.OneOf("3.4445, -4.775, 2.0315, 5, 1e-7", "Beta1, -1, 0.5, K, Eps", "1, 0, 0, 0, 1", "2, -1.5, 0.5, 2, 1e-8"),
                (a, rest) => $"newton_schulz(m * {a}, {rest})")),
            (2, Gen.Select(FormulaGen.Condition(self), self, self, (c, a, b) => $"({c} ? {a} : {b})"))));

    // Assignments that match their state's axes (usually accepted) and random ones (usually OPTG0030).
    private static readonly Gen<string> ShapedStatement = Gen.Frequency(
        (3, Gen.Select(Gen.OneOf("w", "m", "v", "x", "y", "g"), Gen.OneOf("=", "+=", "-=", "*="), Expr, (t, op, e) => $"{t} {op} {e}")),
        (2, Gen.Select(Expr, Gen.OneOf("row_mean", "row_max", "row_norm", "row_sum"), (e, f) => $"rs = rs * 0.5 + {f}(g * {e})")),
        (2, Gen.Select(Expr, Gen.OneOf("col_mean", "col_max", "col_norm", "col_sum"), (e, f) => $"cs = {f}(g - {e}) + cs")),
        (1, Gen.Select(Expr, Gen.OneOf("mat_mean", "mat_max", "mat_norm", "mat_sum"), (e, f) => $"ms = {f}(w * {e})")),
        (1, Gen.Select(Expr, Gen.OneOf("max", "min", "sum", "mean"), (e, f) => $"ri = stack_{f}(row_{f}(g * {e}))")),
        (1, Gen.Select(Expr, Gen.OneOf("max", "min", "sum", "mean"), (e, f) => $"ci = max(ci, stack_{f}(col_{f}(g + {e})))")),
        (1, Gen.Select(Gen.OneOf("rs", "cs", "ms", "ri", "ci"), Expr, (t, e) => $"{t} = {e}")),
        // A row-index value with a column-index one is an element value (computed in the pass): as a local, inline, and
        // reduced back to an index of the stack.
        (1, Gen.Select(Gen.OneOf("min", "max"), Expr, (f, e) => $"y = {f}(ri, ci) * {e}")),
        (1, Gen.Select(Gen.OneOf("sum", "max"), Gen.OneOf("ri * ci", "min(ri, ci) + x", "ri - ci * y"),
            (f, e) => $"ri = stack_{f}(row_{f}({e}))")));

    private static readonly string[] RankConditions =
        ["rank >= 2", "rank == 1", "rank > 2", "rows > cols", "Flag", "!Flag && rank >= 2", "matrices > 1", "n > 4", "cols == 1 || rank < 2", "rank >= 2 && cols > 1", "rank == 2", "t > 1"];

    private static readonly Gen<string> Block = ShapedStatement.Array[1, 3].Select(s => string.Join("\n", s));

    /// <summary>A statement, or if / else if / else / end around statements (the mutations break them).</summary>
    private static readonly Gen<string> ShapedPiece = Gen.Frequency(
        (6, ShapedStatement),
        (4, Gen.Select(Gen.OneOf(RankConditions), Block, Block, (c, a, b) => $"if {c}\n{a}\nelse\n{b}\nend")),
        (2, Gen.Select(Gen.OneOf(RankConditions), Gen.OneOf(RankConditions), Block, Block, Block,
            (c1, c2, a, b, d) => $"if {c1}\n{a}\nelse if {c2}\n{b}\nelse\n{d}\nend")),
        (2, Gen.Select(Gen.OneOf(RankConditions), Block, (c, a) => $"if {c}\n{a}\nend")));

    /// <summary>A shaped update: the pieces, then statements that use every state and write w, so it is often accepted.</summary>
    public static readonly Gen<string> Update = Gen.Select(ShapedPiece.Array[0, 4], Expr, Gen.OneOf("\n", "\n\n"),
        (pieces, last, separator) => string.Join(separator,
            new[] { "x = g * 1" }.Concat(pieces)
                .Append("if rank >= 2\n    rs = row_mean(g * g)\n    cs = col_mean(g * g)\n    ms = mat_max(abs(g))\n    ri = stack_max(row_max(g * g))\n    ci = stack_max(col_max(g * g))\n    u = g / sqrt(rs * cs + ms + ri + ci + Eps)\nelse\n    u = g\nend")
                .Append("m = Beta1 * m + (1 - Beta1) * u")
                .Append("v = v + u * u")
                .Append($"w -= lr * m / (sqrt(v) + Eps) + {last} * 0")));

    /// <summary>A shaped update with 1 to 4 random mutations.</summary>
    public static readonly Gen<string> Mutated = FormulaGen.MutationsOf(Update);
}

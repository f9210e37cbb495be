using System.Threading;
using OptGen.Generator.Binding;
using OptGen.Generator.Model;
using OptGen.Generator.Parsing;
using ValueType = OptGen.Generator.Binding.ValueType; // not System.ValueType (a global using)

namespace OptGen.Generator.Tests;

public class BinderTests
{
    private static ClassSpec Spec(string update, StateSpec[]? states = null, HyperparameterSpec[]? hyperparameters = null) =>
        new(null, "Opt", false, 1e-3,
            (hyperparameters ?? new[] { Hyper("Beta", HyperparameterType.Float), Hyper("Flag", HyperparameterType.Bool) }).ToEquatableArray(),
            (states ?? new[] { new StateSpec("m", 0, false, null), new StateSpec("s", 0, true, null) }).ToEquatableArray(),
            new[] { new FormulaText(update, null, EquatableArray<PositionSegment>.Empty) }.ToEquatableArray(),
            null, EquatableArray<DiagnosticInfo>.Empty);

    private static HyperparameterSpec Hyper(string name, HyperparameterType type) =>
        new(name, type, "public ", 0, double.NegativeInfinity, double.PositiveInfinity, null);

    private static (List<BStatement> Bound, List<DiagnosticInfo> Diagnostics) Bind(string update)
    {
        var errors = new List<SyntaxError>();
        List<Stmt> statements = Parser.ParseStatements(update, 0, errors, CancellationToken.None);
        Assert.Empty(errors);
        var diagnostics = new List<DiagnosticInfo>();
        return (Binder.BindUpdate(Spec(update), statements, diagnostics).OfType<BStatement>().ToList(), diagnostics);
    }

    private static List<BStatement> BindClean(string update)
    {
        (List<BStatement> bound, List<DiagnosticInfo> diagnostics) = Bind(update + "\nw -= m + s");
        Assert.Empty(diagnostics);
        return bound.Take(bound.Count - 1).ToList();
    }

    [Theory]
    [InlineData("x = 1", nameof(Level.Step))]
    [InlineData("x = Beta * lr + t", nameof(Level.Step))]
    [InlineData("x = global_norm(g)", nameof(Level.Step))]
    [InlineData("x = Flag ? 1 : 2", nameof(Level.Step))]
    [InlineData("x = n", nameof(Level.Tensor))]
    [InlineData("x = s * Beta", nameof(Level.Tensor))]
    [InlineData("x = norm(w) / sqrt(n)", nameof(Level.Tensor))]
    [InlineData("x = dot(g, m) + lr", nameof(Level.Tensor))]
    [InlineData("x = g", nameof(Level.Element))]
    [InlineData("x = m * Beta", nameof(Level.Element))]
    [InlineData("x = lr > 0 ? w : 0", nameof(Level.Element))]
    [InlineData("x = g - mean(g)", nameof(Level.Element))]
    public void Levels(string statement, string expected) =>
        Assert.Equal(System.Enum.Parse<Level>(expected), Assert.Single(BindClean(statement)).Result.Level);

    [Fact]
    public void ReductionsHaveTensorOrStepLevelAndKeepTheirKind()
    {
        BStatement s = Assert.Single(BindClean("x = global_maxabs(g) + maxabs(g)"));
        var sum = Assert.IsType<BBinary>(s.Expr);
        var global = Assert.IsType<BReduce>(sum.Left);
        var local = Assert.IsType<BReduce>(sum.Right);
        Assert.Equal((ReductionKind.MaxAbs, true, Level.Step), (global.Kind, global.IsGlobal, global.Level));
        Assert.Equal((ReductionKind.MaxAbs, false, Level.Tensor), (local.Kind, local.IsGlobal, local.Level));
    }

    [Fact]
    public void ComparisonsAreConditionsAndArithmeticIsNumbers()
    {
        List<BStatement> bound = BindClean("c = g > 0 && !(m < 1)\nx = c ? 1 : 2");
        Assert.Equal(ValueType.Bool, bound[0].Result.Type);
        Assert.Equal(Level.Element, bound[0].Result.Level);
        Assert.Equal(ValueType.Number, bound[1].Result.Type);
    }

    [Theory]
    [InlineData("w -= g < 0", "'w -=' needs numbers on both sides")]
    [InlineData("w = g < 0", "'w' holds numbers, but this assigns it a condition")]
    [InlineData("w -= (g && 1)", "'&&' needs conditions, but its left operand is a number")]
    [InlineData("w -= g + (g > 0)", "'+' needs numbers, but its right operand is a condition")]
    [InlineData("w -= g ? 1 : 2", "the condition of '?:' must be a comparison or other condition, not a number")]
    [InlineData("w -= g > 0 ? 1 : g > 1", "both branches of '?:' must be numbers, or both conditions")]
    [InlineData("w -= !g", "'!' needs a condition, but its operand is a number")]
    [InlineData("w -= -(g > 0)", "unary '-' needs a number, but its operand is a condition")]
    [InlineData("w -= sqrt(g > 0)", "the arguments of 'sqrt' must be numbers, not conditions")]
    [InlineData("w -= Flag * g", "'*' needs numbers, but its left operand is a condition")]
    public void TypeErrors(string update, string message)
    {
        (_, List<DiagnosticInfo> diagnostics) = Bind(update + "\nw -= m + s");
        DiagnosticInfo d = Assert.Single(diagnostics);
        Assert.Equal("OPTG0013", d.Id);
        Assert.Equal(message, d.Arguments[0]);
    }

    [Fact]
    public void EachAssignmentDefinesANewValueAndReadsSeeTheLatest()
    {
        List<BStatement> bound = BindClean("x = g\nx = x * 2\nm = x + m\nx = m");
        Assert.Equal(new[] { "x#1", "x#2", "m#1", "x#3" }, bound.Select(b => b.Result.ToString()));

        // x#2 reads x#1; m#1 reads x#2 and the buffer as it was before the step; x#3 reads m#1.
        Value x1 = bound[0].Result, x2 = bound[1].Result, m1 = bound[2].Result;
        Assert.Same(x1, Assert.IsType<BRef>(Assert.IsType<BBinary>(bound[1].Expr).Left).Value);
        var mExpr = Assert.IsType<BBinary>(bound[2].Expr);
        Assert.Same(x2, Assert.IsType<BRef>(mExpr.Left).Value);
        Value mBefore = Assert.IsType<BRef>(mExpr.Right).Value;
        Assert.Equal((ValueKind.Buffer, 0), (mBefore.Kind, mBefore.Version));
        Assert.Same(m1, Assert.IsType<BRef>(bound[3].Expr).Value);

        // Locals stay locals; the buffer assignment is stored into the buffer.
        Assert.Equal(TargetKind.Local, x1.Target.Kind);
        Assert.Equal(new Target(TargetKind.Buffer, 0), m1.Target);
    }

    [Fact]
    public void ALocalChangesLevelWhenReassigned()
    {
        List<BStatement> bound = BindClean("x = lr\nx = x * g\nx = sum(x)");
        Assert.Equal(new[] { Level.Step, Level.Element, Level.Tensor }, bound.Select(b => b.Result.Level));
    }

    [Fact]
    public void CompoundAssignmentReadsThePreviousValue()
    {
        BStatement s = Assert.Single(BindClean("g *= 2"));
        var mul = Assert.IsType<BBinary>(s.Expr);
        Assert.Equal(Op.Mul, mul.Op);
        Assert.Equal(ValueKind.Gradient, Assert.IsType<BRef>(mul.Left).Value.Kind);
        Assert.Equal(new Target(TargetKind.Gradient, -1), s.Result.Target);
    }

    [Fact]
    public void ScalarStateStatementsArePerTensor()
    {
        BStatement s = Assert.Single(BindClean("s = s * Beta + 1"));
        Assert.Equal(Level.Tensor, s.Result.Level);
        Assert.Equal(new Target(TargetKind.ScalarState, 0), s.Result.Target);
    }

    [Fact]
    public void SeveralBindingErrorsAreReportedInOneRun()
    {
        (_, List<DiagnosticInfo> diagnostics) = Bind("t = 1\nx += 1\nw -= foo(g) + bar\nw -= clamp(g)");
        Assert.Equal(new[] { "OPTG0003", "OPTG0002", "OPTG0006", "OPTG0002", "OPTG0005", "OPTG0011", "OPTG0011" }, diagnostics.Select(d => d.Id));
    }
}

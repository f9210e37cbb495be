using System.Threading;
using OptGen.Generator.Binding;
using OptGen.Generator.Model;
using OptGen.Generator.Parsing;
using OptGen.Generator.Planning;

namespace OptGen.Generator.Tests;

/// <summary>How statements are cut into passes and phases.</summary>
public class PlannerTests
{
    private static Plan PlanOf(string update, params StateSpec[] states)
    {
        var errors = new List<SyntaxError>();
        List<Stmt> statements = Parser.ParseStatements(update, 0, errors, CancellationToken.None);
        Assert.Empty(errors);
        var spec = new ClassSpec(null, "Opt", false, 1e-3, EquatableArray<HyperparameterSpec>.Empty, states.ToEquatableArray(),
            new[] { new FormulaText(update, null, EquatableArray<PositionSegment>.Empty) }.ToEquatableArray(), null, EquatableArray<DiagnosticInfo>.Empty);
        var diagnostics = new List<DiagnosticInfo>();
        List<BNode> bound = Binder.BindUpdate(spec, statements, diagnostics);
        Assert.DoesNotContain(diagnostics, d => d.Id != "OPTG0010" && d.Id != "OPTG0011");
        // The shape class where every shape condition (if rank >= 2 ...) holds.
        Dictionary<string, bool> shape = ShapeConditions.Collect(bound).ToDictionary(ShapeConditions.Key, _ => true);
        return Planner.Build(VariantSpecializer.Specialize(bound, new Dictionary<int, bool>(), shape));
    }

    /// <summary>Each pass as "phase:statements|reductions", e.g. "0:m#1,w#1|norm".</summary>
    private static string[] Shape(Plan plan) => plan.Passes
        .Select(p => $"{p.Phase}:{string.Join(",", p.Ops.Select(o => o.Result.ToString()))}|{string.Join(",", p.Reductions.Select(r => (r.IsGlobal ? "global_" : "") + r.Kind.ToString().ToLowerInvariant()))}")
        .ToArray();

    [Fact]
    public void ElementStatementsFuseIntoOnePass()
    {
        Plan plan = PlanOf("m = 0.9 * m + g; v = v + g * g; w -= lr * m / sqrt(v + 1e-8)", new StateSpec("m", 0, false, null), new StateSpec("v", 0, false, null));
        Assert.Equal(new[] { "0:m#1,v#1,w#1|" }, Shape(plan));
        Assert.Empty(plan.ScratchSlots);
    }

    [Fact]
    public void ReductionsCloseThePassOfTheStatementsBeforeThem()
    {
        Plan plan = PlanOf("u = sqrt(g * g + 1); s = sum(u); w -= lr * s * u");
        Assert.Equal(new[] { "0:u#1|sum", "0:w#1|" }, Shape(plan));
        Assert.Equal(new[] { "u#1" }, plan.ScratchSlots.Keys.Select(v => v.ToString())); // u outlives its pass
    }

    [Fact]
    public void IndependentReductionsShareAPassEvenWithScalarsBetweenThem()
    {
        Plan plan = PlanOf("u = g / (w * w + 1); a = norm(w); b = norm(u); w -= lr * a / b * u");
        Assert.Equal(new[] { "0:u#1|norm,norm", "0:w#1|" }, Shape(plan));
    }

    [Theory]
    [InlineData("u = g * 2; s = sum(u); w -= lr * s * u", "0:u#1,w#1|")] // g is read again instead of u
    [InlineData("u = g * w + min(g, 1) * abs(w); s = sum(u); w -= lr * s * u", "0:u#1,w#1|")] // w is read and written anyway
    [InlineData("a = g * 2; u = a > 1 ? a : -a; s = sum(u); w -= lr * s * u", "0:a#1,u#1,w#1|")] // a chain, in order
    [InlineData("g = -g; u = g * (w + 1); s = sum(u); w -= lr * s * u", "0:g#1,u#1,w#1|")] // a rebound g is a local too
    public void ACheapValueIsRecomputedByTheLaterPassInsteadOfKeptInScratch(string update, string laterPass)
    {
        Plan plan = PlanOf(update);
        Assert.Equal(laterPass, Shape(plan)[1]);
        Assert.Empty(plan.ScratchSlots);
    }

    [Theory]
    [InlineData("u = g / 3 + sqrt(abs(g)); s = sum(u); w -= lr * s * u")] // a square root (a division by a constant is a product)
    [InlineData("u = m * v + g; s = sum(u); w -= lr * s * u")] // three streams the later pass does not read
    [InlineData("u = m * 2; m = m + g; s = sum(u); w -= lr * s * u * m")] // m's memory holds m#1 by then
    public void AValueIsKeptInScratchWhenRecomputingItWouldCostMoreOrReadOtherMemory(string update)
    {
        Plan plan = PlanOf(update, new StateSpec("m", 0, false, null), new StateSpec("v", 0, false, null));
        Assert.Equal(new[] { "u#1" }, plan.ScratchSlots.Keys.Select(v => v.ToString()));
        Assert.DoesNotContain(plan.Passes.Skip(1).SelectMany(p => p.Ops), o => o.Result.ToString() == "u#1");
    }

    [Fact]
    public void ARecomputedValueReadsTheVersionInMemoryBeforeThePassOverwritesIt()
    {
        // Pass 1 recomputes u from m#0 and writes m#1: it loads m before it stores (as every kernel does).
        Plan plan = PlanOf("u = m * 2; s = sum(u); m = m + s * g; w -= lr * u", new StateSpec("m", 0, false, null));
        Assert.Equal(new[] { "0:u#1|sum", "0:u#1,m#1,w#1|" }, Shape(plan));
        Assert.Empty(plan.ScratchSlots);
    }

    [Theory]
    [InlineData("w *= 0.9; a = norm(g); w -= lr * a * g", "0:|norm", "0:w#1,w#2|")] // the decay of decoupled weight decay
    [InlineData("w *= 1 - lr * 0.1; m = 0.9 * m + g; a = mean(m); w -= lr * a * m", "0:m#1|mean", "0:w#1,w#2|")]
    [InlineData("a = norm(w); w *= 0.9; b = norm(g * 2); w -= lr * a * b * g", "0:|norm,norm", "0:w#1,w#2|")] // the norm of w#0
    [InlineData("w = w * m; a = norm(g); w -= lr * a * m", "0:|norm", "0:w#1,w#2|")] // m is read there anyway
    public void AWriteOfTheWeightsMovesToThePassThatNextReadsThem(string update, string first, string later)
    {
        Plan plan = PlanOf(update, new StateSpec("m", 0, false, null), new StateSpec("v", 0, false, null));
        Assert.Equal(new[] { first, later }, Shape(plan));
        Assert.Equal(1, plan.DefinedInPass[plan.Passes[1].Ops[0].Result]);
    }

    [Theory]
    [InlineData("w *= 0.9; a = norm(w); w -= lr * a * g")] // its own pass reads the new w (for the norm)
    [InlineData("w *= 0.9; c = global_norm(g); w -= lr * c * g")] // a global reduction between
    [InlineData("w = w * m; m = m * 0.5; a = norm(g); w -= lr * a * m")] // by then m's memory holds m#1, not m#0
    [InlineData("w = w + v; a = norm(g); w -= lr * a * g")] // v would be one more stream of the later pass
    [InlineData("w = w * m + g; a = norm(g); w -= lr * a * m")] // so would g
    [InlineData("u = g * 2; w = w * u; a = norm(g); w -= lr * a * g")] // u is a local of the first pass
    public void AWriteOfTheWeightsStaysWhereMovingItWouldChangeWhatItReadsOrSaveNothing(string update)
    {
        Plan plan = PlanOf(update, new StateSpec("m", 0, false, null), new StateSpec("v", 0, false, null));
        Assert.Contains(plan.Passes[0].Ops, o => o.Result.ToString() == "w#1");
    }

    [Theory]
    [InlineData("s = sum(g - mean(g)); w -= lr * s * g")]
    [InlineData("s = sum(g * (mean(g) + 1)); w -= lr * s * g")]
    [InlineData("a = mean(g); b = a * 2; s = sum(g * b); w -= lr * s * g")]
    public void AReductionThatNeedsAnotherWaitsForTheNextPass(string update) =>
        Assert.Equal(new[] { "0:|mean", "0:|sum", "0:w#1|" }, Shape(PlanOf(update)));

    [Fact]
    public void AGlobalReductionEndsAPhase()
    {
        Plan plan = PlanOf("c = global_norm(g); g *= min(1, 1 / (c + 1e-6)); w -= lr * g");
        Assert.Equal(new[] { "0:|global_norm", "1:g#1,w#1|" }, Shape(plan));
        Assert.Equal(2, plan.PhaseCount);
    }

    [Fact]
    public void APerTensorScalarUsedAfterAGlobalReductionIsKeptInATempSlot()
    {
        Plan plan = PlanOf("a = norm(g); c = global_norm(g); w -= lr * a / c * g");
        Assert.Equal(new[] { "0:|norm,global_norm", "1:w#1|" }, Shape(plan));
        Assert.Single(plan.TempSlots);
    }

    [Fact]
    public void ScalarStateFinalValueIsWrittenBack()
    {
        Plan plan = PlanOf("s = s + norm(g); w -= lr * s * g", new StateSpec("s", 0, true, null));
        Assert.Equal("s#1", Assert.Single(plan.FinalScalarStates).Value.ToString());
        Assert.Equal(new[] { "0:|norm", "0:w#1|" }, Shape(plan));
    }

    [Theory]
    [InlineData("s = g * g + 0.9 * min(r, c); r = stack_max(row_max(s)); c = stack_max(col_max(s)); w -= lr * g / sqrt(s)")]
    [InlineData("x = min(r, c) + 1; r = stack_max(row_max(g * g)); w -= lr * g * x")]
    public void AValueOfRowsAndColumnsIsAnElementValueComputedInThePass(string update)
    {
        // One value per (row, column) of the stack's matrices: as large as a rank-2 tensor, so it is not hoisted into an
        // array between passes but computed per element from the row's and the column's values.
        Plan plan = PlanOf("if rank >= 2\n" + update + "\nend",
            new StateSpec("r", 0, false, null, Shape: StateShapeKind.RowIndex), new StateSpec("c", 0, false, null, Shape: StateShapeKind.ColumnIndex));
        Assert.DoesNotContain(plan.Scalars, s => s.Result.Level == Level.Axis && (s.Result.Axes & (Axes.Row | Axes.Column)) == (Axes.Row | Axes.Column));
        Assert.Contains(plan.Passes.SelectMany(p => p.Ops), o => Planner.Uses(o.Expr).Any(v => v.Name == "r") && Planner.Uses(o.Expr).Any(v => v.Name == "c"));
    }

    [Fact]
    public void AFactoredStateAssignedAgainWaitsForTheLoopThatReadsItsEarlierVersion()
    {
        Plan plan = PlanOf("if rank >= 2\nrs = row_sum(g * rs)\nrs = rows\nrs = rs + row_sum(g * rs)\nend\nw -= lr * g",
            new StateSpec("rs", 0, false, null, Shape: StateShapeKind.Row));
        // Two loops, one per version of rs read; rs = rows is written after the first (with the first sum's rs before it).
        Assert.Equal(new[] { "0:|sum", "0:w#1|sum", "0:|" }, Shape(plan));
        ScalarDef rows = Assert.Single(plan.Scalars, s => s.Expr is BRef { Value.Name: "rows" });
        Assert.Equal(1, rows.Pass);
        Assert.True(plan.Scalars.IndexOf(rows) > plan.Scalars.FindIndex(s => s.Result.Name == "rs" && s.Expr is BRef { Value.Name: not "rows" }));
    }

    [Fact]
    public void ARepeatedReductionIsComputedOnce()
    {
        // The second row_norm(w) would join the first's pass; it reads the first's result instead.
        Plan plan = PlanOf("a = row_norm(w)\nb = mat_max(a)\nc = w / (row_norm(w) + 1)\nd = mat_sum(c * g)\nw -= lr * (b + d) * c");
        Assert.Single(plan.Reductions, r => r.Kind == ReductionKind.Norm);
        Assert.Equal(new[] { "0:|norm", "0:c#1|sum", "0:c#1,w#1|" }, Shape(plan));
    }

    [Fact]
    public void ReductionsOfDrawsAreNeverShared()
    {
        Plan plan = PlanOf("a = sum(g * normal())\nb = sum(g * normal())\nw -= lr * (a - b) * g");
        Assert.Equal(2, plan.Reductions.Count);
    }

    [Theory]
    [InlineData("a = norm(g)\nw -= lr * g", "0:w#1|")] // a local nothing reads
    [InlineData("a = row_norm(w)\nif rank >= 2\nu = g\nelse\nu = g / (a + 1)\nend\nw -= lr * u", "0:u#1,w#1|")] // read only in the branch not taken
    [InlineData("c = global_norm(g)\nw -= lr * g", "0:|global_norm", "1:w#1|")] // a global reduction ends a phase in every shape class: kept
    [InlineData("m = 0.9 * m + g\nw -= lr * g", "0:m#1,w#1|")] // a state's write is the step's effect: kept
    public void StatementsNothingReadsAreDropped(string update, params string[] passes) =>
        Assert.Equal(passes, Shape(PlanOf(update, new StateSpec("m", 0, false, null))));

    [Fact]
    public void AReadOfTheLossIsKeptThoughNothingReadsIt()
    {
        // The class's Loss property and ILossAware follow from the plans reading loss (OptionalMembers).
        Plan plan = PlanOf("a = loss * 2\nw -= lr * g");
        Assert.Contains(plan.Scalars, s => Planner.Uses(s.Expr).Any(v => v.Name == "loss"));
    }

    [Fact]
    public void DivisionByAScalarBecomesAMultiplicationByItsHoistedReciprocal()
    {
        Plan plan = PlanOf("w -= g / (lr + 1)");
        ScalarDef h = Assert.Single(plan.Scalars);
        var div = Assert.IsType<BBinary>(h.Expr);
        Assert.Equal(Op.Div, div.Op);
        Assert.Equal(1.0, Assert.IsType<BConst>(div.Left).Value);
        var sub = Assert.IsType<BBinary>(Assert.Single(plan.Passes[0].Ops).Expr);
        Assert.Equal(Op.Mul, Assert.IsType<BBinary>(sub.Right).Op);
    }
}

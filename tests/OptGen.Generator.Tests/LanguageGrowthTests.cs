using System.Threading;
using OptGen.Generator.Binding;
using OptGen.Generator.Extraction;
using OptGen.Generator.Model;
using OptGen.Generator.Parsing;
using OptGen.Generator.Planning;
using OptGen.Testing;

namespace OptGen.Generator.Tests;

/// <summary>
/// The language's growth through parsing, binding and planning: state from w, <c>loss</c>, per-element
/// <c>uniform()</c>/<c>normal()</c>, <c>mod</c> and <c>f32</c>, and their diagnostics.
/// </summary>
public class LanguageGrowthTests
{
    private static ClassSpec Spec(string update, params StateSpec[] states) =>
        new(null, "Opt", false, 1e-3, EquatableArray<HyperparameterSpec>.Empty, states.ToEquatableArray(),
            new[] { new FormulaText(update, null, EquatableArray<PositionSegment>.Empty) }.ToEquatableArray(), null, EquatableArray<DiagnosticInfo>.Empty);

    private static (List<BStatement> Bound, List<DiagnosticInfo> Diagnostics) Bind(string update, params StateSpec[] states)
    {
        var errors = new List<SyntaxError>();
        List<Stmt> statements = Parser.ParseStatements(update, 0, errors, CancellationToken.None);
        Assert.Empty(errors);
        var diagnostics = new List<DiagnosticInfo>();
        ClassSpec spec = Spec(update, states);
        DeclarationChecks.Check(spec, diagnostics);
        return (Binder.BindUpdate(spec, statements, diagnostics).OfType<BStatement>().ToList(), diagnostics);
    }

    private static BStatement First(string update)
    {
        (List<BStatement> bound, List<DiagnosticInfo> diagnostics) = Bind(update + "\nw -= lr * g");
        Assert.Empty(diagnostics);
        return bound[0];
    }

    [Theory]
    [InlineData("mod(t, 3)", "mod", 2)]
    [InlineData("f32(lr / 3)", "f32", 1)]
    [InlineData("normal()", "normal", 0)]
    [InlineData("uniform()", "uniform", 0)]
    public void NewFunctionsParseAsCalls(string text, string name, int arity)
    {
        var errors = new List<SyntaxError>();
        Statement s = Assert.IsType<Statement>(Assert.Single(Parser.ParseStatements("x = " + text, 0, errors, CancellationToken.None)));
        Assert.Empty(errors);
        CallExpr call = Assert.IsType<CallExpr>(s.Value);
        Assert.Equal(name, call.Name);
        Assert.Equal(arity, call.Arguments.Count);
    }

    [Theory]
    [InlineData("x = mod(t, 3)", nameof(Level.Step))]
    [InlineData("x = mod(g, 2)", nameof(Level.Element))]
    [InlineData("x = f32(lr / 3)", nameof(Level.Step))]
    [InlineData("x = f32(norm(g))", nameof(Level.Tensor))]
    [InlineData("x = loss * 2", nameof(Level.Step))]
    [InlineData("x = loss / global_sum(g * g)", nameof(Level.Step))]
    [InlineData("x = normal()", nameof(Level.Element))]
    [InlineData("x = lr * uniform()", nameof(Level.Element))]
    public void Levels(string statement, string expected) =>
        Assert.Equal(System.Enum.Parse<Level>(expected), First(statement).Result.Level);

    [Fact]
    public void ModIsWrittenOutAsXMinusYTimesFloorOfXOverY()
    {
        var sub = Assert.IsType<BBinary>(First("x = mod(t, 3)").Expr);
        Assert.Equal(Op.Sub, sub.Op);
        var mul = Assert.IsType<BBinary>(sub.Right);
        Assert.Equal(Op.Mul, mul.Op);
        Assert.Equal(3, Assert.IsType<BConst>(mul.Left).Value);
        var floor = Assert.IsType<BCall>(mul.Right);
        Assert.Equal(Function.Floor, floor.Function);
        Assert.Equal(Op.Div, Assert.IsType<BBinary>(floor.Args[0]).Op);
    }

    [Fact]
    public void F32OfAPerStepValueIsACallAndOfAnElementAWarningThatKeepsTheValue()
    {
        Assert.Equal(Function.F32, Assert.IsType<BCall>(First("x = f32(lr / 3)").Expr).Function);
        (List<BStatement> bound, List<DiagnosticInfo> diagnostics) = Bind("w -= lr * f32(g)");
        Assert.Equal("OPTG0041", Assert.Single(diagnostics).Id);
        Assert.False(Assert.Single(diagnostics).IsError);
        var product = Assert.IsType<BBinary>(Assert.IsType<BBinary>(bound[0].Expr).Right);
        Assert.Equal(ValueKind.Gradient, Assert.IsType<BRef>(product.Right).Value.Kind);
    }

    [Fact]
    public void DrawsInAnUpdateArePerElementWithOneSitePerCall()
    {
        (List<BStatement> bound, List<DiagnosticInfo> diagnostics) = Bind("a = normal()\nb = uniform() + normal()\nw -= lr * (g + a + b)");
        Assert.Empty(diagnostics);
        var a = Assert.IsType<BRandom>(bound[0].Expr);
        var b = Assert.IsType<BBinary>(bound[1].Expr);
        Assert.Equal([(true, 0), (false, 1), (true, 2)],
            new[] { a, (BRandom)b.Left, (BRandom)b.Right }.Select(r => (r.Normal, r.Site)).ToArray());
        Assert.All([a, (BRandom)b.Left], r => Assert.Equal(Level.Element, r.Level));
    }

    [Theory]
    [InlineData("loss = 1\nw -= lr * g", "OPTG0003")]
    [InlineData("w -= lr * normal(2) * g", "OPTG0005")]
    [InlineData("w -= lr * mod(t) * g", "OPTG0005")]
    [InlineData("w -= lr * f32(t, 2) * g", "OPTG0005")]
    [InlineData("s = normal()\nw -= lr * s * g", "OPTG0014")]
    public void MisuseIsDiagnosed(string update, string id)
    {
        (_, List<DiagnosticInfo> diagnostics) = Bind(update, new StateSpec("s", 0, true, null));
        Assert.Contains(diagnostics, d => d.Id == id);
    }

    [Theory]
    [InlineData(true, 0, 0.0, "scalar")]
    [InlineData(false, 1, 0.0, "factored")]
    [InlineData(false, 0, 1.0, "Init")]
    public void AStateFromWMustBePerElementAndHaveNoInit(bool scalar, int shape, double init, string reason)
    {
        (_, List<DiagnosticInfo> diagnostics) = Bind("w -= lr * (g + x0)", new StateSpec("x0", init, scalar, null, Shape: (StateShapeKind)shape, FromWeights: true));
        DiagnosticInfo d = Assert.Single(diagnostics, d => d.Id == "OPTG0040");
        Assert.Contains(reason, d.Message);
    }

    [Fact]
    public void APerElementStateFromWBindsCleanly()
    {
        (_, List<DiagnosticInfo> diagnostics) = Bind("w -= lr * (g + w - x0)", new StateSpec("x0", 0, false, null, FromWeights: true));
        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("d = max(d, global_norm(g))", true)]
    [InlineData("d = d + loss * t + lr", true)]
    [InlineData("d = max(d, norm(g))", false)]
    [InlineData("d = d + g", false)]
    [InlineData("if rank >= 2\n d = 1\nend", false)]
    public void ASharedStateIsPerStepAndTakesOnlyPerStepValues(string assignment, bool valid)
    {
        (List<BStatement> bound, List<DiagnosticInfo> diagnostics) = Bind(assignment + "\nw -= lr * d * g", new StateSpec("d", 0, true, null, Shared: true));
        if (!valid)
        {
            Assert.Equal("OPTG0042", Assert.Single(diagnostics).Id);
            return;
        }
        Assert.Empty(diagnostics);
        Assert.Equal(TargetKind.SharedState, bound[0].Result.Target.Kind);
        Assert.Equal(Level.Step, bound[0].Result.Level);
        // Read before it is assigned: the shared value itself, a per-step value.
        Assert.Contains(Planner.Uses(bound[0].Expr), v => v.Kind == ValueKind.SharedState && v.Level == Level.Step);
    }

    [Fact]
    public void ThePlanKeepsTheLastValueOfASharedState()
    {
        string update = "d = d + 1\nd = max(d, global_norm(g))\nw -= lr * d * g";
        var errors = new List<SyntaxError>();
        var diagnostics = new List<DiagnosticInfo>();
        ClassSpec spec = Spec(update, new StateSpec("d", 0, true, null, Shared: true));
        Plan plan = Planner.Build(VariantSpecializer.Specialize(Binder.BindUpdate(spec, Parser.ParseStatements(update, 0, errors, CancellationToken.None), diagnostics), new Dictionary<int, bool>()));
        Assert.Empty(diagnostics);
        Assert.Equal("d#2", Assert.Single(plan.FinalSharedStates).Value.ToString());
        Assert.Empty(plan.FinalScalarStates);
    }

    [Fact]
    public void DrawsStayInTheElementPassAndTheLossIsAPerStepScalar()
    {
        string update = "z = normal()\nstep = loss / (global_sum(g * g) + 1e-12)\nw -= lr * step * (g + 0.1 * z)";
        var errors = new List<SyntaxError>();
        List<Stmt> statements = Parser.ParseStatements(update, 0, errors, CancellationToken.None);
        var diagnostics = new List<DiagnosticInfo>();
        Plan plan = Planner.Build(VariantSpecializer.Specialize(Binder.BindUpdate(Spec(update), statements, diagnostics), new Dictionary<int, bool>()));
        Assert.Empty(diagnostics);
        Assert.Equal(2, plan.PhaseCount); // the global sum ends a phase
        Assert.True(plan.Reads(v => v.Kind == ValueKind.Builtin && v.Name == "loss"));
        // z is drawn in the pass that uses it (no scratch buffer for a value that a pure function gives again).
        Assert.Contains(plan.Passes, p => p.Ops.Any(o => o.Result.Target.Kind == TargetKind.Weight));
    }

    [Fact]
    public void TheGeneratedOptimizerImplementsLossAwarenessAndASeedOnlyWhenItsUpdateNeedsThem()
    {
        GeneratorOutput plain = GeneratorHarness.Run(Samples.Adam);
        Assert.DoesNotContain("ILossAware", plain.Single);
        Assert.DoesNotContain("Seed", plain.Single);
        GeneratorOutput output = GeneratorHarness.Run(Samples.NoisyPolyak);
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Empty(output.CompilationDiagnostics);
        Assert.Contains("OptGen::ILossAware", output.Single);
        Assert.Contains("public ulong Seed { get; set; }", output.Single);
        Assert.Contains("BufferFromWeights = [true]", output.Single);
    }
}

using System.Reflection;
using Microsoft.CodeAnalysis;
using OptGen.Testing;

namespace OptGen.Generator.Tests.Reliability;

/// <summary>Each generator bug the property tests found, as a directed test.</summary>
public sealed class RegressionTests
{
    private static readonly string AdamMembers = """
        /// <summary>h</summary>
        [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta1 { get; set; }
        """;

    private static GeneratorOutput Run(string source)
    {
        GeneratorOutput run = GeneratorRuns.Generate(source);
        return run;
    }

    private static bool Implemented(GeneratorOutput run) => run.Implemented();

    private static void AssertClean(GeneratorOutput run, params string[] allowed)
    {
        Assert.True(Implemented(run), "no Step was generated: " + string.Join("; ", run.GeneratorDiagnostics));
        Assert.Empty(run.CompileDiagnostics().Where(d => !allowed.Contains(d.Id)));
    }

    private static void AssertRejected(GeneratorOutput run, string id)
    {
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == id);
        Assert.False(Implemented(run));
        Assert.DoesNotContain(run.CompileDiagnostics(), d => d.Location.SourceTree?.FilePath != GeneratorRuns.InputPath);
    }

    [Fact] // KeyNotFoundException in PassModel.MemoryOf (OPTG0090): a local assigned in two of three branches of an 'else if' chain, read after it
    public void ALocalFromAnElseIfChainWithoutAValueInEveryBranch() => AssertRejected(Run(Sources.Optimizer(
        Sources.Literal("if rank > 2\ny = g * 3\nelse if rank >= 2\ny = g * 2\nelse\nw *= 2\nend\ny *= norm(w)\nw -= lr * g * y"))), "OPTG0033");

    [Fact] // NullReferenceException in ClassExtractor.ReadFormulas
    public void UpdateWithANullArray() => AssertRejected(Run(Sources.Optimizer("null!")), "OPTG0015");

    [Fact] // ArgumentException from AddSource: the hint name held '@'
    public void NamespaceWithAKeyword() => AssertClean(Run(Sources.Optimizer(Sources.Update("g"), ns: "namespace N.@class;", members: AdamMembers)));

    [Fact] // the generated 'partial class class' did not compile
    public void ClassNamedWithAKeyword() => AssertClean(Run(Sources.Optimizer(Sources.Update("g"), name: "@class")), "CS8981");

    [Fact] // both pipelines added the same hint name: ArgumentException, the whole generator failed
    public void OptimizerAndScheduleOnOneClass() =>
        AssertRejected(Run(Sources.Optimizer(Sources.Update("g"), extra: ", Schedule(\"lr0\")", members: AdamMembers)), "OPTG0015");

    [Fact] // silently ignored: no Step, no diagnostic, only "partial property has no implementation"
    public void RecordClass() =>
        AssertRejected(Run(Sources.Optimizer(Sources.Update("g")).Replace("partial class", "partial record")), "OPTG0009");

    [Fact] // a hyperparameter named '@float' was written as 'partial float float'
    public void HyperparameterNamedWithAKeyword() =>
        Assert.Contains(Run(Sources.Optimizer(Sources.Update("g"), members: "/// <summary>h</summary>\n[Hyperparameter(1)] public partial float @float { get; set; }")).GeneratorDiagnostics,
            d => d.Id == "OPTG0012");

    [Fact] // Beta1 and beta1 both got the backing field '_beta1Value'
    public void HyperparametersDifferingOnlyInCase() => AssertClean(Run(Sources.Optimizer(Sources.Update("Beta1 * beta1"),
        members: AdamMembers + "\n/// <summary>h</summary>\n[Hyperparameter(0.5)] public partial float beta1 { get; set; }")));

    [Fact] // the transform's property and the user's were both generated: CS0102
    public void UserMemberNamedLikeATransformProperty()
    {
        GeneratorOutput run = Run(Sources.Optimizer(Sources.Update("g"), extra: ", ClipGradientNorm(1.0)",
            members: "/// <summary>h</summary>\npublic float MaxGradientNorm { get; set; }"));
        AssertRejected(run, "OPTG0017");
    }

    [Theory] // a hyperparameter named like a generated private method: CS0102 in the generated code
    [InlineData("Run")]
    [InlineData("Pass0")]
    [InlineData("__state")]
    public void HyperparameterNamedLikeAGeneratedMember(string name) =>
        AssertRejected(Run(Sources.Optimizer(Sources.Update(name), members: $"/// <summary>h</summary>\n[Hyperparameter(1)] public partial float {name} {{ get; set; }}")), "OPTG0017");

    [Theory] // a user local named '__skip' was taken for [SkipNonFinite]'s guard: 'if (__skip_1) return false;' on a double (CS0029)
    [InlineData("__skip = 1e-400\nm = g\nw -= lr * m", "")]
    [InlineData("__skip = t > 1\nm = __skip ? g : 0\nw -= lr * m", "")]
    [InlineData("__skip = t > 1\nm = __skip ? g : 0\nw -= lr * m", ", SkipNonFinite")]
    public void UserLocalNamedLikeTheSkipGuard(string formula, string extra)
    {
        GeneratorOutput run = Run(Sources.Optimizer(Sources.Literal(formula), extra: extra));
        AssertClean(run);
        // The local is an ordinary value: on step 1 'm = 0', on step 2 'm = g'; the step is never abandoned.
        var opt = (IOptimizer)Activator.CreateInstance(GeneratorRuns.Load(run).GetType("T.Opt")!)!;
        var p = new Parameter([1f], [0.5f]);
        opt.LearningRate = 1f;
        opt.Step(p);
        opt.Step(p);
        Assert.Equal(2, opt.StepCount);
        Assert.Equal(formula.StartsWith("__skip = 1e", StringComparison.Ordinal) ? 0f : 0.5f, p.Value[0]);
    }

    [Fact] // ... while the real guard still abandons a step with a non-finite gradient
    public void SkipNonFiniteGuardStillWorks()
    {
        GeneratorOutput run = Run(Sources.Optimizer(Sources.Literal("m = g\nw -= lr * m"), extra: ", SkipNonFinite"));
        AssertClean(run);
        var opt = (IOptimizer)Activator.CreateInstance(GeneratorRuns.Load(run).GetType("T.Opt")!)!;
        var p = new Parameter([1f, 2f], [float.NaN, 1f]);
        opt.LearningRate = 1f;
        opt.Step(p);
        Assert.Equal(0, opt.StepCount);
        Assert.Equal([1f, 2f], p.Value.ToArray());
        p.Grad[0] = 1f;
        opt.Step(p);
        Assert.Equal(1, opt.StepCount);
        Assert.Equal([0f, 1f], p.Value.ToArray());
    }

    [Fact] // a constant local that is never read: warning CS0219 in the generated code
    public void UnusedConstantLocal() => AssertClean(Run(Sources.Optimizer(Sources.Literal("y = 1\nc = 1 < 2\nm = g\nw -= lr * m"))));

    [Fact] // 'w = 1e-8' overwritten before it is read: 'var w_1 = 1E-08f;' in the scalar loop, warning CS0219
    public void ElementTargetAssignedAConstantAndOverwritten() =>
        AssertClean(Run(Sources.Optimizer(Sources.Literal("w = 1e-8\nm = g\nw = g * 2\nw -= lr * m"))));

    [Fact] // the same in a schedule
    public void UnusedConstantLocalInASchedule() => Assert.Empty(Run("""
        using OptGen;
        /// <summary>s</summary>
        [Schedule("warm = 1\nlr0 * 0.5")]
        public partial class S { }
        """).CompileDiagnostics());

    [Fact] // Max = 1e300 on an int was written as 'value > (long)1e300' = long.MinValue: the setter rejected every value
    public void IntegerBoundsBeyondTheTypeRange()
    {
        GeneratorOutput run = Run(Sources.Optimizer(Sources.Update("K"),
            members: "/// <summary>h</summary>\n[Hyperparameter(3, Min = -1e300, Max = 1e300)] public partial int K { get; set; }\n" +
                     "/// <summary>h</summary>\n[Hyperparameter(3, Min = 2.5, Max = 1e19)] public partial long L { get; set; }"));
        AssertClean(run);
        Type type = GeneratorRuns.Load(run).GetType("T.Opt")!;
        object opt = Activator.CreateInstance(type)!;
        PropertyInfo k = type.GetProperty("K")!, l = type.GetProperty("L")!;
        k.SetValue(opt, 5);
        k.SetValue(opt, int.MinValue);
        Assert.Equal(int.MinValue, k.GetValue(opt));
        l.SetValue(opt, long.MaxValue);
        var e = Assert.Throws<TargetInvocationException>(() => l.SetValue(opt, 2L));
        Assert.IsType<ArgumentOutOfRangeException>(e.InnerException);
    }

    [Theory] // '- -e' became '(--2.718d)': a decrement operator, CS1059
    [InlineData("t - -e")]
    [InlineData("-(-pi) * m")]
    [InlineData("m - -2 * g")]
    [InlineData("g * 2 - -e")]
    public void NegatedNegativeConstant(string rhs) => AssertClean(Run(Sources.Optimizer(Sources.Update(rhs))));

    [Theory] // 'n <= n' gave warning CS1718 (comparison to the same variable)
    [InlineData("(n <= n ? 1 : 0)")]
    [InlineData("(g == g ? m : 0)")]
    [InlineData("(t != t ? 1 : lr)")]
    public void ComparisonOfAValueWithItself(string rhs) => AssertClean(Run(Sources.Optimizer(Sources.Update(rhs))));

    [Fact] // a per-tensor condition crossing a global reduction was stored in a double temp slot: CS0029, CS1503
    public void PerTensorConditionAcrossAGlobalReduction()
    {
        GeneratorOutput run = Run(Sources.Optimizer(Sources.Literal("c = sum(g) > 0\nr = global_norm(g)\nm = (c ? g : -g) / (r + 1)\nw -= lr * m")));
        AssertClean(run);
        // And it runs: the sign of each tensor's own gradient sum picks the branch, after the global norm.
        object opt = Activator.CreateInstance(GeneratorRuns.Load(run).GetType("T.Opt")!)!;
        var a = new Parameter([1f, 1f], [1f, 2f]);
        var b = new Parameter([1f], [-2f]);
        ((IOptimizer)opt).LearningRate = 1f;
        ((IOptimizer)opt).Step(a, b);
        double r = Math.Sqrt(1 + 4 + 4);
        Assert.Equal(1 - 1 / (r + 1), a.Value[0], 1e-6);
        Assert.Equal(1 - 2 / (r + 1), a.Value[1], 1e-6);
        Assert.Equal(1 - 2 / (r + 1), b.Value[0], 1e-6);
    }

    [Theory] // a scalar state 'acc0' and the accumulator of the first reduction were both 'acc0_0' (CS0128)
    [InlineData("[State(\"acc0\", Scalar = true)]", "acc0 = acc0 + 1\nm = g * acc0 / (global_norm(g) + 1)\nw -= lr * m")]
    [InlineData("[State(\"h0\", Scalar = true)]", "h0 = h0 + t\nm = g / (h0 + lr)\nw -= lr * m")]
    [InlineData("[State(\"r0\", Scalar = true)]", "r0 = sum(g)\nm = g * r0 + mean(g)\nw -= lr * m")]
    [InlineData("", "acc0 = sum(g)\nm = g * acc0 + mean(g * 2) + norm(g)\nw -= lr * m")]
    public void UserNamesThatLookLikeGeneratedLocals(string state, string formula) =>
        AssertClean(Run(Sources.Optimizer(Sources.Literal(formula)).Replace("[Update(", state + "\n[Update(")));

    [Fact]
    public void GlobalNamespace() => AssertClean(Run(Sources.Optimizer(Sources.Update("g"), ns: "", members: AdamMembers)));

    [Theory] // line separators that C# treats as newlines, and other odd whitespace, inside an accepted formula
    [InlineData("\u2028")]
    [InlineData("\u2029")]
    [InlineData("\u0085")]
    [InlineData("\v")]
    [InlineData("\f")]
    [InlineData("\u00A0")]
    [InlineData("\r")]
    public void OddWhitespaceInAFormula(string space)
    {
        GeneratorOutput run = Run(Sources.Optimizer(Sources.Literal($"m = g{space}* 2\nw -= lr *{space}m")));
        if (Implemented(run))
            AssertClean(run);
        else
            Assert.Contains(run.GeneratorDiagnostics, d => GeneratorRuns.IsOptg(d) && d.Severity == DiagnosticSeverity.Error);
    }
}

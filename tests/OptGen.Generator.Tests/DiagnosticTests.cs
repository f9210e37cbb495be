using System.Reflection;
using Microsoft.CodeAnalysis;
using OptGen.Generator.Tests.Harness;
using OptGen.Testing;
using static OptGen.Generator.Tests.Harness.DiagnosticAssert;

namespace OptGen.Generator.Tests;

/// <summary>Diagnostics found in formulas: one test per id, checking message, squiggle and line/column.</summary>
public class DiagnosticTests
{
    [Fact]
    public void EveryDiagnosticIdHasATest()
    {
        var tested = new[] { typeof(DiagnosticTests), typeof(DeclarationDiagnosticTests), typeof(ShapeDiagnosticTests), typeof(GeneratorFailureTests) }
            .SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttributes<FactAttribute>().Any())
            .Select(m => m.Name.Split('_')[0])
            .ToHashSet();
        var ids = DiagnosticDescriptors.All.Select(d => d.Id).OrderBy(id => id).ToList();
        Assert.Equal(Enumerable.Range(1, 21).Concat(Enumerable.Range(30, 8)).Concat(Enumerable.Range(40, 3)).Append(90).Select(i => $"OPTG{i:0000}"), ids);
        Assert.Equal(ids, ids.Where(tested.Contains));
    }

    [Fact]
    public void OPTG0001_SyntaxErrorInARawMultiLineLiteral()
    {
        const string source = """"
            using OptGen;

            namespace Demo;

            [Optimizer]
            [State("m")]
            [Update("""
                m = 0.9 * m + g
                w -= lr * m ) + g
                """)]
            public partial class Opt
            {
            }
            """";
        Is(Single(source, "OPTG0001"), source, "Syntax error in formula: unexpected ')': a statement ends at a new line or ';'", ")", 9, 17);
    }

    [Fact]
    public void OPTG0001_EveryBrokenStatementIsReported()
    {
        string source = Optimizer("w -= lr * (g + ; w -= g )", inDemo: true);
        GeneratorOutput output = GeneratorHarness.Run(source);
        Diagnostic[] errors = output.GeneratorDiagnostics.Where(d => d.Id == "OPTG0001").ToArray();
        Assert.Equal(2, errors.Length);
        Is(errors[0], source, "Syntax error in formula: expected a number, a name or '(', found the end of the statement", ";", 6, 25);
        Is(errors[1], source, "Syntax error in formula: unexpected ')': a statement ends at a new line or ';'", ")", 6, 34);
        // A class with formula errors gets the shell, whose Step throws, never an update (ShellTests runs it).
        Assert.Contains("public void Step(params System::ReadOnlySpan<OptGen::Parameter> parameters) => throw new System::InvalidOperationException(", output.Single);
    }

    [Fact]
    public void OPTG0001_ErrorAtALineBreakSitsAfterTheLastCharacterBeforeIt()
    {
        const string source = """"
            using OptGen;

            [Optimizer]
            [Update("""
                w -= lr * (g +

                """)]
            public partial class Opt { }
            """";
        // The line ends with an operator, so the statement continues onto the next (empty) lines and the formula ends.
        Is(Single(source, "OPTG0001"), source, "Syntax error in formula: expected a number, a name or '(', found the end of the formula", "", 5, 19);
    }

    [Fact]
    public void OPTG0002_UnknownNameInAVerbatimMultiLineLiteral()
    {
        const string source = """
            using OptGen;

            namespace Demo;

            [Optimizer]
            [State("m")]
            [Update(@"m = 0.9 * m + g
            w -= lr * foo * m")]
            public partial class Opt { }
            """;
        Is(Single(source, "OPTG0002"), source, "The name 'foo' is not defined", "foo", 8, 11);
    }

    [Fact]
    public void OPTG0002_UnknownNameWithAHint()
    {
        string source = Optimizer("w -= lr0 * g", inDemo: true);
        Is(Single(source, "OPTG0002"), source, "The name 'lr0' is not defined (in an update the learning rate is 'lr')", "lr0", 6, 15);
    }

    [Fact]
    public void OPTG0002_TypoSuggestsTheNearestNameInScope()
    {
        string source = Optimizer("m = 0.9 * m + g; step = lr * m; w -= stpe + Bta1 * 0", state: """[State("m")]""", member: "[Hyperparameter(0.9)] public partial float Beta1 { get; set; }");
        GeneratorOutput output = GeneratorHarness.Run(source);
        Diagnostic[] errors = output.GeneratorDiagnostics.Where(d => d.Id == "OPTG0002").ToArray();
        Assert.Equal(2, errors.Length);
        Is(errors[0], source, "The name 'stpe' is not defined; did you mean 'step'?", "stpe", 5, 47);
        Is(errors[1], source, "The name 'Bta1' is not defined; did you mean 'Beta1'?", "Bta1", 5, 54);
        Assert.Equal(["step", "Beta1"], errors.Select(d => d.Properties[Analysis.DiagnosticProperties.Suggestion]));
    }

    [Fact]
    public void OPTG0002_ALocalIsNotSuggestedBeforeItIsAssigned()
    {
        string source = Optimizer("w -= lr * stpe; step = g");
        Diagnostic d = Single(source, "OPTG0002");
        Is(d, source, "The name 'stpe' is not defined", "stpe", 4, 20);
        Assert.False(d.Properties.ContainsKey(Analysis.DiagnosticProperties.Suggestion));
    }

    [Fact]
    public void OPTG0003_AssigningABuiltInInASingleLineRawLiteral()
    {
        const string source = """"
            using OptGen;

            namespace Demo;

            [Optimizer]
            [Update("""t = 1; w -= lr * g""")]
            public partial class Opt { }
            """";
        Is(Single(source, "OPTG0003"), source, "Cannot assign to 't': it is a built-in value (the step number)", "t", 6, 12);
    }

    [Fact]
    public void OPTG0003_AssigningAHyperparameter()
    {
        string source = Optimizer("Beta = 1; w -= lr * Beta * g", member: "[Hyperparameter(0.9)] public partial float Beta { get; set; }", inDemo: true);
        Is(Single(source, "OPTG0003"), source, "Cannot assign to 'Beta': it is a hyperparameter, set from C# through its property", "Beta", 6, 10);
    }

    [Fact]
    public void OPTG0005_WrongArityInALiteralWithAnEscapeFallsBackToTheWholeLiteral()
    {
        const string source = """
            using OptGen;

            namespace Demo;

            [Optimizer]
            [Update("w -= lr * g\nw -= clamp(w, 1)")]
            public partial class Opt { }
            """;
        Is(Single(source, "OPTG0005"), source, "'clamp' takes 3 arguments, but 2 were given", "\"w -= lr * g\\nw -= clamp(w, 1)\"", 6, 9);
    }

    [Fact]
    public void OPTG0005_WrongAritySquigglesTheCall()
    {
        string source = Optimizer("w -= lr * dot(g) * g");
        Is(Single(source, "OPTG0005"), source, "'dot' takes 2 arguments, but 1 was given", "dot(g)", 4, 20);
    }

    [Fact]
    public void OPTG0006_UnknownFunction()
    {
        string source = Optimizer("w -= lr * foo(g)", inDemo: true);
        Is(Single(source, "OPTG0006"), source, "'foo' is not a function of the formula language", "foo", 6, 20);
    }

    [Fact]
    public void OPTG0006_TypoSuggestsTheNearestFunction()
    {
        string source = Optimizer("w -= lr * g / globl_norm(g)");
        Is(Single(source, "OPTG0006"), source, "'globl_norm' is not a function of the formula language; did you mean 'global_norm'?", "globl_norm", 4, 24);
    }

    [Fact]
    public void OPTG0006_AScheduleIsOfferedItsOwnFunctionsOnly()
    {
        const string source = """
            using OptGen;

            [Schedule("lr0 * (1 + 0.1 * uniformm()) + sums(t)")]
            public partial class Noisy { }
            """;
        GeneratorOutput output = GeneratorHarness.Run(source);
        Assert.Equal(["'sums' is not a function of the formula language", "'uniformm' is not a function of the formula language; did you mean 'uniform'?"],
            output.GeneratorDiagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).Order());
    }

    [Fact]
    public void OPTG0005_ARandomDrawTakesNoArguments()
    {
        string source = Optimizer("w -= lr * normal(1) * g");
        Is(Single(source, "OPTG0005"), source, "'normal' takes no arguments, but 1 was given", "normal(1)", 4, 20);
    }

    [Fact]
    public void OPTG0042_ASharedStateAssignedAPerTensorValue()
    {
        string source = Optimizer("d = max(d, norm(g)); w -= lr * d * g", state: """[State("d", Shared = true)]""");
        Is(Single(source, "OPTG0042"), source,
            "'d' is one value shared by all tensors of a step, but this assigns it a per-tensor value: use per-step values (hyperparameters, t, lr, loss, global reductions, shared states)",
            "max(d, norm(g))", 5, 14);
    }

    [Fact]
    public void OPTG0041_F32OfAPerElementValue()
    {
        string source = Optimizer("w -= lr * f32(g * 2)");
        Is(Single(source, "OPTG0041"), source, "'f32' rounds a per-step value to float32, but its argument varies by element and is float32 already: the call does nothing", "f32(g * 2)", 4, 20);
    }

    [Fact]
    public void OPTG0007_PerElementNameInASchedule()
    {
        const string source = """
            using OptGen;

            [Schedule("lr0 * w")]
            public partial class Sched { }
            """;
        Is(Single(source, "OPTG0007"), source, "'w' cannot be used in a schedule: a schedule has only per-step values", "w", 3, 18);
    }

    [Fact]
    public void OPTG0007_ReductionInASchedule()
    {
        const string source = """
            using OptGen;

            [Schedule("lr0 * norm(t)")]
            public partial class Sched { }
            """;
        Is(Single(source, "OPTG0007"), source, "'norm' cannot be used in a schedule: a schedule has only per-step values", "norm", 3, 18);
    }

    [Fact]
    public void OPTG0013_TypeMismatchInAnIndentedRawLiteral()
    {
        const string source = """"
            using OptGen;

            namespace Demo;

            [Optimizer]
            [Update("""
                    w -= g < 0
                    """)]
            public partial class Opt { }
            """";
        Is(Single(source, "OPTG0013"), source, "'w -=' needs numbers on both sides", "g < 0", 7, 14);
    }

    [Fact]
    public void OPTG0013_AScheduleThatIsAConditionSquigglesAcrossLines()
    {
        const string source = """"
            using OptGen;

            [Schedule("""
                lr0 >
                  1
                """)]
            public partial class Sched { }
            """";
        Is(Single(source, "OPTG0013"), source, "A schedule must compute a number, but this formula is a condition", "lr0 >\n      1", 4, 5);
    }

    [Fact]
    public void OPTG0014_PerElementValueAssignedToAScalarState()
    {
        string source = Optimizer("s = s + g; w -= lr * s", state: """[State("s", Scalar = true)]""");
        Is(Single(source, "OPTG0014"), source, "'s' holds one value per tensor, but this assigns it a per-element value", "s + g", 5, 14);
    }

    [Fact]
    public void OPTG0016_ReductionOfAPerStepValue()
    {
        string source = Optimizer("w -= lr * sum(lr) * g", inDemo: true);
        Is(Single(source, "OPTG0016"), source, "'sum' reduces over the elements of a tensor, but its argument does not vary by element", "sum(lr)", 6, 20);
    }

    [Fact]
    public void OPTG0018_TenThousandParentheses()
    {
        string source = "using OptGen;\n\n[Optimizer]\n[Update(\"w = " + new string('(', 10_000) + "g" + new string(')', 10_000) + "\")]\npublic partial class Opt { }\n";
        GeneratorOutput output = GeneratorHarness.Run(source);
        Diagnostic d = Assert.Single(output.GeneratorDiagnostics);
        // "w = " then 200 parentheses fit; the one after them opens level 201.
        Is(d, source, "The formula is nested more than 200 levels deep", "(", 4, 10 + 4 + 200);
        Assert.Equal("OPTG0018", d.Id);
    }

    [Fact]
    public void OPTG0018_ALongChainInAScheduleIsTooDeepNotACrash()
    {
        string source = "using OptGen;\n\n[Schedule(\"lr0" + string.Concat(Enumerable.Repeat(" * 0.5", 50_000)) + "\")]\npublic partial class Sched { }\n";
        Diagnostic d = Assert.Single(GeneratorHarness.Run(source).GeneratorDiagnostics);
        Assert.Equal("OPTG0018", d.Id);
        Assert.Equal("The formula is nested more than 200 levels deep", d.GetMessage());
        Assert.StartsWith("lr0 * 0.5 * 0.5", source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length));
    }

    [Fact]
    public void OPTG0020_NumberOutOfRange()
    {
        string source = Optimizer("w -= 1e400 * g", inDemo: true);
        Is(Single(source, "OPTG0020"), source, "The number '1e400' is not a finite double", "1e400", 6, 15);
    }
}

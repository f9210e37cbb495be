using Microsoft.CodeAnalysis;
using OptGen.Generator.Tests.Harness;
using OptGen.Testing;
using static OptGen.Generator.Tests.Harness.DiagnosticAssert;

namespace OptGen.Generator.Tests;

/// <summary>Diagnostics about the declaration (class, states, hyperparameters): one test per id.</summary>
public class DeclarationDiagnosticTests
{
    // The only diagnostic of `source`, a warning with `id`, after which the generated code compiles.
    private static Diagnostic WarningThatStillCompiles(string source, string id)
    {
        GeneratorOutput output = GeneratorHarness.Run(source);
        Diagnostic d = Assert.Single(output.GeneratorDiagnostics);
        Assert.Equal((id, DiagnosticSeverity.Warning), (d.Id, d.Severity));
        Assert.Empty(output.CompilationDiagnostics);
        return d;
    }

    [Fact]
    public void OPTG0040_AScalarStateCannotStartAsW()
    {
        string source = Optimizer("w -= lr * (g + x0)", state: """[State("x0", Scalar = true, InitFromWeights = true)]""", inDemo: true);
        Is(Single(source, "OPTG0040"), source,
            "State 'x0' cannot start as a copy of w: it is a scalar (Scalar = true), one value per tensor; only a per-element state can hold a copy of w", "\"x0\"", 6, 8);
    }

    [Fact]
    public void OPTG0004_StateDeclaredTwice()
    {
        string source = Optimizer("m = m + g; w -= lr * m", state: """[State("m"), State("m")]""", inDemo: true);
        Is(Single(source, "OPTG0004"), source, "'m' is declared more than once", "\"m\"", 6, 20);
    }

    [Fact]
    public void OPTG0004_StateWithTheNameOfAHyperparameter()
    {
        string source = Optimizer("w -= lr * Beta * g", state: """[State("Beta")]""", member: "[Hyperparameter(0.9)] public partial float Beta { get; set; }");
        Is(Single(source, "OPTG0004"), source, "'Beta' is declared more than once", "\"Beta\"", 4, 8);
    }

    [Fact]
    public void OPTG0008_ClassNotPartial()
    {
        const string source = """
            using OptGen;

            namespace Demo;

            [Optimizer]
            [Update("w -= lr * g")]
            public class Opt { }
            """;
        GeneratorOutput output = GeneratorHarness.Run(source);
        Is(Assert.Single(output.GeneratorDiagnostics), source, "'Opt' must be declared 'partial' so that OptGen can implement it", "Opt", 7, 14);
        Assert.Empty(output.Sources);
    }

    [Fact]
    public void OPTG0009_NestedClass()
    {
        const string source = """
            using OptGen;

            public partial class Outer
            {
                [Optimizer]
                [Update("w -= lr * g")]
                public partial class Inner { }
            }
            """;
        Is(Single(source, "OPTG0009"), source, "'Inner' must be a top-level, non-generic class: it is nested in another type", "Inner", 7, 26);
    }

    [Theory]
    [InlineData("class Opt<T>", "it has type parameters", 22)]
    [InlineData("record Opt", "it is a record", 23)]
    public void OPTG0009_AGenericClassOrARecord(string declared, string why, int column)
    {
        string source = $$"""
            using OptGen;

            [Optimizer]
            [Update("w -= lr * g")]
            public partial {{declared}} { }
            """;
        Is(Single(source, "OPTG0009"), source, $"'Opt' must be a top-level, non-generic class: {why}", "Opt", 5, column);
    }

    [Fact]
    public void OPTG0010_OptimizerThatNeverWritesWIsAWarningAndStillCompiles()
    {
        string source = Optimizer("m = m + g", state: """[State("m")]""", inDemo: true);
        Is(WarningThatStillCompiles(source, "OPTG0010"), source, "Optimizer 'Opt' never assigns 'w', so a step does not change the parameters", "\"m = m + g\"", 7, 9);
    }

    [Fact]
    public void OPTG0011_StateNeverReadIsAWarningAndStillCompiles()
    {
        string source = Optimizer("m = m + g; v = g; w -= lr * m", state: """[State("m"), State("v")]""", inDemo: true);
        Is(WarningThatStillCompiles(source, "OPTG0011"), source, "State 'v' is never read by the update", "\"v\"", 6, 20);
    }

    [Theory]
    [InlineData("[Hyperparameter(2.0, Min = 0, Max = 1)] public partial float Beta { get; set; }", "Beta", 66, "Hyperparameter 'Beta' has default 2 outside its range [0, 1]")]
    [InlineData("[Hyperparameter(0)] public partial string Name { get; set; }", "Name", 47, "Hyperparameter 'Name' has type 'string', but must be float, double, int, long or bool")]
    public void OPTG0012_ADefaultOutsideTheRangeOrAnUnsupportedType(string member, string name, int column, string message)
    {
        string source = Optimizer("w -= lr * g", member: member);
        Is(Single(source, "OPTG0012"), source, message, name, 7, column);
    }

    [Fact]
    public void OPTG0021_TwoInterfacesDeclareAHyperparameterDifferentlyAndAClassDeclarationSettlesIt()
    {
        const string conflict = """
            using OptGen;

            namespace Demo;

            internal interface IA { [Hyperparameter(1e-8, Min = 0)] float Eps { get; set; } }
            internal interface IB { [Hyperparameter(1e-6, Min = 0, Max = 1)] float Eps { get; set; } }
            internal interface IC { [Hyperparameter(1e-8, Min = 0)] float Eps { get; set; } }

            [Optimizer]
            [Update("w -= lr * g / (1 + Eps)")]
            public partial class Opt : IA, IB { }
            """;
        Is(Single(conflict, "OPTG0021"), conflict,
            "Hyperparameter 'Eps' is declared differently by 'IA' (float, default 1E-08, at least 0) and 'IB' (float, default 1E-06, in [0, 1]); declare it in 'Opt' to choose one",
            "Opt", 11, 22);

        string settled = conflict.Replace("public partial class Opt : IA, IB { }",
            "public partial class Opt : IA, IB { [Hyperparameter(1e-7, Min = 0, Max = 1)] public partial float Eps { get; set; } }");
        Assert.Empty(GeneratorHarness.Run(settled).AllDiagnostics);
        // Interfaces that agree need nothing: one property implements both.
        Assert.Empty(GeneratorHarness.Run(conflict.Replace("Opt : IA, IB", "Opt : IA, IC")).AllDiagnostics);
    }

    [Fact]
    public void OPTG0015_OptimizerWithoutUpdate()
    {
        const string source = """
            using OptGen;

            [Optimizer]
            public partial class Opt { }
            """;
        Is(Single(source, "OPTG0015"), source, "Optimizer 'Opt' needs an [Update(\"...\")] attribute with its update statements", "Opt", 4, 22);
    }

    [Fact]
    public void OPTG0015_UpdateWithoutStatements()
    {
        string source = Optimizer(" ; ");
        Is(Single(source, "OPTG0015"), source, "The [Update] of 'Opt' has no statements", "\" ; \"", 4, 9);
    }

    [Fact]
    public void OPTG0015_BothOptimizerAndSchedule()
    {
        const string source = """
            using OptGen;

            [Optimizer, Schedule("lr0")]
            [Update("w -= lr * g")]
            public partial class Opt { }
            """;
        Is(Single(source, "OPTG0015"), source, "'Opt' cannot be both an [Optimizer] and a [Schedule]", "Opt", 5, 22);
    }

    [Theory]
    [InlineData("lr", "w -= lr * g", "'lr' is a built-in name of the formula language; choose another name for the hyperparameter")]
    [InlineData("LearningRate", "w -= lr * g", "'LearningRate' is a member OptGen generates; choose another name for the hyperparameter")]
    [InlineData("Run", "w -= lr * Run * g", "'Run' is a member OptGen generates; choose another name for the hyperparameter")] // the generated Run method
    [InlineData("__Phase0", "w -= lr * __Phase0 * g", "'__Phase0' is a member OptGen generates; choose another name for the hyperparameter")] // a phase's program
    public void OPTG0017_HyperparameterWithABuiltInOrGeneratedName(string name, string update, string message)
    {
        string source = $$"""
            using OptGen;

            [Optimizer]
            [Update("{{update}}")]
            public partial class Opt
            {
                [Hyperparameter(0.1)] public partial float {{name}} { get; set; }
            }
            """;
        Is(Single(source, "OPTG0017"), source, message, name, 7, 48);
    }

    [Fact]
    public void OPTG0017_StateWithABuiltInName()
    {
        string source = Optimizer("w -= lr * g", state: """[State("w")]""");
        Is(Single(source, "OPTG0017"), source, "'w' is a built-in name of the formula language; choose another name for the state", "\"w\"", 4, 8);
    }

    [Fact]
    public void OPTG0019_TooManyBoolHyperparameters()
    {
        string flags = string.Concat(Enumerable.Range(1, 7).Select(i => $"    [Hyperparameter(false)] public partial bool F{i} {{ get; set; }}\n"));
        string source = "using OptGen;\n\n[Optimizer]\n[Update(\"w -= lr * g\")]\npublic partial class Opt\n{\n" + flags + "}\n";
        Is(Single(source, "OPTG0019"), source, "'Opt' has 7 bool hyperparameters; at most 6 are supported (each doubles the specialised loops)", "Opt", 5, 22);
    }
}

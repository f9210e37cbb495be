using Microsoft.CodeAnalysis;
using OptGen.Generator.Tests.Harness;
using OptGen.Testing;
using static OptGen.Generator.Tests.Harness.DiagnosticAssert;

namespace OptGen.Generator.Tests;

/// <summary>Diagnostics about the declaration (class, states, hyperparameters): one test per id.</summary>
public class DeclarationDiagnosticTests
{
    [Fact]
    public void OPTG0040_a_scalar_state_cannot_start_as_w()
    {
        const string source = """
            using OptGen;

            namespace Demo;

            [Optimizer]
            [State("x0", Scalar = true, InitFromWeights = true)]
            [Update("w -= lr * (g + x0)")]
            public partial class Opt { }
            """;
        Is(Single(source, "OPTG0040"), source,
            "State 'x0' cannot start as a copy of w: it is a scalar (Scalar = true), one value per tensor; only a per-element state can hold a copy of w", "\"x0\"", 6, 8);
    }

    [Fact]
    public void OPTG0004_state_declared_twice()
    {
        const string source = """
            using OptGen;

            namespace Demo;

            [Optimizer]
            [State("m"), State("m")]
            [Update("m = m + g; w -= lr * m")]
            public partial class Opt { }
            """;
        Is(Single(source, "OPTG0004"), source, "'m' is declared more than once", "\"m\"", 6, 20);
    }

    [Fact]
    public void OPTG0004_state_with_the_name_of_a_hyperparameter()
    {
        const string source = """
            using OptGen;

            [Optimizer]
            [State("Beta")]
            [Update("w -= lr * Beta * g")]
            public partial class Opt
            {
                [Hyperparameter(0.9)] public partial float Beta { get; set; }
            }
            """;
        Is(Single(source, "OPTG0004"), source, "'Beta' is declared more than once", "\"Beta\"", 4, 8);
    }

    [Fact]
    public void OPTG0008_class_not_partial()
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
    public void OPTG0009_nested_class()
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

    [Fact]
    public void OPTG0009_generic_class()
    {
        const string source = """
            using OptGen;

            [Optimizer]
            [Update("w -= lr * g")]
            public partial class Opt<T> { }
            """;
        Is(Single(source, "OPTG0009"), source, "'Opt' must be a top-level, non-generic class: it has type parameters", "Opt", 5, 22);
    }

    [Fact]
    public void OPTG0009_record()
    {
        const string source = """
            using OptGen;

            [Optimizer]
            [Update("w -= lr * g")]
            public partial record Opt { }
            """;
        Is(Single(source, "OPTG0009"), source, "'Opt' must be a top-level, non-generic class: it is a record", "Opt", 5, 23);
    }

    [Fact]
    public void OPTG0010_optimizer_that_never_writes_w_is_a_warning_and_still_compiles()
    {
        const string source = """
            using OptGen;

            namespace Demo;

            [Optimizer]
            [State("m")]
            [Update("m = m + g")]
            public partial class Opt { }
            """;
        GeneratorOutput output = GeneratorHarness.Run(source);
        Diagnostic d = Assert.Single(output.GeneratorDiagnostics);
        Assert.Equal(("OPTG0010", DiagnosticSeverity.Warning), (d.Id, d.Severity));
        Is(d, source, "Optimizer 'Opt' never assigns 'w', so a step does not change the parameters", "\"m = m + g\"", 7, 9);
        Assert.Empty(output.CompilationDiagnostics);
    }

    [Fact]
    public void OPTG0011_state_never_read_is_a_warning_and_still_compiles()
    {
        const string source = """
            using OptGen;

            namespace Demo;

            [Optimizer]
            [State("m"), State("v")]
            [Update("m = m + g; v = g; w -= lr * m")]
            public partial class Opt { }
            """;
        GeneratorOutput output = GeneratorHarness.Run(source);
        Diagnostic d = Assert.Single(output.GeneratorDiagnostics);
        Assert.Equal(("OPTG0011", DiagnosticSeverity.Warning), (d.Id, d.Severity));
        Is(d, source, "State 'v' is never read by the update", "\"v\"", 6, 20);
        Assert.Empty(output.CompilationDiagnostics);
    }

    [Fact]
    public void OPTG0012_default_outside_the_range()
    {
        const string source = """
            using OptGen;

            [Optimizer]
            [Update("w -= lr * g")]
            public partial class Opt
            {
                [Hyperparameter(2.0, Min = 0, Max = 1)] public partial float Beta { get; set; }
            }
            """;
        Is(Single(source, "OPTG0012"), source, "Hyperparameter 'Beta' has default 2 outside its range [0, 1]", "Beta", 7, 66);
    }

    [Fact]
    public void OPTG0012_unsupported_type()
    {
        const string source = """
            using OptGen;

            [Optimizer]
            [Update("w -= lr * g")]
            public partial class Opt
            {
                [Hyperparameter(0)] public partial string Name { get; set; }
            }
            """;
        Is(Single(source, "OPTG0012"), source, "Hyperparameter 'Name' has type 'string', but must be float, double, int, long or bool", "Name", 7, 47);
    }

    [Fact]
    public void OPTG0021_two_interfaces_declare_a_hyperparameter_differently_and_a_class_declaration_settles_it()
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
    public void OPTG0015_optimizer_without_update()
    {
        const string source = """
            using OptGen;

            [Optimizer]
            public partial class Opt { }
            """;
        Is(Single(source, "OPTG0015"), source, "Optimizer 'Opt' needs an [Update(\"...\")] attribute with its update statements", "Opt", 4, 22);
    }

    [Fact]
    public void OPTG0015_update_without_statements()
    {
        const string source = """
            using OptGen;

            [Optimizer]
            [Update(" ; ")]
            public partial class Opt { }
            """;
        Is(Single(source, "OPTG0015"), source, "The [Update] of 'Opt' has no statements", "\" ; \"", 4, 9);
    }

    [Fact]
    public void OPTG0015_both_optimizer_and_schedule()
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
    public void OPTG0017_hyperparameter_with_a_built_in_or_generated_name(string name, string update, string message)
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
    public void OPTG0017_state_with_a_built_in_name()
    {
        const string source = """
            using OptGen;

            [Optimizer]
            [State("w")]
            [Update("w -= lr * g")]
            public partial class Opt { }
            """;
        Is(Single(source, "OPTG0017"), source, "'w' is a built-in name of the formula language; choose another name for the state", "\"w\"", 4, 8);
    }

    [Fact]
    public void OPTG0019_too_many_bool_hyperparameters()
    {
        string flags = string.Concat(Enumerable.Range(1, 7).Select(i => $"    [Hyperparameter(false)] public partial bool F{i} {{ get; set; }}\n"));
        string source = "using OptGen;\n\n[Optimizer]\n[Update(\"w -= lr * g\")]\npublic partial class Opt\n{\n" + flags + "}\n";
        Is(Single(source, "OPTG0019"), source, "'Opt' has 7 bool hyperparameters; at most 6 are supported (each doubles the specialised loops)", "Opt", 5, 22);
    }
}

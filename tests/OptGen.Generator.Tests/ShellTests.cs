using System.Reflection;
using Microsoft.CodeAnalysis;
using OptGen.Generator.Tests.Reliability;
using OptGen.Testing;

namespace OptGen.Generator.Tests;

/// <summary>
/// A class whose formulas have errors still gets its members (the shell), so the OPTG errors are the only errors:
/// code that uses it compiles, and calling it throws an InvalidOperationException naming the first error.
/// </summary>
public class ShellTests
{
    private const string Typo = Samples.Typo + "\n\n" + """
        public static class Use
        {
            public static object Surface()
            {
                IOptimizer optimizer = new Typo { Beta1 = 0.5f, LearningRate = 0.25f, Schedule = null };
                optimizer.Reset();
                return (optimizer.LearningRate, optimizer.StepCount, ((Typo)optimizer).Beta1);
            }

            public static void Step() => new Typo().Step(new Parameter(new float[] { 1, 2 }));

            // The catalogue works on a shell: a tool that lists or sets hyperparameters by name keeps working.
            public static object Catalogue()
            {
                IHyperparameters h = new Typo();
                h.SetHyperparameter("Beta1", 0.25);
                return (h.Hyperparameters.Count, h.Hyperparameters[0].Name, h.GetHyperparameter("Beta1"));
            }
        }
        """;

    // Errors and warnings of the C# compiler (the OPTG ones are the analyzer's, in GeneratorDiagnostics).
    private static Diagnostic[] CSharpProblems(GeneratorOutput output) =>
        output.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();

    private static Type Load(GeneratorOutput output, string typeName) => GeneratorRuns.Load(output).GetType(typeName, throwOnError: true)!;

    // The generator on a source whose one formula error is `id`: the C# compiler has nothing to say, and the class
    // Use that calls the shell loads.
    private static Type ShellUse(string source, string id)
    {
        GeneratorOutput output = GeneratorHarness.Run(source);
        Assert.Equal(id, Assert.Single(output.GeneratorDiagnostics).Id);
        Assert.Empty(CSharpProblems(output));
        return Load(output, "Use");
    }

    private static object? Call(Type type, string method) => type.GetMethod(method)!.Invoke(null, null);

    private static InvalidOperationException Throws(Type type, string method) =>
        Assert.IsType<InvalidOperationException>(Assert.Throws<TargetInvocationException>(() => Call(type, method)).InnerException);

    [Fact]
    public void ATypoGivesOPTGErrorsOnlyAndStepThrowsNamingTheError()
    {
        GeneratorOutput output = GeneratorHarness.Run(Typo);
        Diagnostic error = Assert.Single(output.GeneratorDiagnostics);
        Assert.Equal("OPTG0002", error.Id);
        Assert.Empty(CSharpProblems(output));

        Type use = Load(output, "Demo.Use");
        Assert.Equal((0.25f, 0L, 0.5f), Call(use, "Surface"));
        Assert.Equal((1, "Beta1", 0.25), Call(use, "Catalogue"));
        InvalidOperationException e = Throws(use, "Step");
        Assert.Equal("'Typo' cannot step: its declaration has errors (see the build's OPTG diagnostics). OPTG0002: The name 'Bta1' is not defined; did you mean 'Beta1'?", e.Message);
    }

    [Fact]
    public void TheShellKeepsTheDefaultLearningRateAndValidatesIt()
    {
        string source = Typo.Replace("public static void Step()", "public static float Default() => new Typo().LearningRate;\n    public static void Negative() => new Typo().LearningRate = -1;\n    public static void Step()");
        Type use = Load(GeneratorHarness.Run(source), "Demo.Use");
        Assert.Equal(0.5f, Call(use, "Default"));
        Assert.IsType<ArgumentOutOfRangeException>(Assert.Throws<TargetInvocationException>(() => Call(use, "Negative")).InnerException);
    }

    [Fact]
    public void TheMessageCountsTheOtherErrors()
    {
        GeneratorOutput output = GeneratorHarness.Run(Typo.Replace("w -= lr * m", "w -= lr * mm + sqr(g)"));
        Assert.Equal(["OPTG0002", "OPTG0002", "OPTG0006"], output.GeneratorDiagnostics.Select(d => d.Id).Order());
        Assert.Empty(CSharpProblems(output));
        Assert.EndsWith("did you mean 'Beta1'? (and 2 more errors)", Throws(Load(output, "Demo.Use"), "Step").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AScheduleWithAnErrorHasItsMembersAndGetLearningRateThrows()
    {
        const string source = """
            using OptGen;

            [Schedule("lr0 * Gama^floor(t / 10)")]
            public partial class Decay
            {
                [Hyperparameter(0.5)] public partial float Gamma { get; set; }
            }

            public static class Use
            {
                public static object Surface()
                {
                    var s = new Decay { Gamma = 0.1f, TotalSteps = 100, Seed = 7 };
                    OptGen.ITotalStepsSchedule total = s;
                    return (total.TotalSteps, s.Seed);
                }

                public static double Rate() => ((ILearningRateSchedule)new Decay()).GetLearningRate(0, 1);
            }
            """;
        Type use = ShellUse(source, "OPTG0002");
        Assert.Equal((100L, 7UL), Call(use, "Surface"));
        Assert.StartsWith("'Decay' cannot compute a learning rate: ", Throws(use, "Rate").Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'Gamma'?", Throws(use, "Rate").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTransformsMembersExistInTheShell()
    {
        const string source = """
            using OptGen;

            [Optimizer]
            [ClipGradientNorm(2), SkipNonFinite, WeightEma(0.9), AccumulateGradients(4)]
            [Update("w -= lr * gg")]
            public partial class Transformed { }

            public static class Use
            {
                public static object Surface()
                {
                    var o = new Transformed { MaxGradientNorm = 3, EmaDecay = 0.5f, AccumulationSteps = 2 };
                    return (o.MaxGradientNorm, o.EmaDecay, o.AccumulationSteps, o.SkippedSteps);
                }

                public static float Ema() => new Transformed().GetWeightEma(0)[0];
            }
            """;
        Type use = ShellUse(source, "OPTG0002");
        Assert.Equal((3f, 0.5f, 2, 0L), Call(use, "Surface"));
        Assert.Contains("OPTG0002: The name 'gg' is not defined; did you mean 'g'?", Throws(use, "Ema").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AShellKeepsTheLossAndTheSeedItsUpdateWouldHaveHad()
    {
        const string source = """
            using OptGen;

            [Optimizer]
            [Update("w -= lr * (loss - fstar) * (g + normal())")]
            public partial class Noisy { }

            public static class Use
            {
                public static object Surface()
                {
                    ILossAware o = new Noisy { Seed = 3 };
                    o.Loss = 2;
                    return (o.Loss, ((Noisy)o).Seed);
                }
            }
            """;
        Type use = ShellUse(source, "OPTG0002");
        Assert.Equal((2.0, 3UL), Call(use, "Surface"));
    }

    [Fact]
    public void AMemberNamedLikeAGeneratedOneIsLeftOutWithTheInterface()
    {
        // OPTG0017 already says what is wrong; a second Step (or a Step the interface cannot use) would only add C# errors.
        const string source = """
            using OptGen;

            [Optimizer]
            [Update("w -= lr * g")]
            public partial class Clash
            {
                public int Step;
                [Hyperparameter(1)] public partial float Reset { get; set; }
            }
            """;
        GeneratorOutput output = GeneratorHarness.Run(source);
        Assert.Equal(["OPTG0017", "OPTG0017"], output.GeneratorDiagnostics.Select(d => d.Id));
        Assert.Empty(CSharpProblems(output));
        Assert.DoesNotContain("IOptimizer", output.Single, StringComparison.Ordinal);
        Assert.Contains("partial float Reset", output.Single, StringComparison.Ordinal);
    }

    [Fact]
    public void TheShellHasHyperparameterSchedulesOverItsCatalogue()
    {
        string source = Typo.Replace("public static void Step()", """
            public static double Scheduled()
            {
                OptGen.Schedules.IScheduledHyperparameters s = new Typo { Beta1 = 0.5f };
                s.HyperparameterSchedules.Set("Beta1", new OptGen.Schedules.ConstantSchedule());
                return s.HyperparameterSchedules.GetBase("Beta1");
            }

            public static void Step()
            """);
        GeneratorOutput output = GeneratorHarness.Run(source);
        Assert.Empty(CSharpProblems(output));
        Assert.Equal(0.5, Call(Load(output, "Demo.Use"), "Scheduled"));
    }

    [Fact]
    public void AMemberNamedHyperparameterSchedulesIsANameConflictAndTheShellLeavesTheMemberOut()
    {
        const string source = """
            using OptGen;

            [Optimizer]
            [Update("w -= lr * g")]
            public partial class Clash
            {
                public int HyperparameterSchedules => 1;
            }
            """;
        GeneratorOutput output = GeneratorHarness.Run(source);
        Assert.Equal(["OPTG0017"], output.GeneratorDiagnostics.Select(d => d.Id));
        Assert.Empty(CSharpProblems(output));
        Assert.DoesNotContain("IScheduledHyperparameters", output.Single, StringComparison.Ordinal);
        Assert.Contains("IOptimizer", output.Single, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\\")]
    [InlineData("\u2603")] // outside ASCII: written as an escape in the generated literal
    public void TheMessageQuotesAnyCharacterTheFormulaHolds(string odd)
    {
        string literal = odd.Replace("\\", "\\\\").Replace("\"", "\\\"");
        string source = "using OptGen;\npublic static class Use { public static void Step() => new Odd().Step(); }\n"
            + $"[Optimizer]\n[Update(\"w -= lr * {literal}\")]\npublic partial class Odd {{ }}\n";
        Type use = ShellUse(source, "OPTG0001");
        Assert.EndsWith($"OPTG0001: Syntax error in formula: unexpected character '{odd}'", Throws(use, "Step").Message, StringComparison.Ordinal);
    }
}

using Microsoft.CodeAnalysis;
using OptGen.Generator.Tests.Reliability;
using OptGen.Testing;

namespace OptGen.Generator.Tests.Emitting;

/// <summary>
/// Generated code lives inside the user's class and namespace, where the user's own types are found before any
/// namespace: it names .NET's and OptGen's types through file-level aliases (<c>System::Math</c>,
/// <c>OptGen::Parameter</c>), which no type of the user's can capture.
/// </summary>
public class GeneratedAliasesTests
{
    // Types that share a name with a namespace or type the generated code uses, declared where the classes are.
    private const string Capturing = """
        public class System { }
        public class OptGen { }
        public class Math { }
        public class Span<T> { }
        public class Parameter { }
        public class TensorState { }
        public class OptimizerState { }
        public class ArgumentOutOfRangeException { }
        public class InvalidOperationException { }
        """;

    private static string Source(string classes) => $$""""
        using OptGen;

        namespace Demo
        {
        {{Capturing}}
        {{classes}}
        }
        """";

    [Fact]
    public void AnOptimizerAndAScheduleCompileBesideTypesNamedLikeTheOnesTheirCodeUses()
    {
        // A global reduction, axis reductions with row and column state, a rank branch, a draw, a power and sqrt.
        string classes = """"
            [Optimizer(LearningRate = 0.01)]
            [State("m"), State("r", Shape = StateShape.Row), State("c", Shape = StateShape.Column)]
            [Update("""
                m = Beta * m + (1 - Beta) * g
                total = global_norm(g)
                if rank >= 2
                    r = 0.9 * r + 0.1 * row_mean(g * g)
                    c = 0.9 * c + 0.1 * col_mean(g * g)
                    u = m / sqrt(r * c + 1e-30)
                else
                    u = m
                end
                w -= lr / (1 - Beta^t) * u / (total + 1) * (1 + 0.001 * uniform())
                """)]
            public partial class Shaped
            {
                [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta { get; set; }
            }

            [Schedule("lr0 * cos(pi * t / T) * (1 + 0.01 * normal())")]
            public partial class Jittered { }
            """";
        GeneratorOutput output = GeneratorHarness.Run(Source(classes));
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Empty(output.CompilationDiagnostics);
        string code = string.Join("\n", output.GeneratedTrees().Select(t => t.ToString()));
        Assert.DoesNotContain("global::OptGen.", code.Replace("using OptGen = global::OptGen;", "").Replace("global::OptGen.Internal;", ""), StringComparison.Ordinal);
        Assert.Contains("System::Math.", code, StringComparison.Ordinal);
    }

    [Fact]
    public void TheShellOfAClassWithErrorsCompilesBesideThem()
    {
        string classes = """"
            [Optimizer]
            [Update("w -= lr * (loss * uniform() * g")]
            public partial class Broken { }
            """";
        GeneratorOutput output = GeneratorHarness.Run(Source(classes));
        Assert.Contains(output.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(output.CompilationDiagnostics);
        Assert.Contains("it cannot compute", output.Single, StringComparison.Ordinal);
    }
}

using OptGen.Testing;

namespace OptGen.Generator.Tests;

/// <summary>Every input the generator accepts must produce code that compiles without any diagnostic.</summary>
public class CompileTests
{
    private const string Usings = "using OptGen;\n\n";

    public static TheoryData<string, string> Accepted() => new()
    {
        { "Adam", Samples.Adam },
        { "SgdMomentum", Samples.SgdMomentum },
        { "Lamb", Samples.Lamb },
        { "ClippedSgd", Samples.ClippedSgd },
        { "WarmupCosine", Samples.WarmupCosine },
        { "GlobalNamespace", Usings + "[Optimizer]\n[Update(\"w -= lr * g\")]\npublic partial class Sgd { }" },
        { "NoAccessModifiers", Usings + "[Optimizer]\n[Update(\"w -= lr * K * g\")]\npartial class Opt { [Hyperparameter(1)] partial float K { get; set; } }" },
        { "InternalHyperparameter", Usings + "[Optimizer]\n[Update(\"w -= lr * K * g\")]\npublic partial class Opt { [Hyperparameter(1)] internal partial float K { get; set; } }" },
        { "AllHyperparameterTypes", Usings + """
            [Optimizer]
            [Update("w -= lr * (F + D + I + L) * (B ? g : -g)")]
            public partial class Opt
            {
                [Hyperparameter(1, Min = 0)] public partial float F { get; set; }
                [Hyperparameter(2, Max = 10)] public partial double D { get; set; }
                [Hyperparameter(3, Min = 1, Max = 5)] public partial int I { get; set; }
                [Hyperparameter(4)] public partial long L { get; set; }
                [Hyperparameter(true)] public partial bool B { get; set; }
            }
            """ },
        { "EveryFunction", Usings + """
            [Optimizer]
            [Update("x = sqrt(abs(g)) + sign(g) + exp(-g*g) + log(1 + abs(g)) + min(g, 1) + max(g, -1) + clamp(g, -1, 1) + pow(abs(g), 1.5) + floor(g) + cos(g) + sin(g) + tanh(g); w -= lr * x")]
            public partial class Opt { }
            """ },
        { "EveryScalarFunction", Usings + """
            [Optimizer]
            [Update("s = sqrt(t) + abs(-t) + sign(lr) + exp(-t) + log(t) + min(t, 2) + max(t, 2) + clamp(t, 1, 9) + pow(t, 0.5) + floor(lr) + cos(t) + sin(t) + tanh(t) + pi + e; w -= lr * s * g")]
            public partial class Opt { }
            """ },
        { "EveryReduction", Usings + """
            [Optimizer]
            [Update("a = sum(g) + mean(g) + norm(g) + maxabs(g) + dot(g, w); b = global_sum(g) + global_norm(w) + global_maxabs(g); w -= lr * (a + b) * g")]
            public partial class Opt { }
            """ },
        { "Powers", Usings + "[Optimizer]\n[Update(\"w -= lr * (g^1 + g^2 + g^3 + g^4 + abs(g)^0.5 + (1 + abs(g))^-1 + (1 + abs(g))^-0.5 + abs(g)^t + 2^g)\")]\npublic partial class Opt { }" },
        { "ElementConditions", Usings + """
            [Optimizer]
            [Update("c = g > 0 && (w <= 1 || !(g == w)) && g != 2; w -= c ? lr * g : g < -1 ? 0 : lr")]
            public partial class Opt { }
            """ },
        { "BoolLocalAcrossAReduction", Usings + """
            [Optimizer]
            [Update("c = g > 0; s = sum(g); w -= c ? lr * s : 0")]
            public partial class Opt { }
            """ },
        { "ConditionOnStepValues", Usings + """
            [Optimizer]
            [Update("up = t > 10 && lr < 1; w -= up ? lr * g : 0")]
            public partial class Opt { }
            """ },
        { "FlagCombinations", Usings + """
            [Optimizer]
            [Update("x = A && !B ? g : (A || C ? 2 * g : -g); w -= lr * x")]
            public partial class Opt
            {
                [Hyperparameter(false)] public partial bool A { get; set; }
                [Hyperparameter(true)] public partial bool B { get; set; }
                [Hyperparameter(false)] public partial bool C { get; set; }
            }
            """ },
        { "ReductionOfAFlagBranchThatIsScalar", Usings + """
            [Optimizer]
            [Update("s = sum(A ? g : lr) + dot(A ? g : 2, w); w -= lr * g / (1 + abs(s))")]
            public partial class Opt
            {
                [Hyperparameter(false)] public partial bool A { get; set; }
            }
            """ },
        { "HyperparametersNamedLikeTheCataloguesParameters", Usings + """
            [Optimizer]
            [Update("w -= lr * (value ? name * g : g)")]
            public partial class Opt
            {
                [Hyperparameter(true)] public partial bool value { get; set; }
                [Hyperparameter(2, Min = 1)] public partial int name { get; set; }
            }
            """ },
        { "ScalarStateNAdamLike", Usings + """
            [Optimizer]
            [State("mu", Scalar = true, Init = 1), State("m")]
            [Update("mu = mu * (1 - 0.5 * 0.96^(t * 0.004)); m = 0.9 * m + 0.1 * g; w -= lr * m / (1 - mu)")]
            public partial class Opt { }
            """ },
        { "ScalarStateAcrossAGlobalReduction", Usings + """
            [Optimizer]
            [State("s", Scalar = true)]
            [Update("s = s + norm(g); c = global_norm(g); w -= lr * g * s / (c + 1)")]
            public partial class Opt { }
            """ },
        { "NestedReductions", Usings + """
            [Optimizer]
            [Update("centered = g - mean(g); var = mean(centered * centered); w -= lr * centered / sqrt(var + 1e-8)")]
            public partial class Opt { }
            """ },
        { "ReductionOfAReduction", Usings + "[Optimizer]\n[Update(\"w -= lr * sum(g * (mean(g) + 1)) * g\")]\npublic partial class Opt { }" },
        { "ElementValueAcrossPhases", Usings + """
            [Optimizer]
            [State("m")]
            [Update("u = g * 2; m = m + u; total = global_sum(u); g = u / (total + 1); w -= lr * (g + m + u)")]
            public partial class Opt { }
            """ },
        { "LocalsReassigned", Usings + "[Optimizer]\n[Update(\"x = g; x = x * 2; x += 1; x -= w; x *= 3; x /= 4; w = w - lr * x\")]\npublic partial class Opt { }" },
        { "DivisionByScalars", Usings + "[Optimizer]\n[Update(\"w -= g / (lr + 1) / 2 / n\")]\npublic partial class Opt { }" },
        { "UnusedLocals", Usings + "[Optimizer]\n[Update(\"a = t; b = n; c = g; w -= lr * g\")]\npublic partial class Opt { }" },
        { "StateInitAndWeightOnly", Usings + "[Optimizer(LearningRate = 0.5)]\n[State(\"m\", Init = 1.5)]\n[Update(\"m *= 0.5\", \"w -= lr * m\")]\npublic partial class Opt { }" },
        { "SeveralOptimizersInOneFile", Usings + """
            namespace A.B
            {
                [Optimizer]
                [Update("w -= lr * g")]
                public partial class One { }

                [Optimizer]
                [Update("w -= 2 * lr * g")]
                internal partial class Two { }
            }
            """ },
        { "ScalarStatesNamedLikeGeneratedLocals", Usings + """
            [Optimizer]
            [State("h0", Scalar = true), State("r0", Scalar = true)]
            [Update("h0 = h0 + 1; r0 = r0 + norm(g); w -= lr * (t + 1) * h0 * r0 * g")]
            public partial class Opt { }
            """ },
        { "LocalsNamedLikeGeneratedLocals", Usings + "[Optimizer]\n[Update(\"acc0 = sum(g); k = lr * 2; st = n; i = g; full = g; n_1 = n; w -= k * st * acc0 * (i + full) * n_1\")]\npublic partial class Opt { }" },
        // Found by the long shaped property run (OPTGEN_LONG): a per-tensor reduction of factored state was the class's
        // only use of the matrix view, which was then not declared; a factored state assigned again while a loop still
        // reads its earlier version made the generator throw.
        { "PerTensorReductionOfFactoredStateAlone", Usings + """
            [Optimizer]
            [State("rs", Shape = StateShape.Row), State("ri", Shape = StateShape.RowIndex)]
            [Update("if rank >= 2\n    w -= lr * (sum(rs) + mean(ri)) * g\nelse\n    w -= lr * g\nend")]
            public partial class Opt { }
            """ },
        { "FactoredStateAssignedAgainBetweenLoops", Usings + """
            [Optimizer]
            [State("rs", Shape = StateShape.Row), State("ri", Shape = StateShape.RowIndex), State("ci", Shape = StateShape.ColumnIndex)]
            [Update("if rank >= 2\n    rs = row_sum(g * rs)\n    rs = rows\n    rs = rs + row_sum(g * rs)\n    ri = stack_sum(row_sum(min(ri, ci) + g))\n    ri = cols\n    ri = stack_max(row_max(min(ri, ci) * g))\nend\nw -= lr * g")]
            public partial class Opt { }
            """ },
        // Found by ReferenceSemanticsTests' long run: a shape built-in read only inside a reduction's argument (a term of
        // the pass's loop) was the class's only use of the matrix view, which was then not declared.
        { "ShapeBuiltinInsideAReductionAlone", Usings + """
            [Optimizer]
            [Update("s = mean(g + cols)\nw -= lr * s * g")]
            public partial class Opt { }
            """ },
        { "ShapeBuiltinsInsideReductionsAlone", Usings + """
            [Optimizer]
            [State("m")]
            [Update("m = m + g\ns = sum(g - (rows + w)) + dot(m, g * matrices)\nr = maxabs(norm(g * cols) + w)\nw -= lr * (s + r) * g")]
            public partial class Opt { }
            """ },
        // States named after the kernels' members: the generated kernel renames its stream fields.
        { "StatesNamedAfterKernelMembers", Usings + """
            [Optimizer]
            [State("Splat"), State("Prefetch"), State("BeginRow"), State("Anchor"), State("NumbersInMemory"), State("HasBFloat16Stream")]
            [Update("Splat = g\nPrefetch = Splat * g\nBeginRow = Prefetch + g\nAnchor = BeginRow * 2\nNumbersInMemory = Anchor + g\nHasBFloat16Stream = NumbersInMemory * g\nw -= lr * (HasBFloat16Stream + norm(Splat)) * g")]
            public partial class Opt { }
            """ },
        { "ScheduleEverything", Usings + """
            [Schedule("T > 0 && t >= 0 || !(lr0 == 0) ? lr0 * max(0, 1 - t / T) + 0.001 * normal() + 0.001 * uniform() + floor(t / K) * pi * e : lr0 * Gamma^t")]
            public partial class Sched
            {
                [Hyperparameter(10, Min = 1)] public partial long K { get; set; }
                [Hyperparameter(0.9)] public partial float Gamma { get; set; }
                [Hyperparameter(true)] public partial bool On { get; set; }
            }
            """ },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void AcceptedInputCompilesWithoutDiagnostics(string name, string source)
    {
        GeneratorOutput output = GeneratorHarness.Run(source);
        Assert.True(output.GeneratorDiagnostics.IsEmpty, $"{name}: generator diagnostics:\n{GeneratorHarness.Describe(output.GeneratorDiagnostics)}");
        Assert.NotEmpty(output.Sources);
        Assert.True(output.CompilationDiagnostics.IsEmpty,
            $"{name}: the output compilation has diagnostics:\n{GeneratorHarness.Describe(output.CompilationDiagnostics)}\n\n{string.Join("\n\n", output.Sources.Values)}");
    }

    [Fact]
    public void TheInputCompilationWithoutTheGeneratorMissesTheImplementations()
    {
        // Guards the test above: without the generated code the partial properties have no implementation.
        GeneratorOutput output = GeneratorHarness.Run(Samples.Adam);
        IEnumerable<string> ids = output.InputCompilation.GetDiagnostics().Select(d => d.Id);
        Assert.Contains("CS9248", ids);
    }
}

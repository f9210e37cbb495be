using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OptGen.Generator.Extraction;
using OptGen.Generator.Model;
using OptGen.Generator.Tests.Harness;
using OptGen.Generator.Transforms;
using OptGen.Testing;
using Xunit;

namespace OptGen.Generator.Tests.Extraction;

/// <summary>
/// <see cref="ClassExtractor"/> alone: what it reads from the attributes of a class into a <see cref="ClassSpec"/>
/// (settings, hyperparameters, states, formulas, transforms), and the declaration problems it finds itself.
/// </summary>
public class ClassExtractorTests
{
    // Extracts the class named 'name' as the generator's attribute lookup finds it (its [Optimizer], else its [Schedule]).
    private static ClassSpec? Extract(string source, string name = "Opt") => SpecExtraction.Extract(source, name);

    private static ClassSpec ExtractSpec(string source, string name = "Opt") => Extract(source, name) ?? throw new InvalidOperationException("no spec");

    // The spec of a plain SGD whose class body is the one member given, and its one diagnostic, which must be `expected`.
    private static (ClassSpec Spec, DiagnosticInfo Diagnostic) WithMember(string member, DiagnosticDescriptor expected)
    {
        ClassSpec spec = ExtractSpec($$"""
            using OptGen;
            [Optimizer]
            [Update("w -= lr * g")]
            public partial class Opt { {{member}} }
            """);
        DiagnosticInfo d = Assert.Single(spec.Diagnostics);
        Assert.Equal(expected.Id, d.Id);
        return (spec, d);
    }

    private static string[] Ids(ClassSpec spec) => spec.Diagnostics.Select(d => d.Id).ToArray();

    [Fact]
    public void ReadsTheOptimizerSettingsAndItsFormulasInOrder()
    {
        ClassSpec spec = ExtractSpec("""
            using OptGen;
            namespace Demo.Inner;
            [Optimizer(LearningRate = 0.25, View = TensorView.Channels, MinRank = 2, MaxRank = 4)]
            [Update("m = g", "w -= lr * m")]
            [State("m")]
            public partial class Opt { }
            """);
        Assert.Empty(spec.Diagnostics);
        Assert.False(spec.IsSchedule);
        Assert.Equal("Demo.Inner", spec.Namespace);
        Assert.Equal("Demo.Inner.Opt", spec.FullName);
        Assert.Equal(0.25, spec.LearningRate);
        Assert.Equal((1, 2, 4), (spec.View, spec.MinRank, spec.MaxRank));
        Assert.Equal(["m = g", "w -= lr * m"], spec.Formulas.Select(f => f.Text));
        Assert.All(spec.Formulas, f => Assert.NotNull(f.Literal));
    }

    [Fact]
    public void ReadsEveryOptionOfAState()
    {
        ClassSpec spec = ExtractSpec("""
            using OptGen;
            [Optimizer]
            [State("a", Init = 0.5)]
            [State("b", Scalar = true)]
            [State("c", Storage = StateStorage.BFloat16)]
            [State("d", Shape = StateShape.Row)]
            [State("e", InitFromWeights = true)]
            [State("f", Shared = true, Storage = StateStorage.BFloat16, Shape = StateShape.Column)]
            [Update("w -= lr * (g + a + b + c + d + e + f)")]
            public partial class Opt { }
            """);
        Assert.Empty(spec.Diagnostics);
        StateSpec State(string name) => spec.States.Single(s => s.Name == name);
        Assert.Equal(0.5, State("a").Init);
        Assert.True(State("b").Scalar);
        Assert.True(State("b").PerTensorScalar);
        Assert.True(State("c").BFloat16);
        Assert.Equal(StateShapeKind.Row, State("d").Shape);
        Assert.True(State("e").FromWeights);
        // A shared state is one value per step: a scalar, never bfloat16 or factored.
        StateSpec f = State("f");
        Assert.True(f.Shared && f.Scalar && !f.PerTensorScalar);
        Assert.False(f.BFloat16);
        Assert.Equal(StateShapeKind.Element, f.Shape);
    }

    [Fact]
    public void TheStateShapeMirrorsThePublicEnumMemberForMember()
    {
        // The generator reads the attribute's number and casts it: the two enums must agree on every number.
        string[] generator = Enum.GetNames<StateShapeKind>();
        Assert.Equal(Enum.GetNames<StateShape>(), generator);
        Assert.All(generator, n => Assert.Equal((int)Enum.Parse<StateShape>(n), (int)Enum.Parse<StateShapeKind>(n)));
    }

    [Fact]
    public void ReadsHyperparametersWithTypeDefaultRangeAndAccessibility()
    {
        ClassSpec spec = ExtractSpec("""
            using OptGen;
            [Optimizer]
            [Update("w -= lr * Beta * g")]
            public partial class Opt
            {
                [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta { get; set; }
                [Hyperparameter(3)] internal partial int Steps { get; set; }
                [Hyperparameter(true)] public partial bool Flag { get; set; }
                [Hyperparameter(1e-8)] partial double Eps { get; set; }
                [Hyperparameter(7)] public partial long Big { get; set; }
            }
            """);
        Assert.Empty(spec.Diagnostics);
        HyperparameterSpec H(string name) => spec.Hyperparameters.Single(h => h.Name == name);
        Assert.Equal(new HyperparameterSpec("Beta", HyperparameterType.Float, "public ", 0.9, 0, 1, H("Beta").Location), H("Beta"));
        Assert.Equal((HyperparameterType.Int, "internal ", 3.0), (H("Steps").Type, H("Steps").Accessibility, H("Steps").Default));
        Assert.Equal((HyperparameterType.Bool, 1.0), (H("Flag").Type, H("Flag").Default));
        Assert.Equal((HyperparameterType.Double, ""), (H("Eps").Type, H("Eps").Accessibility));
        Assert.Equal(HyperparameterType.Long, H("Big").Type);
        Assert.Equal(double.NegativeInfinity, H("Steps").Min);
        Assert.Equal(double.PositiveInfinity, H("Steps").Max);
        Assert.All(spec.Hyperparameters, h => Assert.False(h.Synthesized));
    }

    [Theory]
    [InlineData("[Hyperparameter(1.0)] public partial string S { get; set; }", "has type 'string'")]
    [InlineData("[Hyperparameter(2.0, Min = 0, Max = 1)] public partial float S { get; set; }", "outside its range [0, 1]")]
    [InlineData("[Hyperparameter(1.0)] public partial bool S { get; set; }", "is a bool, so its default must be true or false")]
    [InlineData("[Hyperparameter(true)] public partial float S { get; set; }", "is a number, so its default must be a number")]
    [InlineData("[Hyperparameter(1.5)] public partial int S { get; set; }", "is an integer")]
    [InlineData("[Hyperparameter(1.0)] public float S { get; set; }", "non-static 'partial' property")]
    [InlineData("[Hyperparameter(1.0, Min = 2, Max = 1)] public partial float S { get; set; }", "Min greater than Max")]
    public void ABadHyperparameterIsReportedAndLeftOut(string declaration, string why)
    {
        (ClassSpec spec, DiagnosticInfo d) = WithMember(declaration, DiagnosticDescriptors.BadHyperparameter);
        Assert.Contains(why, d.Message);
        Assert.Empty(spec.Hyperparameters);
    }

    [Fact]
    public void ReadsTransformsInAnyAttributeOrderWithTheirSettings()
    {
        ClassSpec spec = ExtractSpec("""
            using OptGen;
            [Optimizer]
            [WeightEma(0.5), ClipGradientNorm(2.0), AccumulateGradients(4), SkipNonFinite]
            [Update("w -= lr * g")]
            public partial class Opt { }
            """);
        Assert.Empty(spec.Diagnostics);
        Assert.Equal(
            [new TransformSpec(TransformKind.WeightEma, 0.5), new TransformSpec(TransformKind.ClipGradientNorm, 2.0),
             new TransformSpec(TransformKind.AccumulateGradients, 4), new TransformSpec(TransformKind.SkipNonFinite, 0)],
            spec.Transforms);
    }

    [Fact]
    public void AnAttributeNamedLikeATransformOutsideNamespaceOptGenIsNotOne()
    {
        ClassSpec spec = ExtractSpec("""
            using OptGen;
            namespace Other { public sealed class ClipWeightsAttribute : System.Attribute { } }
            [Optimizer]
            [Other.ClipWeights]
            [Update("w -= lr * g")]
            public partial class Opt { }
            """);
        Assert.Empty(spec.Transforms);
    }

    [Fact]
    public void ReadsAScheduleAndLeavesTheScheduleSideOfAnOptimizerToIt()
    {
        ClassSpec spec = ExtractSpec("""
            using OptGen;
            [Schedule("lr0 * 0.5")]
            public partial class Opt { }
            """);
        Assert.True(spec.IsSchedule);
        Assert.Empty(spec.Diagnostics);
        Assert.Equal("lr0 * 0.5", Assert.Single(spec.Formulas).Text);

        // Both attributes: one spec (the optimizer side) reports it; the schedule side gives none.
        const string both = """
            using OptGen;
            [Optimizer, Schedule("lr0")]
            [Update("w -= lr * g")]
            public partial class Opt { }
            """;
        ClassSpec optimizer = ExtractSpec(both);
        Assert.Contains(optimizer.Diagnostics, d => d.Id == DiagnosticDescriptors.MissingFormula.Id && d.Message.Contains("both an [Optimizer] and a [Schedule]"));
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(both);
        INamedTypeSymbol symbol = compilation.GetSymbolsWithName("Opt", SymbolFilter.Type).OfType<INamedTypeSymbol>().Single();
        var declaration = (TypeDeclarationSyntax)symbol.DeclaringSyntaxReferences[0].GetSyntax();
        Assert.Null(ClassExtractor.Extract(symbol, declaration, isSchedule: true, CancellationToken.None));
    }

    [Theory]
    [InlineData("public class Opt { }", "OPTG0008", "")]
    [InlineData("public static partial class Opt { }", "OPTG0009", "it is static")]
    [InlineData("public partial class Opt<T> { }", "OPTG0009", "it has type parameters")]
    [InlineData("public partial class Outer { [Optimizer] [Update(\"w -= lr * g\")] public partial class Opt { } }", "OPTG0009", "nested in another type")]
    [InlineData("public partial record Opt { }", "OPTG0009", "it is a record")]
    public void AClassOptGenCannotImplementIsReported(string declaration, string id, string why)
    {
        string attributes = declaration.Contains("Outer") ? "" : "[Optimizer]\n[Update(\"w -= lr * g\")]\n";
        ClassSpec spec = ExtractSpec("using OptGen;\n" + attributes + declaration);
        DiagnosticInfo d = Assert.Single(spec.Diagnostics, d => d.Id == id);
        Assert.Contains(why, d.Message);
    }

    [Theory]
    [InlineData("[Optimizer]\npublic partial class Opt { }", "needs an [Update(\"...\")] attribute")]
    [InlineData("[Optimizer(LearningRate = -1)]\n[Update(\"w -= lr * g\")]\npublic partial class Opt { }", "must be a finite number >= 0")]
    public void AMissingUpdateOrABadLearningRateIsReported(string declaration, string message)
    {
        ClassSpec spec = ExtractSpec("using OptGen;\n" + declaration);
        Assert.Contains(message, Assert.Single(spec.Diagnostics).Message);
    }

    [Theory]
    [InlineData("public void Step() { }", "Step")]
    [InlineData("private int __state;", "__state")]
    [InlineData("private double __loss;", "__loss")]
    [InlineData("public int HyperparameterSchedules => 0;", "HyperparameterSchedules")]
    [InlineData("private int __hp_Beta;", "__hp_Beta")]
    [InlineData("public void Run_Fast() { }", "Run_Fast")]
    [InlineData("public void Pass0() { }", "Pass0")]
    public void AMemberNamedLikeAGeneratedOneIsReported(string member, string name)
    {
        Assert.Equal(name, WithMember(member, DiagnosticDescriptors.NameConflict).Diagnostic.Arguments[0]);
    }

    [Fact]
    public void NamesReservedInAnOptimizerOnlyAreFreeInAScheduleAndTheReverse()
    {
        // Pass0 and Step are an optimizer's; TotalSteps is a schedule's.
        ClassSpec schedule = ExtractSpec("""
            using OptGen;
            [Schedule("lr0")]
            public partial class Opt { public void Pass0() { } public void Step() { } public long TotalSteps => 0; }
            """);
        Assert.Equal("TotalSteps", Assert.Single(schedule.Diagnostics).Arguments[0]);
        ClassSpec optimizer = ExtractSpec("""
            using OptGen;
            [Optimizer]
            [Update("w -= lr * g")]
            public partial class Opt { public long TotalSteps => 0; }
            """);
        Assert.Empty(optimizer.Diagnostics);
    }

    [Fact]
    public void AMemberNamedLikeATransformMemberIsReportedAndTheTransformDropped()
    {
        ClassSpec spec = ExtractSpec("""
            using OptGen;
            [Optimizer]
            [ClipGradientValue(2.0), WeightEma]
            [Update("w -= lr * g")]
            public partial class Opt { public float GradientClipValue => 0; }
            """);
        DiagnosticInfo d = Assert.Single(spec.Diagnostics);
        Assert.Equal(("OPTG0017", "GradientClipValue"), (d.Id, d.Arguments[0]));
        // Dropped, so the shell does not write a second GradientClipValue; the other transform stays.
        Assert.Equal(TransformKind.WeightEma, Assert.Single(spec.Transforms).Kind);
    }

    [Fact]
    public void AnAcceptedHyperparameterNamedLikeAGeneratedMemberIsLeftToTheDeclarationChecks()
    {
        ClassSpec spec = ExtractSpec("""
            using OptGen;
            [Optimizer]
            [Update("w -= lr * g")]
            public partial class Opt { [Hyperparameter(1.0)] public partial double Seed { get; set; } }
            """);
        Assert.Empty(spec.Diagnostics);
        var diagnostics = new List<DiagnosticInfo>();
        DeclarationChecks.Check(spec, diagnostics);
        DiagnosticInfo d = Assert.Single(diagnostics);
        Assert.Equal(("OPTG0017", "Seed"), (d.Id, d.Arguments[0]));
        Assert.Contains("choose another name for the hyperparameter", d.Message);
    }
}

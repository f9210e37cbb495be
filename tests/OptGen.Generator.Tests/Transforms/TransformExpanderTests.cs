using System;
using System.Linq;
using System.Reflection;
using System.Threading;
using OptGen.Generator.Model;
using OptGen.Generator.Transforms;
using Xunit;

namespace OptGen.Generator.Tests.Transforms;

/// <summary>
/// <see cref="TransformExpander"/> and the <see cref="TransformCatalog"/> it reads: each transform's hyperparameter,
/// state and statements, the fixed order whatever the attributes' order, the micro-batch formula, and the catalogue
/// against the public attribute classes.
/// </summary>
public class TransformExpanderTests
{
    private static readonly SourceSpanInfo? s_classLocation = null;

    private static ClassSpec Spec(params TransformSpec[] transforms) =>
        new(null, "Opt", false, 1e-3, EquatableArray<HyperparameterSpec>.Empty, EquatableArray<StateSpec>.Empty,
            new[] { new FormulaText("w -= lr * g", null, EquatableArray<PositionSegment>.Empty) }.ToEquatableArray(), s_classLocation,
            EquatableArray<DiagnosticInfo>.Empty, transforms.ToEquatableArray());

    [Fact]
    public void AClassWithoutTransformsIsLeftAsItIs()
    {
        ClassSpec spec = Spec();
        TransformExpander.Expansion expansion = TransformExpander.Expand(spec);
        Assert.Same(spec, expansion.Spec);
        Assert.Null(expansion.AccumulateFormula);
    }

    [Theory]
    [InlineData(nameof(TransformKind.ClipGradientValue), 2.0, "GradientClipValue", 0.0, double.PositiveInfinity, "g = clamp(g, -GradientClipValue, GradientClipValue)", true)]
    [InlineData(nameof(TransformKind.ClipGradientNorm), 1.5, "MaxGradientNorm", 0.0, double.PositiveInfinity, "g = g * min(1, MaxGradientNorm / (global_norm(g) + 1e-6))", true)]
    [InlineData(nameof(TransformKind.L2Penalty), 1e-4, "L2Penalty", 0.0, double.PositiveInfinity, "g = g + L2Penalty * w", true)]
    [InlineData(nameof(TransformKind.DecoupledWeightDecay), 1e-2, "DecoupledWeightDecay", 0.0, double.PositiveInfinity, "w = w * (1 - lr * DecoupledWeightDecay)", true)]
    [InlineData(nameof(TransformKind.ClipWeights), 3.0, "WeightClipValue", 0.0, double.PositiveInfinity, "w = clamp(w, -WeightClipValue, WeightClipValue)", false)]
    public void AFloatTransformAddsItsSettingAndOneStatement(string kind, double setting, string name, double min, double max, string statement, bool before)
    {
        ClassSpec spec = TransformExpander.Expand(Spec(new TransformSpec(Enum.Parse<TransformKind>(kind), setting))).Spec;
        HyperparameterSpec h = Assert.Single(spec.Hyperparameters);
        Assert.Equal((name, HyperparameterType.Float, "public ", setting, min, max, true), (h.Name, h.Type, h.Accessibility, h.Default, h.Min, h.Max, h.Synthesized));
        Assert.Empty(spec.States);
        Assert.Equal(before ? [statement, "w -= lr * g"] : ["w -= lr * g", statement], spec.Formulas.Select(f => f.Text));
        // Statements OptGen wrote point at the class, not at a formula the user wrote.
        Assert.All(spec.Formulas.Where(f => f.Text == statement), f => Assert.Equal(0, f.Map.Count));
    }

    [Fact]
    public void SkippingNonFiniteStepsAddsOnlyAGuard()
    {
        TransformExpander.Expansion expansion = TransformExpander.Expand(Spec(new TransformSpec(TransformKind.SkipNonFinite, 0)));
        Assert.Empty(expansion.Spec.Hyperparameters);
        Assert.Empty(expansion.Spec.States);
        Assert.Equal("__skip = global_sum(g * 0) != 0", expansion.Spec.Formulas[0].Text);
        Assert.Null(expansion.AccumulateFormula); // no micro-batch step without accumulation
    }

    [Fact]
    public void TheWeightEmaKeepsAStateThatStartsAsTheFirstUpdatedWeights()
    {
        ClassSpec spec = TransformExpander.Expand(Spec(new TransformSpec(TransformKind.WeightEma, 0.9))).Spec;
        HyperparameterSpec h = Assert.Single(spec.Hyperparameters);
        Assert.Equal(("EmaDecay", 0.9, 0.0, 1.0), (h.Name, h.Default, h.Min, h.Max));
        StateSpec ema = Assert.Single(spec.States);
        Assert.Equal((TransformCatalog.EmaState, 0.0, false), (ema.Name, ema.Init, ema.Scalar));
        Assert.Equal("ema = t == 1 ? w : EmaDecay * ema + (1 - EmaDecay) * w", spec.Formulas[^1].Text);
    }

    [Theory]
    [InlineData(4, 4)]
    [InlineData(0, 1)]   // fewer than one micro-batch means one
    [InlineData(-3, 1)]
    public void AccumulationAveragesMicroBatchesAndHasAMicroBatchStep(double setting, double steps)
    {
        TransformExpander.Expansion expansion = TransformExpander.Expand(Spec(new TransformSpec(TransformKind.AccumulateGradients, setting)));
        HyperparameterSpec h = Assert.Single(expansion.Spec.Hyperparameters);
        Assert.Equal(("AccumulationSteps", HyperparameterType.Int, steps, 1.0, (double)int.MaxValue), (h.Name, h.Type, h.Default, h.Min, h.Max));
        Assert.Equal(TransformCatalog.AccumulatorState, Assert.Single(expansion.Spec.States).Name);
        Assert.Equal("g = (__acc + g) / AccumulationSteps\n__acc = 0", expansion.Spec.Formulas[0].Text);
        Assert.Equal("__acc = __acc + g", expansion.AccumulateFormula?.Text);
    }

    [Fact]
    public void ASkippedMicroBatchAccumulatesNothing()
    {
        TransformExpander.Expansion expansion = TransformExpander.Expand(Spec(
            new TransformSpec(TransformKind.AccumulateGradients, 2), new TransformSpec(TransformKind.SkipNonFinite, 0)));
        Assert.Equal("__skip = global_sum(g * 0) != 0\n__acc = __acc + g", expansion.AccumulateFormula?.Text);
    }

    [Fact]
    public void TransformsApplyInTheFixedOrderWhateverTheAttributeOrder()
    {
        TransformSpec[] all = Enum.GetValues<TransformKind>().Reverse().Select(k => new TransformSpec(k, 0.5)).ToArray();
        ClassSpec spec = TransformExpander.Expand(Spec(all)).Spec;
        Assert.Equal(
            ["AccumulationSteps", "GradientClipValue", "MaxGradientNorm", "L2Penalty", "DecoupledWeightDecay", "WeightClipValue", "EmaDecay"],
            spec.Hyperparameters.Select(h => h.Name));
        Assert.Equal(["__acc", "ema"], spec.States.Select(s => s.Name));
        Assert.Equal(3, spec.Formulas.Count);
        Assert.Equal(
            [
                "__skip = global_sum(g * 0) != 0", "g = (__acc + g) / AccumulationSteps", "__acc = 0",
                "g = clamp(g, -GradientClipValue, GradientClipValue)", "g = g * min(1, MaxGradientNorm / (global_norm(g) + 1e-6))",
                "g = g + L2Penalty * w", "w = w * (1 - lr * DecoupledWeightDecay)",
            ],
            spec.Formulas[0].Text.Split('\n'));
        Assert.Equal("w -= lr * g", spec.Formulas[1].Text);
        Assert.Equal(["w = clamp(w, -WeightClipValue, WeightClipValue)", "ema = t == 1 ? w : EmaDecay * ema + (1 - EmaDecay) * w"], spec.Formulas[2].Text.Split('\n'));
    }

    [Fact]
    public void EveryExpansionBindsWithoutADiagnostic()
    {
        // The catalogue's statements are formulas like the user's: with every transform on, the front end finds nothing wrong.
        TransformSpec[] all = Enum.GetValues<TransformKind>().Select(k => new TransformSpec(k, 1)).ToArray();
        FormulaAnalysis analysis = FormulaAnalysis.Analyze(Spec(all), CancellationToken.None);
        Assert.Empty(analysis.Diagnostics);
        Assert.NotNull(FormulaCompiler.Compile(Spec(all), CancellationToken.None).Source);
    }

    [Fact]
    public void TheCatalogueIsIndexedByKindInApplicationOrder()
    {
        Assert.Equal(Enum.GetValues<TransformKind>(), TransformCatalog.All.Select(t => t.Kind));
        Assert.All(Enum.GetValues<TransformKind>(), k => Assert.Equal(k, TransformCatalog.Get(k).Kind));
    }

    [Fact]
    public void TheCatalogueMatchesThePublicTransformAttributes()
    {
        Assembly attributes = typeof(OptimizerAttribute).Assembly;
        foreach (Transform t in TransformCatalog.All)
        {
            Type? type = attributes.GetType("OptGen." + t.AttributeName);
            Assert.True(type is not null, $"no attribute class OptGen.{t.AttributeName}");
            Assert.Same(t, TransformCatalog.FromAttribute(t.AttributeName));
            // A transform with a setting takes its default in the constructor, of the setting's type.
            PropertyInfo? setting = type!.GetProperty("Default");
            Assert.Equal(t.Setting is not null, setting is not null);
            if (t.Setting is not null)
                Assert.Equal(t.Setting.Type == HyperparameterType.Int ? typeof(int) : typeof(double), setting!.PropertyType);
        }
        // And no public transform attribute is missing from it: every OptGen attribute that bolts onto an [Optimizer]
        // other than the DSL's own is a transform.
        string[] dsl = ["OptimizerAttribute", "ScheduleAttribute", "StateAttribute", "UpdateAttribute", "HyperparameterAttribute"];
        string[] others = attributes.GetExportedTypes()
            .Where(x => x.Namespace == "OptGen" && typeof(Attribute).IsAssignableFrom(x) && !dsl.Contains(x.Name))
            .Select(x => x.Name).OrderBy(n => n).ToArray();
        Assert.Equal(TransformCatalog.All.Select(t => t.AttributeName).OrderBy(n => n), others);
    }

    [Fact]
    public void AnUnknownAttributeNameIsNoTransform()
    {
        Assert.Null(TransformCatalog.FromAttribute("ClipGradientValue")); // the class name, with "Attribute"
        Assert.Null(TransformCatalog.FromAttribute("OptimizerAttribute"));
    }
}

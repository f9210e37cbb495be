using System.Globalization;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OptGen.Generator.Tests.Harness;
using OptGen.Generator.Tests.Reliability;
using OptGen.Testing;

namespace OptGen.Generator.Tests.Extraction;

/// <summary>
/// A family of optimizers declares its hyperparameters once, on an interface the classes implement: each class gets
/// the property (settable, range-checked, in its catalogue) unless it declares the name itself; two interfaces that
/// disagree are OPTG0021; a bad interface member is reported once, on the member.
/// </summary>
public class InterfaceHyperparameterTests
{
    // Two optimizers of one family: Family takes everything from its interfaces (one through another) and adds Gamma;
    // Tuned overrides Eps with its own default and range.
    private const string Family = """"
        using OptGen;

        namespace Demo;

        /// <summary>The moments' hyperparameters.</summary>
        internal interface IMoments
        {
            /// <summary>Decay of the momentum.</summary>
            [Hyperparameter(0.9, Min = 0, Max = 1)] float Beta1 { get; set; }

            /// <summary>Added to the denominator.</summary>
            [Hyperparameter(1e-8, Min = 0)] float Eps { get; set; }
        }

        /// <summary>The sign switch.</summary>
        internal interface IAscend
        {
            /// <summary>Ascend instead of descend.</summary>
            [Hyperparameter(false)] bool Maximize { get; set; }
        }

        /// <summary>The switches, the sign one through its own interface.</summary>
        internal interface ISwitches : IAscend
        {
            /// <summary>Step along the look-ahead momentum.</summary>
            [Hyperparameter(false)] bool Nesterov { get; set; }
        }

        /// <summary>A member of the family with one hyperparameter of its own.</summary>
        [Optimizer(LearningRate = 0.5)]
        [State("m")]
        [Update("""
            g = Maximize ? -g : g
            m = Beta1 * m + (1 - Beta1) * g
            w -= lr * (Nesterov ? Beta1 * m + g : m) / (Gamma + Eps)
            """)]
        public sealed partial class Family : IMoments, ISwitches
        {
            /// <summary>Divides the step.</summary>
            [Hyperparameter(2, Min = 1)] public partial float Gamma { get; set; }
        }

        /// <summary>A member of the family that changes a default.</summary>
        [Optimizer]
        [Update("w -= lr * Beta1 * g / (1 + Eps)")]
        public sealed partial class Tuned : IMoments
        {
            /// <summary>Tuned's own epsilon.</summary>
            [Hyperparameter(0.25, Min = 0, Max = 1)] public partial float Eps { get; set; }
        }
        """";

    private static (GeneratorOutput Run, Assembly Assembly) Compile(string source)
    {
        GeneratorOutput run = GeneratorRuns.Generate(source);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorHarness.Describe(run.GeneratorDiagnostics));
        Assert.True(run.CompileDiagnostics().IsEmpty, GeneratorHarness.Describe(run.CompileDiagnostics())); // XML docs included
        return (run, GeneratorRuns.Load(run));
    }

    private static IHyperparameters Create(Assembly assembly, string name) => (IHyperparameters)Activator.CreateInstance(assembly.GetType("Demo." + name, throwOnError: true)!)!;

    [Fact]
    public void TheCatalogueListsTheInterfacesHyperparametersFirstInInterfaceOrderThenTheClasssOwn()
    {
        (_, Assembly assembly) = Compile(Family);
        IHyperparameters family = Create(assembly, "Family");
        Assert.Equal(["Beta1", "Eps", "Nesterov", "Maximize", "Gamma"], family.Hyperparameters.Select(h => h.Name));
        HyperparameterInfo beta1 = family.Hyperparameters[0];
        Assert.Equal((HyperparameterKind.Float, 0.9, 0.0, 1.0), (beta1.Kind, beta1.Default, beta1.Min, beta1.Max));
        Assert.Equal(HyperparameterKind.Bool, family.Hyperparameters[3].Kind);
        Assert.Equal(0.9f, (float)family.GetHyperparameter("Beta1"));
        Assert.Equal(1e-8f, (float)family.GetHyperparameter("Eps"));
    }

    [Fact]
    public void AnInterfaceHyperparameterIsSettableThroughTheClassTheInterfaceAndTheCatalogueAndRangeChecked()
    {
        (_, Assembly assembly) = Compile(Family);
        IHyperparameters family = Create(assembly, "Family");
        PropertyInfo onClass = family.GetType().GetProperty("Beta1")!;
        PropertyInfo onInterface = assembly.GetType("Demo.IMoments", throwOnError: true)!.GetProperty("Beta1")!;

        onClass.SetValue(family, 0.5f);
        Assert.Equal(0.5f, onInterface.GetValue(family)); // the class's property implements the interface's
        onInterface.SetValue(family, 0.25f);
        Assert.Equal(0.25, family.GetHyperparameter("Beta1"));
        family.SetHyperparameter("Maximize", 1);
        Assert.Equal(true, family.GetType().GetProperty("Maximize")!.GetValue(family));

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => family.SetHyperparameter("Beta1", 1.5));
        Assert.Equal("Beta1", e.ParamName);
        Assert.IsType<ArgumentOutOfRangeException>(Assert.Throws<TargetInvocationException>(() => onInterface.SetValue(family, float.NaN)).InnerException);
        Assert.Equal(0.25, family.GetHyperparameter("Beta1")); // a rejected value changes nothing
    }

    [Fact]
    public void AFamilyMemberStepsWithTheInterfacesValues()
    {
        (_, Assembly assembly) = Compile(Family);
        IHyperparameters family = Create(assembly, "Family");
        family.SetHyperparameter("Beta1", 0);
        family.SetHyperparameter("Maximize", 1);
        var parameter = new Parameter([1f, 2f], [1f, -2f]);
        ((IOptimizer)family).Step(parameter);
        // Beta1 = 0 and maximising: m = -g = [-1, 2]; w -= lr * m / (Gamma + Eps) = 0.5 * m / 2 (Eps vanishes next to 2).
        Assert.Equal([1.25f, 1.5f], parameter.Value.ToArray());
    }

    [Fact]
    public void TheClasssOwnDeclarationWinsInTheInterfaceMembersPlace()
    {
        (GeneratorOutput run, Assembly assembly) = Compile(Family);
        IHyperparameters tuned = Create(assembly, "Tuned");
        Assert.Equal(["Beta1", "Eps"], tuned.Hyperparameters.Select(h => h.Name));
        HyperparameterInfo eps = tuned.Hyperparameters[1];
        Assert.Equal((0.25, 0.0, 1.0), (eps.Default, eps.Min, eps.Max));
        Assert.Throws<ArgumentOutOfRangeException>(() => tuned.SetHyperparameter("Eps", 2)); // the class's Max, not the interface's

        string generated = run.Sources["Demo.Tuned.g.cs"];
        Assert.Contains("public partial float Eps", generated, StringComparison.Ordinal);
        Assert.Contains("/// <inheritdoc />\n    [OptGen::HyperparameterAttribute(0.9d, Min = 0d, Max = 1d)]\n    public float Beta1", generated.Replace("\r\n", "\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void TheImplementingPropertyCarriesTheInterfacesAttribute()
    {
        (_, Assembly assembly) = Compile(Family);
        Type family = assembly.GetType("Demo.Family", throwOnError: true)!;
        // Read as data: the attribute type of the loaded assembly is the test's own OptGen.Attributes.
        CustomAttributeData eps = family.GetProperty("Eps")!.CustomAttributes.Single(a => a.AttributeType == typeof(HyperparameterAttribute));
        Assert.Equal(1e-8, eps.ConstructorArguments.Single().Value);
        Assert.Equal(["Min=0"], eps.NamedArguments.Select(a => a.MemberName + "=" + Convert.ToString(a.TypedValue.Value, CultureInfo.InvariantCulture)));
        Assert.NotNull(family.GetProperty("Gamma")!.GetCustomAttribute<HyperparameterAttribute>()); // the class's own, as before
    }

    [Theory]
    [InlineData("[Hyperparameter(2.0, Min = 0, Max = 1)] float Beta { get; set; }", "OPTG0012", "Hyperparameter 'Beta' has default 2 outside its range [0, 1]")]
    [InlineData("[Hyperparameter(0.5)] float Beta { get; init; }", "OPTG0012", "Hyperparameter 'Beta' is declared in an interface, so it must be a public, non-static property with '{ get; set; }' only (no body); OptGen implements it in each class")]
    [InlineData("[Hyperparameter(0.5)] float Beta { get => 0.5f; set { } }", "OPTG0012", "Hyperparameter 'Beta' is declared in an interface, so it must be a public, non-static property with '{ get; set; }' only (no body); OptGen implements it in each class")]
    [InlineData("[Hyperparameter(0.5)] decimal Beta { get; set; }", "OPTG0012", "Hyperparameter 'Beta' has type 'decimal', but must be float, double, int, long or bool")]
    [InlineData("[Hyperparameter(3)] long StepCount { get; set; }", "OPTG0017", "'StepCount' is a member OptGen generates; choose another name for the hyperparameter")]
    public void ABadInterfaceMemberIsReportedOnceOnTheMemberHoweverManyClassesImplementIt(string member, string id, string message)
    {
        string source = $$"""
            using OptGen;

            namespace Demo;

            internal interface IShared { {{member}} }

            [Optimizer]
            [Update("w -= lr * g")]
            public partial class First : IShared { }

            [Optimizer]
            [Update("w -= lr * g")]
            public partial class Second : IShared { }
            """;
        string name = member.Contains("StepCount", StringComparison.Ordinal) ? "StepCount" : "Beta";
        DiagnosticAssert.Is(DiagnosticAssert.Single(source, id), source, message, name, 5, 30 + member.IndexOf(" " + name, StringComparison.Ordinal) + 1);
    }

    [Fact]
    public void AProblemInAnInterfaceOfAnotherFileIsReportedInThatFile()
    {
        string bad = SharedFile.Replace("Hyperparameter(0.5, Min = 0)", "Hyperparameter(true)", StringComparison.Ordinal);
        Diagnostic d = Assert.Single(GeneratorHarness.Run(OptimizerFile, bad).GeneratorDiagnostics, d => d.Id == "OPTG0012");
        Assert.Equal(("Test1.cs", "Beta"), (d.Location.GetLineSpan().Path, bad.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)));
    }

    [Fact]
    public void AScheduleTakesItsInterfacesHyperparametersToo()
    {
        const string warmup = "using OptGen;\nnamespace Demo;\ninternal interface IWarmup { [Hyperparameter(10, Min = 0)] int WarmupSteps { get; set; } }\n"
            + "[Schedule(\"lr0 * min(1, (t + 1) / max(1, WarmupSteps))\")]\npublic partial class Warmup : IWarmup { }\n";
        GeneratorOutput run = GeneratorHarness.Run(warmup);
        Assert.Empty(run.AllDiagnostics);
        Assert.Contains("public int WarmupSteps", run.Single, StringComparison.Ordinal);
    }

    // An optimizer and its interface in two files: an edit of the interface must reach the class, an unrelated edit must not.
    private const string OptimizerFile = "using OptGen;\nnamespace Demo;\n[Optimizer]\n[Update(\"w -= lr * Beta * g\")]\npublic partial class Opt : IShared { }\n";
    private const string SharedFile = "using OptGen;\nnamespace Demo;\ninternal interface IShared { [Hyperparameter(0.5, Min = 0)] float Beta { get; set; } }\n";

    private static (GeneratorOutput First, Compilation Compilation) FirstRun()
    {
        const string unrelated = "namespace Demo;\npublic static class Helper { public static int Twice(int x) => x * 2; }\n";
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(OptimizerFile, SharedFile, unrelated);
        GeneratorOutput first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);
        Assert.Empty(first.AllDiagnostics);
        return (first, compilation);
    }

    private static Compilation Edit(Compilation compilation, int file, string from, string to)
    {
        SyntaxTree old = compilation.SyntaxTrees.ElementAt(file);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(old.ToString().Replace(from, to, StringComparison.Ordinal), GeneratorHarness.ParseOptions, old.FilePath));
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorOutput output, string step) =>
        output.RunResult.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();

    [Fact]
    public void AnUnrelatedEditReusesTheFamilyMembersSpecAndSource()
    {
        (GeneratorOutput first, Compilation compilation) = FirstRun();
        GeneratorOutput second = GeneratorHarness.Run(first.Driver, Edit(compilation, 2, "x * 2", "x + x"));
        foreach (string step in new[] { OptGenGenerator.Steps.OptimizerSpecs, OptGenGenerator.Steps.Results })
            Assert.All(Reasons(second, step), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {r}"));
        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void EditingTheInterfaceInItsOwnFileRegeneratesTheClass()
    {
        (GeneratorOutput first, Compilation compilation) = FirstRun();
        GeneratorOutput second = GeneratorHarness.Run(first.Driver, Edit(compilation, 1, "Hyperparameter(0.5,", "Hyperparameter(0.75,"));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, OptGenGenerator.Steps.OptimizerSpecs));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, OptGenGenerator.Steps.Results));
        Assert.Contains("private float __hp_Beta = 0.5f;", first.Sources["Demo.Opt.g.cs"], StringComparison.Ordinal);
        Assert.Contains("private float __hp_Beta = 0.75f;", second.Sources["Demo.Opt.g.cs"], StringComparison.Ordinal);
    }
}

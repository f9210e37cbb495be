using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OptGen.Testing;

namespace OptGen.Generator.Tests;

/// <summary>The pipeline must reuse its work when an edit does not touch an optimizer or schedule.</summary>
public class IncrementalTests
{
    private const string Unrelated = """
        namespace Demo;

        public class Helper
        {
            public int Twice(int x) => x * 2;
        }
        """;

    private static readonly string[] OurSteps =
    {
        OptGenGenerator.Steps.OptimizerSpecs, OptGenGenerator.Steps.ScheduleSpecs, OptGenGenerator.Steps.Results,
        OptGenGenerator.Steps.Sources,
    };

    private static (GeneratorOutput First, Compilation Compilation) FirstRun()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Samples.Adam, Samples.WarmupCosine, Unrelated);
        GeneratorOutput first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);
        Assert.Equal(2, first.Sources.Count);
        return (first, compilation);
    }

    private static SyntaxTree Tree(Compilation compilation, int index) => compilation.SyntaxTrees.ElementAt(index);

    private static SyntaxTree Reparse(SyntaxTree old, string text) => CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, old.FilePath);

    private static IncrementalStepRunReason[] Reasons(GeneratorOutput output, string step) =>
        output.RunResult.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();

    private static void AssertReused(GeneratorOutput output)
    {
        foreach (string step in new[] { OptGenGenerator.Steps.OptimizerSpecs, OptGenGenerator.Steps.ScheduleSpecs, OptGenGenerator.Steps.Results })
        {
            IncrementalStepRunReason[] reasons = Reasons(output, step);
            Assert.NotEmpty(reasons);
            Assert.All(reasons, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {r}"));
        }
    }

    [Fact]
    public void ChangingAMethodBodyInAnotherFileReusesEverything()
    {
        (GeneratorOutput first, Compilation compilation) = FirstRun();
        SyntaxTree old = Tree(compilation, 2);
        Compilation edited = compilation.ReplaceSyntaxTree(old, Reparse(old, Unrelated.Replace("x * 2", "x + x")));
        GeneratorOutput second = GeneratorHarness.Run(first.Driver, edited);
        AssertReused(second);
        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void AddingAnUnrelatedClassReusesEverything()
    {
        (GeneratorOutput first, Compilation compilation) = FirstRun();
        Compilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Demo; public class Other { public string Name = \"x\"; }", GeneratorHarness.ParseOptions, "Other.cs"));
        AssertReused(GeneratorHarness.Run(first.Driver, edited));
    }

    [Fact]
    public void EditingAFormulaRecompilesThatClassOnly()
    {
        (GeneratorOutput first, Compilation compilation) = FirstRun();
        SyntaxTree old = Tree(compilation, 0);
        Compilation edited = compilation.ReplaceSyntaxTree(old, Reparse(old, Samples.Adam.Replace("+ Eps)", "+ 2 * Eps)")));
        GeneratorOutput second = GeneratorHarness.Run(first.Driver, edited);

        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, OptGenGenerator.Steps.OptimizerSpecs));
        IncrementalStepRunReason[] results = Reasons(second, OptGenGenerator.Steps.Results);
        Assert.Contains(IncrementalStepRunReason.Modified, results);
        Assert.Contains(results, r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged); // the schedule
        Assert.NotEqual(first.Sources["OptGen.Runtime.Tests.TestOptimizers.TestAdam.g.cs"], second.Sources["OptGen.Runtime.Tests.TestOptimizers.TestAdam.g.cs"]);
        Assert.Equal(first.Sources["Demo.WarmupCosine.Schedule.g.cs"], second.Sources["Demo.WarmupCosine.Schedule.g.cs"]);
    }

    [Fact]
    public void PipelineModelsHoldNoSymbolsSyntaxOrCompilations()
    {
        // Include a class with diagnostics so diagnostic models (with locations) are walked too.
        const string broken = "using OptGen;\n[Optimizer]\n[Update(\"w -= foo\")]\npublic partial class Broken { }\n";
        GeneratorOutput output = GeneratorHarness.Run(Samples.Adam, Samples.WarmupCosine, broken);
        Assert.Contains(output.GeneratorDiagnostics, d => d.Id == "OPTG0002");
        int walked = 0;
        foreach (string step in OurSteps)
        {
            foreach (IncrementalGeneratorRunStep run in output.RunResult.TrackedSteps[step])
            {
                foreach ((object value, IncrementalStepRunReason _) in run.Outputs)
                {
                    AssertNoRoslynState(value, step);
                    walked++;
                }
            }
        }
        Assert.True(walked >= 5, $"only {walked} step outputs were checked");
    }

    [Fact]
    public void TheModelWalkerFindsASymbol()
    {
        ISymbol symbol = GeneratorHarness.CreateCompilation("class C { }").GetTypeByMetadataName("C")!;
        Assert.ThrowsAny<Exception>(() => AssertNoRoslynState(new { Inner = new object[] { 1, symbol } }, "test"));
    }

    private static readonly Type[] Forbidden =
    {
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Compilation), typeof(SemanticModel), typeof(AttributeData),
    };

    private static void AssertNoRoslynState(object root, string step)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(object Value, string Path)>();
        stack.Push((root, step));
        while (stack.Count > 0)
        {
            (object value, string path) = stack.Pop();
            Type type = value.GetType();
            if (type.IsPrimitive || type.IsEnum || value is string || value is Type || !(type.IsValueType || seen.Add(value)))
                continue;
            Assert.False(Forbidden.Any(f => f.IsInstanceOfType(value)) || value is SyntaxToken or SyntaxTrivia,
                $"{path} holds a {type.FullName}");
            if (value is Location location)
                Assert.Null(location.SourceTree);
            if (value is IEnumerable items and (Array or IList))
            {
                int i = 0;
                foreach (object? item in items)
                {
                    if (item is not null)
                        stack.Push((item, $"{path}[{i}]"));
                    i++;
                }
                continue;
            }
            for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
            {
                foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (field.FieldType.IsPointer)
                        continue;
                    object? child = field.GetValue(value);
                    if (child is not null)
                        stack.Push((child, $"{path}.{field.Name}"));
                }
            }
        }
    }
}

using System.Text.RegularExpressions;
using OptGen.Generator.Binding;

namespace OptGen.Generator.Tests.Binding;

/// <summary>
/// The one table of the language's built-in names and functions (<see cref="Builtins"/>): what the binder, the
/// suggestions and the kernel comments read from it, and that the language reference documents every entry.
/// </summary>
public class BuiltinsTests
{
    [Fact]
    public void EveryBuiltInFunctionAndNameIsDocumentedInTheLanguageReference()
    {
        // The words written as code in the reference: inline (`...`) or in fenced blocks.
        var documented = new HashSet<string>();
        bool fenced = false;
        foreach (string line in File.ReadLines(RepositoryRoot.Combine("docs", "dsl.md")))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                fenced = !fenced;
            else
                documented.UnionWith((fenced ? [line] : Regex.Matches(line, "`([^`]+)`").Select(m => m.Groups[1].Value)).SelectMany(Words));
        }
        string[] names = [.. Builtins.Functions.Keys, .. Builtins.UpdateNames, .. Builtins.ScheduleNames];
        string[] undocumented = [.. names.Where(n => !documented.Contains(n))];
        Assert.Equal([], undocumented);
    }

    private static IEnumerable<string> Words(string code) => Regex.Matches(code, "[A-Za-z_][A-Za-z0-9_]*").Select(w => w.Value);

    [Fact]
    public void AScheduleIsOfferedNoReductionAndNoMatrixBuiltIn()
    {
        string[] schedule = [.. Builtins.FunctionNames(schedule: true)];
        string[] update = [.. Builtins.FunctionNames(schedule: false)];
        Assert.Contains("sqrt", schedule);
        Assert.Contains("uniform", schedule);
        Assert.Contains("mod", schedule);
        Assert.DoesNotContain("sum", schedule);
        Assert.DoesNotContain("row_norm", schedule);
        Assert.DoesNotContain("newton_schulz", schedule);
        Assert.Equal(Builtins.Functions.Count, update.Length);
    }

    [Fact]
    public void EveryPerTensorAndAxisReductionIsNamedBackFromItsKindAndAxes()
    {
        BuiltinFunction[] reductions = [.. Builtins.Functions.Values.Where(f => f.Kind == CallKind.Reduction && !f.Global)];
        Assert.Equal(5 + 6 * 3 + 4, reductions.Length);
        Assert.All(reductions, r => Assert.Equal(r.Name, Builtins.ReductionName(r.Reduction, r.Reduces)));
    }

    [Fact]
    public void TheGlobalReductionsReduceEveryElementOfEveryTensor()
    {
        var globals = Builtins.Functions.Values.Where(f => f.Global).Select(f => (f.Name, f.Kind, f.Reduction, f.Reduces, f.Arity));
        Assert.Equal(
            [("global_sum", CallKind.Reduction, ReductionKind.Sum, Axes.All, 1), ("global_norm", CallKind.Reduction, ReductionKind.Norm, Axes.All, 1),
             ("global_maxabs", CallKind.Reduction, ReductionKind.MaxAbs, Axes.All, 1)],
            globals);
    }

    [Fact]
    public void TheUpdateNamesHoldTheShapeBuiltInsAndTheLossAndTheScheduleNamesDoNot()
    {
        Assert.Superset(new HashSet<string>([.. Builtins.ShapeNames, Builtins.Loss, Builtins.Length]), new HashSet<string>(Builtins.UpdateNames));
        Assert.Empty(Builtins.ScheduleNames.Intersect([.. Builtins.ShapeNames, Builtins.Loss, Builtins.Length, "w", "g"]));
    }
}

using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OptGen.Generator.Model;
using OptGen.Generator.Transforms;
using OptGen.Testing;
using Xunit;

namespace OptGen.Generator.Tests.Model;

/// <summary>
/// <see cref="GeneratedMembers"/> is the one list of what the emitters write: every member of a generated class with
/// every feature on (transforms, bool variants, loss, random draws) is in it, or is the user's hyperparameter or a
/// transform's member; so a user member of any of those names is reported instead of colliding.
/// </summary>
public class GeneratedMembersTests
{
    private const string Optimizer = """
        using OptGen;
        namespace Demo;
        [Optimizer]
        [SkipNonFinite, AccumulateGradients(2), ClipGradientValue, ClipGradientNorm, L2Penalty, DecoupledWeightDecay, ClipWeights, WeightEma]
        [State("m"), State("s", Scalar = true), State("r", Shape = StateShape.Row)]
        [Update("m = Fast ? g : m + g + 0.001 * uniform() * loss", "r = row_mean(g * g)", "s = s + norm(g)", "w -= lr * (m + r + s)")]
        public partial class Opt
        {
            [Hyperparameter(true)] public partial bool Fast { get; set; }
        }
        """;

    private const string Schedule = """
        using OptGen;
        namespace Demo;
        [Schedule("lr0 * Factor * (1 + 0.1 * normal()) * (1 - t / T)")]
        public partial class Opt
        {
            [Hyperparameter(0.5)] public partial double Factor { get; set; }
        }
        """;

    private static List<string> MembersOf(string generated)
    {
        ClassDeclarationSyntax type = CSharpSyntaxTree.ParseText(generated).GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().First();
        return type.Members.SelectMany(m => m switch
        {
            BaseFieldDeclarationSyntax f => f.Declaration.Variables.Select(v => v.Identifier.ValueText),
            PropertyDeclarationSyntax p => [p.Identifier.ValueText],
            MethodDeclarationSyntax method => [method.Identifier.ValueText],
            BaseTypeDeclarationSyntax nested => [nested.Identifier.ValueText],
            _ => [],
        }).ToList();
    }

    [Theory]
    [InlineData(Optimizer, false, "Fast")]
    [InlineData(Schedule, true, "Factor")]
    public void EveryMemberTheEmittersWriteIsReserved(string source, bool isSchedule, string hyperparameter)
    {
        GeneratorOutput output = GeneratorHarness.Run(source);
        Assert.True(output.AllDiagnostics.IsEmpty, GeneratorHarness.Describe(output.AllDiagnostics));
        List<string> members = MembersOf(output.Single);
        var transformMembers = new HashSet<string>(TransformCatalog.All.SelectMany(t => t.GeneratedMembers));
        Assert.True(members.Count > 5, string.Join(", ", members)); // the class was found
        Assert.All(members, name => Assert.True(
            name == hyperparameter || GeneratedMembers.Contains(name, isSchedule) || (!isSchedule && transformMembers.Contains(name)),
            $"'{name}' is written into the class but not in GeneratedMembers"));
    }

    [Fact]
    public void TheOptimizerWritesEveryFixedNameTheListHolds()
    {
        // The converse: the list holds no name that is no longer written (with loss and draws on, all are).
        // The plain Run is written when there is a single variant, the others when the update uses the feature.
        var members = new HashSet<string>(MembersOf(GeneratorHarness.Run(Optimizer).Single));
        members.UnionWith(MembersOf(GeneratorHarness.Run(Optimizer.Replace("[Hyperparameter(true)] public partial bool Fast { get; set; }", "")
            .Replace("Fast ? g : ", "")).Single));
        Assert.All(GeneratedMembers.Fixed(isSchedule: false), name => Assert.Contains(name, members));
        Assert.Contains(members, m => m.StartsWith(GeneratedMembers.VariantRunPrefix, System.StringComparison.Ordinal));
        Assert.Contains(members, m => m.StartsWith(GeneratedMembers.PassKernelPrefix, System.StringComparison.Ordinal));
        Assert.Contains(GeneratedMembers.HyperparameterFieldPrefix + "Fast", members);
    }

    [Fact]
    public void TheScheduleWritesEveryFixedNameTheListHolds()
    {
        GeneratorOutput output = GeneratorHarness.Run(Schedule);
        var members = new HashSet<string>(MembersOf(output.Single));
        Assert.All(GeneratedMembers.Fixed(isSchedule: true), name => Assert.Contains(name, members));
    }
}

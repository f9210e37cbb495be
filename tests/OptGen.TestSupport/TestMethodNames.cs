using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;

namespace OptGen.TestSupport;

/// <summary>
/// The naming rule for test methods (tests/README.md, "Naming"): a sentence in PascalCase with no underscores, and a
/// test of one diagnostic starts with its id and one underscore (<c>OPTG0017_HyperparameterWithAGeneratedName</c>) so
/// that <c>DiagnosticTests.EveryDiagnosticIdHasATest</c> finds it. Each test project asserts it over its own assembly.
/// </summary>
public static partial class TestMethodNames
{
    [GeneratedRegex(@"^(OPTG[0-9]{4}_)?[A-Z][A-Za-z0-9]*$")]
    private static partial Regex Rule();

    /// <summary>Whether <paramref name="name"/> follows the rule.</summary>
    public static bool IsConventional(string name) => Rule().IsMatch(name);

    /// <summary>
    /// The name by the rule for a sentence written with underscores: each word capitalised and the underscores dropped,
    /// but for the one after a diagnostic id (<c>OPTG0017_state_twice</c> → <c>OPTG0017_StateTwice</c>).
    /// </summary>
    public static string Suggest(string name)
    {
        Match id = DiagnosticPrefix().Match(name);
        string rest = name[id.Length..];
        return id.Value + string.Concat(rest.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
    }

    [GeneratedRegex("^OPTG[0-9]{4}_")]
    private static partial Regex DiagnosticPrefix();

    /// <summary>"Type.Method (rename to ...)" of every [Fact] or [Theory] (or attribute derived from them) in the assembly that breaks the rule.</summary>
    public static IReadOnlyList<string> Breaking(Assembly assembly) =>
        Methods(assembly)
            .Where(IsTest)
            .Where(m => !IsConventional(m.Name))
            .Select(m => $"{m.DeclaringType!.FullName}.{m.Name} (rename to {Suggest(m.Name)})")
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Asserts that the assembly has tests (a scan that finds none would pass for the wrong reason) and that every one
    /// follows the rule; the failure lists those that do not.
    /// </summary>
    public static void AssertAllFollowTheRule(Assembly assembly)
    {
        Assert.True(Methods(assembly).Count(IsTest) > 1, $"no [Fact] or [Theory] methods found in {assembly.GetName().Name}");
        IReadOnlyList<string> breaking = Breaking(assembly);
        Assert.True(breaking.Count == 0, $"{breaking.Count} test methods break the naming rule (tests/README.md):\n" + string.Join("\n", breaking));
    }

    private static IEnumerable<MethodInfo> Methods(Assembly assembly) =>
        assembly.GetTypes().SelectMany(t => t.GetMethods(
            BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly));

    // By name, walking the base types: this library references only xunit's assertions, not xunit.core's attributes.
    private static bool IsTest(MethodInfo method) =>
        method.GetCustomAttributes(inherit: false).Any(a =>
        {
            for (Type? t = a.GetType(); t is not null; t = t.BaseType)
            {
                if (t.FullName == "Xunit.FactAttribute")
                {
                    return true;
                }
            }
            return false;
        });
}

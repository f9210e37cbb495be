using OptGen.Optimizers;
using OptGen.Samples;

namespace OptGen.Samples.Tests;

/// <summary>
/// OptGen.Optimizers.BuiltInOptimizers, the one list of built-ins that tools pick from by name: complete (every
/// public optimizer class, found by reflection here, once), named by the rule, documented.
/// </summary>
public sealed class BuiltInCatalogueTests
{
    [Fact]
    public void EveryPublicOptimizerClassIsListedExactlyOnce()
    {
        Type[] classes = typeof(Sgd).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "OptGen.Optimizers" && !t.IsAbstract && typeof(IOptimizer).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToArray();
        Type[] listed = BuiltInOptimizers.All.Select(b => b.Create().GetType()).OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();
        Assert.True(classes.Length >= 30, $"only {classes.Length} optimizer classes found");
        Assert.Equal(classes, listed); // a class missing or listed twice shows here
    }

    [Fact]
    public void NamesAreTheClassNamesInLowercaseAndUnique()
    {
        foreach (BuiltInOptimizer b in BuiltInOptimizers.All)
            Assert.Equal(b.Create().GetType().Name.ToLowerInvariant(), b.Name);
        Assert.Equal(BuiltInOptimizers.All.Count, BuiltInOptimizers.Names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void EveryEntryHasAPeerAOneLineDescriptionAndMakesFreshTunableInstances()
    {
        foreach (BuiltInOptimizer b in BuiltInOptimizers.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(b.Peer), b.Name);
            Assert.False(string.IsNullOrWhiteSpace(b.Description), b.Name);
            Assert.DoesNotContain('\n', b.Description);
            Assert.True(b.Description.Length <= 80, $"{b.Name}: the description is {b.Description.Length} characters");
            IOptimizer first = b.Create(), second = b.Create();
            Assert.NotSame(first, second);
            Assert.IsAssignableFrom<IHyperparameters>(first);
        }
    }

    [Fact]
    public void LibraryDocsNameEveryEntryAndItsPeer()
    {
        string docs = File.ReadAllText(RepoData.File("../docs/library.md"));
        foreach (BuiltInOptimizer b in BuiltInOptimizers.All)
        {
            Assert.True(docs.Contains($"`{b.Name}`", StringComparison.Ordinal), $"docs/library.md does not mention `{b.Name}`");
            string peer = b.Peer.Split(" / ")[0].Replace("timm ", "", StringComparison.Ordinal);
            Assert.True(docs.Contains(peer, StringComparison.Ordinal), $"docs/library.md does not mention {b.Name}'s peer {peer}");
        }
    }

    [Fact]
    public void LookupIgnoresCaseAndAnUnknownNameListsTheNames()
    {
        Assert.IsType<AdamW>(BuiltInOptimizers.Create("AdamW"));
        Assert.True(BuiltInOptimizers.TryGet("ScheduleFreeAdamW", out BuiltInOptimizer? sf));
        Assert.Equal("schedulefreeadamw", sf.Name);
        Assert.False(BuiltInOptimizers.TryGet("adamx", out _));
        ArgumentException e = Assert.Throws<ArgumentException>(() => BuiltInOptimizers.Get("adamx"));
        Assert.Contains("'adamx'", e.Message);
        Assert.Contains("adamw, adamax, nadam", e.Message);
    }

    [Fact]
    public void TheListCannotBeChangedByACaller()
    {
        var list = Assert.IsAssignableFrom<System.Collections.Generic.IList<BuiltInOptimizer>>(BuiltInOptimizers.All);
        Assert.True(list.IsReadOnly);
        Assert.Throws<NotSupportedException>(() => list[0] = list[1]);
    }
}

using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OptGen.Generator.Extraction;
using OptGen.Generator.Model;
using OptGen.Testing;

namespace OptGen.Generator.Tests.Harness;

/// <summary>The spec of one class of a source, read as the generator's attribute lookup reads it.</summary>
internal static class SpecExtraction
{
    /// <summary>The class named <paramref name="name"/> (its [Optimizer], else its [Schedule]); null where extraction gives none.</summary>
    public static ClassSpec? Extract(string source, string name)
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(source);
        INamedTypeSymbol symbol = compilation.GetSymbolsWithName(name, SymbolFilter.Type).OfType<INamedTypeSymbol>().Single();
        var target = ClassExtractor.FindTarget(symbol, CancellationToken.None);
        Assert.True(target.HasValue, $"'{name}' has no [Optimizer] or [Schedule] on a type declaration");
        return ClassExtractor.Extract(symbol, target.Value.Declaration, target.Value.IsSchedule, CancellationToken.None);
    }
}

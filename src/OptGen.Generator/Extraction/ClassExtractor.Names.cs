using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using OptGen.Generator.Model;
using OptGen.Generator.Transforms;

namespace OptGen.Generator.Extraction;

// Names: attributes recognised by name, members named like generated ones, files this generator wrote.
internal static partial class ClassExtractor
{
    /// <summary>
    /// A member the user declares with the name of one OptGen writes into the class (<see cref="GeneratedMembers"/>, or a
    /// member of one of its transforms) would be a duplicate definition in the generated code. An accepted hyperparameter
    /// of such a name is reported by <see cref="DeclarationChecks"/> instead (the message names the hyperparameter); a
    /// rejected one is reported here, since the shell of the class still writes the generated member.
    /// </summary>
    private static void CheckGeneratedNames(INamedTypeSymbol symbol, bool isSchedule, List<TransformSpec> transforms, List<HyperparameterSpec> hyperparameters,
        List<DiagnosticInfo> diagnostics)
    {
        var accepted = new HashSet<string>(hyperparameters.Select(h => h.Name));
        var added = new HashSet<string>(transforms.SelectMany(t => TransformCatalog.Get(t.Kind).GeneratedMembers));
        foreach (ISymbol member in symbol.GetMembers())
        {
            if (member.IsImplicitlyDeclared || member is INamedTypeSymbol || IsGeneratedByOptGen(member))
                continue;
            string name = member.Name;
            bool generated = added.Contains(name) || (GeneratedMembers.Contains(name, isSchedule) && !accepted.Contains(name));
            if (!generated)
                continue;
            transforms.RemoveAll(t => TransformCatalog.Get(t.Kind).GeneratedMembers.Contains(name)); // no duplicate in the shell
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameConflict, SourceSpanInfo.From(member.Locations.FirstOrDefault()), name,
                "is a member OptGen generates for this class; rename it"));
        }
    }

    /// <summary>
    /// Whether every declaration of <paramref name="member"/> is in a file this generator wrote. The analyzer sees the
    /// compilation with the generated files (the generator does not), and must not take their members for the user's.
    /// A generated file's path is "{generator assembly}/{generator type}/{hint name}" below the compiler's folder.
    /// </summary>
    private static bool IsGeneratedByOptGen(ISymbol member)
    {
        ImmutableArray<SyntaxReference> declarations = member.DeclaringSyntaxReferences;
        return declarations.Length > 0 && declarations.All(d => IsGeneratedByOptGen(d.SyntaxTree));
    }

    private static readonly string s_generatedFolder = typeof(OptGenGenerator).FullName!;

    private static bool IsGeneratedByOptGen(SyntaxTree tree)
    {
        char[] separators = ['/', '\\'];
        string path = tree.FilePath;
        int end = path.LastIndexOfAny(separators);
        if (end <= 0)
            return false;
        int start = path.LastIndexOfAny(separators, end - 1) + 1;
        return end - start == s_generatedFolder.Length && string.CompareOrdinal(path, start, s_generatedFolder, 0, s_generatedFolder.Length) == 0;
    }

    // The identity of an attribute by name, without formatting its full name for every comparison (what
    // ToDisplayString() == fullName decided): a non-generic class whose name and containers spell fullName.
    private static bool Is(AttributeData attribute, string fullName)
    {
        INamedTypeSymbol? type = attribute.AttributeClass;
        return type is not null && type.Arity == 0 && Spells(type, fullName, fullName.Length);
    }

    // Whether symbol and its containers (types or namespaces, up to the global one) are spelled by fullName[0..length).
    private static bool Spells(ISymbol symbol, string fullName, int length)
    {
        int end = length;
        while (true)
        {
            string part = symbol.Name;
            int start = end - part.Length;
            if (start < 0 || string.CompareOrdinal(fullName, start, part, 0, part.Length) != 0)
                return false;
            ISymbol? container = symbol.ContainingSymbol;
            if (container is null || container is INamespaceSymbol { IsGlobalNamespace: true })
                return start == 0;
            if (start == 0 || fullName[start - 1] != '.' || container is INamedTypeSymbol { Arity: > 0 } || container is not (INamespaceSymbol or INamedTypeSymbol))
                return false;
            end = start - 1;
            symbol = container;
        }
    }

    // A named argument of an attribute (Name = value) of type T, or the fallback when it is not set.
    private static T Named<T>(AttributeData attribute, string name, T fallback)
    {
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == name && named.Value.Value is T value)
                return value;
        }
        return fallback;
    }
}

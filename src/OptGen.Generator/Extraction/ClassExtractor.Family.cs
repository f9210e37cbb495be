using System.Globalization;
using Microsoft.CodeAnalysis;
using OptGen.Generator.Model;

namespace OptGen.Generator.Extraction;

// A family of optimizers: hyperparameters declared once, on an interface the classes implement.
internal static partial class ClassExtractor
{
    /// <summary>
    /// The class's hyperparameters: its own [Hyperparameter] partial properties, and those of the interfaces it
    /// implements (<see cref="ITypeSymbol.AllInterfaces"/>: directly or through another interface, or a base class).
    /// A name the class declares itself is the class's: its own [Hyperparameter] overrides the interface's (another
    /// default or range), and any other member of that name means the class implements it itself. The order, which
    /// is the catalogue's (<c>IHyperparameters.Hyperparameters</c>): the interfaces' first, interface by interface
    /// in the order of AllInterfaces (an interface before the ones it extends, otherwise as declared) and each in
    /// declaration order, a class's override in the place of the member it overrides; then the class's others, in
    /// declaration order. So a family lists its shared hyperparameters alike, and a member's own ones follow.
    /// </summary>
    private static List<HyperparameterSpec> ReadHyperparameters(INamedTypeSymbol symbol, SourceSpanInfo? classLocation, List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        var own = new List<HyperparameterSpec>();
        var declared = new HashSet<string>(); // every member name the class declares itself (OptGen's generated ones aside)
        foreach (ISymbol member in symbol.GetMembers())
        {
            if (member.IsImplicitlyDeclared || IsGeneratedByOptGen(member))
                continue;
            declared.Add(member.Name);
            if (member is IPropertySymbol property && property.GetAttributes().FirstOrDefault(a => Is(a, HyperparameterAttribute)) is { } attribute
                && ReadHyperparameter(property, attribute, diagnostics, cancellationToken) is { } h)
            {
                own.Add(h);
            }
        }
        if (symbol.AllInterfaces.IsEmpty)
            return own;

        var result = new List<HyperparameterSpec>();
        var placed = new HashSet<string>();
        var declaredBy = new Dictionary<string, (HyperparameterSpec Spec, INamedTypeSymbol Interface)>();
        foreach (INamedTypeSymbol @interface in symbol.AllInterfaces)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (IPropertySymbol property in @interface.GetMembers().OfType<IPropertySymbol>())
            {
                if (property.GetAttributes().FirstOrDefault(a => Is(a, HyperparameterAttribute)) is not { } attribute)
                    continue;
                // Checked even where the class overrides it: an interface member is valid or not whoever implements it.
                HyperparameterSpec? h = ReadInterfaceHyperparameter(property, attribute, diagnostics);
                if (declared.Contains(property.Name))
                {
                    if (own.FirstOrDefault(o => o.Name == property.Name) is { } mine && placed.Add(mine.Name))
                        result.Add(mine);
                    continue;
                }
                if (h is null)
                    continue;
                if (declaredBy.TryGetValue(h.Name, out var first))
                {
                    if (!SameDeclaration(first.Spec, h))
                        ReportConflict(symbol, classLocation, first, (h, @interface), diagnostics);
                    continue;
                }
                declaredBy.Add(h.Name, (h, @interface));
                placed.Add(h.Name);
                result.Add(h);
            }
        }
        result.AddRange(own.Where(h => !placed.Contains(h.Name)));
        return result;
    }

    // Two interfaces agree on a hyperparameter when one property can implement both with one default and range.
    private static bool SameDeclaration(HyperparameterSpec a, HyperparameterSpec b) =>
        a.Type == b.Type && a.Default.Equals(b.Default) && a.Min.Equals(b.Min) && a.Max.Equals(b.Max);

    private static void ReportConflict(INamedTypeSymbol symbol, SourceSpanInfo? classLocation, (HyperparameterSpec Spec, INamedTypeSymbol Interface) first,
        (HyperparameterSpec Spec, INamedTypeSymbol Interface) second, List<DiagnosticInfo> diagnostics)
    {
        string id = DiagnosticDescriptors.ConflictingInterfaceHyperparameter.Id;
        // Once per name, however many interfaces disagree: the class settles it with one declaration.
        if (diagnostics.Any(d => d.Id == id && d.Arguments.Count > 0 && d.Arguments[0] == first.Spec.Name))
            return;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConflictingInterfaceHyperparameter, classLocation, first.Spec.Name,
            Describe(first), Describe(second), symbol.Name));
    }

    private static string Describe((HyperparameterSpec Spec, INamedTypeSymbol Interface) declaration)
    {
        HyperparameterSpec h = declaration.Spec;
        string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        string value = h.Type == HyperparameterType.Bool ? (h.Default != 0 ? "true" : "false") : Number(h.Default);
        string range = h.Type == HyperparameterType.Bool ? ""
            : (double.IsNegativeInfinity(h.Min), double.IsPositiveInfinity(h.Max)) switch
            {
                (true, true) => "",
                (false, true) => ", at least " + Number(h.Min),
                (true, false) => ", at most " + Number(h.Max),
                _ => $", in [{Number(h.Min)}, {Number(h.Max)}]",
            };
        return $"'{declaration.Interface.Name}' ({h.Type.ToString().ToLowerInvariant()}, default {value}{range})";
    }
}

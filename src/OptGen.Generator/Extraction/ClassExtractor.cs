using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OptGen.Generator.Model;
using OptGen.Generator.Transforms;

namespace OptGen.Generator.Extraction;

/// <summary>
/// Reads an attributed class into a <see cref="ClassSpec"/>: plain, equatable data with no symbols or syntax,
/// so later pipeline steps are cached when an unrelated edit leaves it unchanged. Problems with the
/// declaration itself (not partial, nested, bad hyperparameters) are found here.
/// </summary>
internal static class ClassExtractor
{
    public const string OptimizerAttribute = "OptGen.OptimizerAttribute";
    public const string ScheduleAttribute = "OptGen.ScheduleAttribute";
    private const string StateAttribute = "OptGen.StateAttribute";
    private const string HyperparameterAttribute = "OptGen.HyperparameterAttribute";
    private const string UpdateAttribute = "OptGen.UpdateAttribute";

    /// <summary>
    /// The declaration that carries the [Optimizer] (else [Schedule]) attribute of <paramref name="symbol"/>, and which
    /// of the two it is: what the generator's attribute lookup finds, for the analyzer. Null when neither is applied
    /// to a type declaration.
    /// </summary>
    public static (TypeDeclarationSyntax Declaration, bool IsSchedule)? FindTarget(INamedTypeSymbol symbol, CancellationToken cancellationToken)
    {
        AttributeData? optimizer = null, schedule = null;
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (optimizer is null && Is(attribute, OptimizerAttribute))
                optimizer = attribute;
            else if (schedule is null && Is(attribute, ScheduleAttribute))
                schedule = attribute;
        }
        AttributeData? target = optimizer ?? schedule;
        if (target?.ApplicationSyntaxReference?.GetSyntax(cancellationToken).Parent?.Parent is not TypeDeclarationSyntax declaration)
            return null;
        return (declaration, optimizer is null);
    }

    /// <summary>Null for the schedule side of a class that is also an [Optimizer]: the optimizer side reports it.</summary>
    public static ClassSpec? Extract(INamedTypeSymbol symbol, TypeDeclarationSyntax declaration, bool isSchedule, CancellationToken cancellationToken)
    {
        // Records (and, with a CS0592 error already, structs and interfaces) are found too, so they get a diagnostic
        // instead of being skipped silently.
        if (isSchedule && symbol.GetAttributes().Any(a => Is(a, OptimizerAttribute)))
            return null;
        var diagnostics = new List<DiagnosticInfo>();
        SourceSpanInfo? classLocation = SourceSpanInfo.From(declaration.Identifier.GetLocation());

        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, classLocation, symbol.Name));
        if (declaration is not ClassDeclarationSyntax)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BadClassShape, classLocation, symbol.Name, $"it is a {declaration.Keyword.ValueText}{(declaration is RecordDeclarationSyntax { ClassOrStructKeyword.ValueText: "struct" } ? " struct" : "")}"));
        if (symbol.ContainingType is not null)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BadClassShape, classLocation, symbol.Name, "it is nested in another type"));
        if (symbol.IsGenericType)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BadClassShape, classLocation, symbol.Name, "it has type parameters"));
        if (symbol.IsStatic)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BadClassShape, classLocation, symbol.Name, "it is static, but OptGen generates instance members"));

        ImmutableArray<AttributeData> attributes = symbol.GetAttributes();
        bool both = attributes.Any(a => Is(a, OptimizerAttribute)) && attributes.Any(a => Is(a, ScheduleAttribute));
        if (both)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingFormula, classLocation, $"'{symbol.Name}' cannot be both an [Optimizer] and a [Schedule]"));

        double learningRate = 1e-3;
        int view = 0, minRank = 0, maxRank = 0;
        var transforms = new List<TransformSpec>();
        var formulas = new List<FormulaText>();
        var states = new List<StateSpec>();
        foreach (AttributeData attribute in attributes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            if (Is(attribute, OptimizerAttribute))
            {
                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == "LearningRate" && named.Value.Value is double lr)
                        learningRate = lr;
                    else if (named.Key == "View" && named.Value.Value is int v)
                        view = v;
                    else if (named.Key == "MinRank" && named.Value.Value is int min)
                        minRank = min;
                    else if (named.Key == "MaxRank" && named.Value.Value is int max)
                        maxRank = max;
                }
                if (!isSchedule && !(learningRate >= 0 && !double.IsInfinity(learningRate)))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BadHyperparameter, SourceSpanInfo.From(syntax?.GetLocation()), "LearningRate", "must be a finite number >= 0"));
            }
            else if (Is(attribute, StateAttribute) && !isSchedule)
            {
                states.Add(ReadState(attribute, syntax));
            }
            else if (Is(attribute, UpdateAttribute) && !isSchedule)
            {
                ReadFormulas(attribute, syntax, formulas);
            }
            else if (Is(attribute, ScheduleAttribute) && isSchedule)
            {
                ReadFormulas(attribute, syntax, formulas);
            }
            else if (!isSchedule && attribute.AttributeClass?.ContainingNamespace is { IsGlobalNamespace: false } optGenNamespace && Spells(optGenNamespace, "OptGen", 6)
                && TransformCatalog.FromAttribute(attribute.AttributeClass.Name) is { } transform)
            {
                double setting = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value switch
                {
                    double d => d,
                    int i => i,
                    _ => 0,
                } : 0;
                transforms.Add(new TransformSpec(transform.Kind, setting));
            }
        }
        if (formulas.Count == 0)
        {
            string message = isSchedule
                ? $"Schedule '{symbol.Name}' needs a formula: [Schedule(\"...\")]"
                : $"Optimizer '{symbol.Name}' needs an [Update(\"...\")] attribute with its update statements";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingFormula, classLocation, message));
        }

        var hyperparameters = new List<HyperparameterSpec>();
        foreach (IPropertySymbol property in symbol.GetMembers().OfType<IPropertySymbol>())
        {
            AttributeData? attribute = property.GetAttributes().FirstOrDefault(a => Is(a, HyperparameterAttribute));
            if (attribute is null)
                continue;
            HyperparameterSpec? h = ReadHyperparameter(property, attribute, diagnostics, cancellationToken);
            if (h is not null)
                hyperparameters.Add(h);
        }

        CheckGeneratedNames(symbol, isSchedule, transforms, hyperparameters, diagnostics);

        string? ns = symbol.ContainingNamespace.IsGlobalNamespace ? null : symbol.ContainingNamespace.ToDisplayString();
        return new ClassSpec(ns, symbol.Name, isSchedule, learningRate, hyperparameters.ToEquatableArray(), states.ToEquatableArray(),
            formulas.ToEquatableArray(), classLocation, diagnostics.ToEquatableArray(), transforms.ToEquatableArray(), view, minRank, maxRank);
    }

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

    private static StateSpec ReadState(AttributeData attribute, AttributeSyntax? syntax)
    {
        string name = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string ?? "" : "";
        double init = 0;
        bool scalar = false, bf16 = false, fromWeights = false, shared = false;
        var shape = StateShapeKind.Element;
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == "Init" && named.Value.Value is double d)
                init = d;
            else if (named.Key == "Scalar" && named.Value.Value is bool b)
                scalar = b;
            else if (named.Key == "InitFromWeights" && named.Value.Value is bool fw)
                fromWeights = fw;
            else if (named.Key == "Shared" && named.Value.Value is bool sh)
                shared = sh;
            else if (named.Key == "Storage" && named.Value.Value is int storage)
                bf16 = storage == 1;
            else if (named.Key == "Shape" && named.Value.Value is int s && s is >= 0 and <= 5)
                shape = (StateShapeKind)s;
        }
        Location? location = syntax?.ArgumentList?.Arguments.FirstOrDefault()?.GetLocation() ?? syntax?.GetLocation();
        // A scalar keeps its declared shape Element; the front end reports InitFromWeights on a scalar or factored state.
        scalar |= shared; // a shared state is one value (for the whole step)
        return new StateSpec(name, init, scalar, SourceSpanInfo.From(location), bf16 && !scalar, scalar ? StateShapeKind.Element : shape, fromWeights, shared);
    }

    private static void ReadFormulas(AttributeData attribute, AttributeSyntax? syntax, List<FormulaText> formulas)
    {
        if (attribute.ConstructorArguments.Length == 0)
            return;
        TypedConstant argument = attribute.ConstructorArguments[0];
        var values = argument.Kind == TypedConstantKind.Array
            ? (argument.IsNull ? new List<string?> { null } : argument.Values.Select(v => v.Value as string).ToList())
            : new List<string?> { argument.Value as string };
        // Constructor arguments, positional or named ("formula: ..."); property assignments (Name = ...) are not formulas.
        var argumentSyntax = syntax?.ArgumentList?.Arguments.Where(a => a.NameEquals is null).ToList();
        for (int i = 0; i < values.Count; i++)
        {
            ExpressionSyntax? expression = argumentSyntax is not null && argumentSyntax.Count == values.Count ? argumentSyntax[i].Expression
                : argumentSyntax?.FirstOrDefault()?.Expression ?? null;
            formulas.Add(FormulaLocator.Create(values[i] ?? "", expression ?? (ExpressionSyntax?)null));
        }
    }

    private static HyperparameterSpec? ReadHyperparameter(IPropertySymbol property, AttributeData attribute, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var declaration = property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) as PropertyDeclarationSyntax;
        SourceSpanInfo? location = SourceSpanInfo.From(declaration?.Identifier.GetLocation() ?? property.Locations.FirstOrDefault());
        void Bad(string why) => diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BadHyperparameter, location, property.Name, why));

        HyperparameterType? type = property.Type.SpecialType switch
        {
            SpecialType.System_Single => HyperparameterType.Float,
            SpecialType.System_Double => HyperparameterType.Double,
            SpecialType.System_Int32 => HyperparameterType.Int,
            SpecialType.System_Int64 => HyperparameterType.Long,
            SpecialType.System_Boolean => HyperparameterType.Bool,
            _ => null,
        };
        if (SyntaxFacts.GetKeywordKind(property.Name) != SyntaxKind.None)
        {
            Bad("is a C# keyword; give the property another name");
            return null;
        }
        if (type is null)
        {
            Bad($"has type '{property.Type.ToDisplayString()}', but must be float, double, int, long or bool");
            return null;
        }
        if (declaration is null || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword) || property.IsStatic
            || declaration.AccessorList is null || declaration.AccessorList.Accessors.Any(a => a.Body is not null || a.ExpressionBody is not null)
            || declaration.ExpressionBody is not null)
        {
            Bad("must be declared as a non-static 'partial' property with '{ get; set; }' only; OptGen implements it");
            return null;
        }
        if (!declaration.AccessorList.Accessors.Any(a => a.IsKind(SyntaxKind.GetAccessorDeclaration))
            || !declaration.AccessorList.Accessors.Any(a => a.IsKind(SyntaxKind.SetAccessorDeclaration)))
        {
            Bad("must have both 'get' and 'set' accessors");
            return null;
        }
        if (declaration.AccessorList.Accessors.Any(a => a.Modifiers.Count > 0))
        {
            Bad("must not put access modifiers on its accessors");
            return null;
        }

        double defaultValue = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value switch
        {
            double d => d,
            bool b => b ? 1 : 0,
            _ => 0,
        } : 0;
        bool boolDefault = attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is bool;
        if (boolDefault != (type == HyperparameterType.Bool))
        {
            Bad(type == HyperparameterType.Bool ? "is a bool, so its default must be true or false" : "is a number, so its default must be a number");
            return null;
        }
        double min = double.NegativeInfinity, max = double.PositiveInfinity;
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == "Min" && named.Value.Value is double lo)
                min = lo;
            else if (named.Key == "Max" && named.Value.Value is double hi)
                max = hi;
        }
        if (double.IsNaN(defaultValue) || double.IsNaN(min) || double.IsNaN(max) || min > max)
        {
            Bad("has a NaN default or bound, or Min greater than Max");
            return null;
        }
        if (type != HyperparameterType.Bool && (defaultValue < min || defaultValue > max))
        {
            Bad($"has default {defaultValue.ToString(System.Globalization.CultureInfo.InvariantCulture)} outside its range [{min.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {max.ToString(System.Globalization.CultureInfo.InvariantCulture)}]");
            return null;
        }
        if (type is HyperparameterType.Int or HyperparameterType.Long && (defaultValue != System.Math.Floor(defaultValue)
            || (type == HyperparameterType.Int && (defaultValue < int.MinValue || defaultValue > int.MaxValue))))
        {
            Bad("is an integer, so its default must be a whole number in range");
            return null;
        }
        if (type == HyperparameterType.Float && !double.IsInfinity(defaultValue) && System.Math.Abs(defaultValue) > float.MaxValue)
        {
            Bad("is a float, but its default is out of float range");
            return null;
        }

        // Partial members must repeat their access modifiers exactly as declared (including none at all).
        string accessibility = string.Concat(declaration.Modifiers
            .Where(m => m.IsKind(SyntaxKind.PublicKeyword) || m.IsKind(SyntaxKind.InternalKeyword) || m.IsKind(SyntaxKind.ProtectedKeyword) || m.IsKind(SyntaxKind.PrivateKeyword))
            .Select(m => m.Text + " "));
        return new HyperparameterSpec(property.Name, type.Value, accessibility, defaultValue, min, max, location);
    }
}

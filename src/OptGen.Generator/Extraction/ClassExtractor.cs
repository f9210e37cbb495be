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
/// declaration itself (not partial, nested, bad hyperparameters, interfaces that disagree) are found here.
/// </summary>
internal static partial class ClassExtractor
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
                learningRate = Named(attribute, "LearningRate", learningRate);
                view = Named(attribute, "View", view);
                minRank = Named(attribute, "MinRank", minRank);
                maxRank = Named(attribute, "MaxRank", maxRank);
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

        List<HyperparameterSpec> hyperparameters = ReadHyperparameters(symbol, classLocation, diagnostics, cancellationToken);

        CheckGeneratedNames(symbol, isSchedule, transforms, hyperparameters, diagnostics);

        string? ns = symbol.ContainingNamespace.IsGlobalNamespace ? null : symbol.ContainingNamespace.ToDisplayString();
        return new ClassSpec(ns, symbol.Name, isSchedule, learningRate, hyperparameters.ToEquatableArray(), states.ToEquatableArray(),
            formulas.ToEquatableArray(), classLocation, diagnostics.ToEquatableArray(), transforms.ToEquatableArray(), view, minRank, maxRank);
    }

    private static StateSpec ReadState(AttributeData attribute, AttributeSyntax? syntax)
    {
        string name = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string ?? "" : "";
        double init = Named(attribute, "Init", 0.0);
        bool scalar = Named(attribute, "Scalar", false), fromWeights = Named(attribute, "InitFromWeights", false), shared = Named(attribute, "Shared", false);
        bool bf16 = Named(attribute, "Storage", 0) == 1; // StateStorage.BFloat16
        int shapeNumber = Named(attribute, "Shape", 0);
        var shape = shapeNumber is >= 0 and <= (int)StateShapeKind.ColumnIndex ? (StateShapeKind)shapeNumber : StateShapeKind.Element;
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


}

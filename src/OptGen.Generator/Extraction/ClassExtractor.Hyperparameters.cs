using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OptGen.Generator.Model;

namespace OptGen.Generator.Extraction;

// Hyperparameters: a [Hyperparameter] property read and validated (type, declaration, default and range), declared
// either by the class (a partial property OptGen implements) or by an interface it implements (a property OptGen
// implements in full, see ClassExtractor.Family.cs).
internal static partial class ClassExtractor
{
    /// <summary>A [Hyperparameter] partial property of the class itself.</summary>
    private static HyperparameterSpec? ReadHyperparameter(IPropertySymbol property, AttributeData attribute, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var declaration = property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) as PropertyDeclarationSyntax;
        SourceSpanInfo? location = SourceSpanInfo.From(declaration?.Identifier.GetLocation() ?? property.Locations.FirstOrDefault());
        void Bad(string why) => diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BadHyperparameter, location, property.Name, why));

        if (TypeOf(property, Bad) is not { } type)
            return null;
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
        // Partial members must repeat their access modifiers exactly as declared (including none at all).
        string accessibility = string.Concat(declaration.Modifiers
            .Where(m => m.IsKind(SyntaxKind.PublicKeyword) || m.IsKind(SyntaxKind.InternalKeyword) || m.IsKind(SyntaxKind.ProtectedKeyword) || m.IsKind(SyntaxKind.PrivateKeyword))
            .Select(m => m.Text + " "));
        return ReadValues(property.Name, type, accessibility, attribute, location, Bad);
    }

    /// <summary>
    /// A [Hyperparameter] property of an interface: abstract, public, <c>{ get; set; }</c>. It is read from the symbol,
    /// so an interface of a referenced assembly works too (its problems are then reported on the class).
    /// </summary>
    private static HyperparameterSpec? ReadInterfaceHyperparameter(IPropertySymbol property, AttributeData attribute, List<DiagnosticInfo> diagnostics)
    {
        SourceSpanInfo? location = SourceSpanInfo.From(property.Locations.FirstOrDefault());
        void Bad(string why) => diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BadHyperparameter, location, property.Name, why));

        if (TypeOf(property, Bad) is not { } type)
            return null;
        if (property.IsStatic || !property.IsAbstract || property.IsIndexer || property.DeclaredAccessibility != Accessibility.Public
            || property.GetMethod is not { DeclaredAccessibility: Accessibility.Public }
            || property.SetMethod is not { DeclaredAccessibility: Accessibility.Public, IsInitOnly: false })
        {
            Bad("is declared in an interface, so it must be a public, non-static property with '{ get; set; }' only (no body); OptGen implements it in each class");
            return null;
        }
        return ReadValues(property.Name, type, "public ", attribute, location, Bad) is { } h ? h with { FromInterface = true } : null;
    }

    // The property's type as a hyperparameter type, or null (reported) when its name or type cannot be one.
    private static HyperparameterType? TypeOf(IPropertySymbol property, Action<string> bad)
    {
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
            bad("is a C# keyword; give the property another name");
            return null;
        }
        if (type is null)
            bad($"has type '{property.Type.ToDisplayString()}', but must be float, double, int, long or bool");
        return type;
    }

    // The attribute's default and range, checked against the type.
    private static HyperparameterSpec? ReadValues(string name, HyperparameterType type, string accessibility, AttributeData attribute, SourceSpanInfo? location, Action<string> bad)
    {
        double defaultValue = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value switch
        {
            double d => d,
            bool b => b ? 1 : 0,
            _ => 0,
        } : 0;
        bool boolDefault = attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is bool;
        if (boolDefault != (type == HyperparameterType.Bool))
        {
            bad(type == HyperparameterType.Bool ? "is a bool, so its default must be true or false" : "is a number, so its default must be a number");
            return null;
        }
        double min = Named(attribute, "Min", double.NegativeInfinity), max = Named(attribute, "Max", double.PositiveInfinity);
        if (double.IsNaN(defaultValue) || double.IsNaN(min) || double.IsNaN(max) || min > max)
        {
            bad("has a NaN default or bound, or Min greater than Max");
            return null;
        }
        if (type != HyperparameterType.Bool && (defaultValue < min || defaultValue > max))
        {
            bad($"has default {defaultValue.ToString(System.Globalization.CultureInfo.InvariantCulture)} outside its range [{min.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {max.ToString(System.Globalization.CultureInfo.InvariantCulture)}]");
            return null;
        }
        if (type is HyperparameterType.Int or HyperparameterType.Long && (defaultValue != System.Math.Floor(defaultValue)
            || (type == HyperparameterType.Int && (defaultValue < int.MinValue || defaultValue > int.MaxValue))))
        {
            bad("is an integer, so its default must be a whole number in range");
            return null;
        }
        if (type == HyperparameterType.Float && !double.IsInfinity(defaultValue) && System.Math.Abs(defaultValue) > float.MaxValue)
        {
            bad("is a float, but its default is out of float range");
            return null;
        }
        return new HyperparameterSpec(name, type, accessibility, defaultValue, min, max, location);
    }
}

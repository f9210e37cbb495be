using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OptGen.Generator.Model;

namespace OptGen.Generator.Extraction;

// Hyperparameters: a [Hyperparameter] property read and validated (type, declaration, default and range).
internal static partial class ClassExtractor
{
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
        double min = Named(attribute, "Min", double.NegativeInfinity), max = Named(attribute, "Max", double.PositiveInfinity);
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

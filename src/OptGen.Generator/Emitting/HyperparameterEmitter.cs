using OptGen.Generator.Model;

namespace OptGen.Generator.Emitting;

/// <summary>
/// Implements the hyperparameter properties (the user's partial ones, and in full those of a transform or an interface):
/// a backing field with the default and a validating setter.
/// </summary>
internal static class HyperparameterEmitter
{
    public static string Keyword(HyperparameterType type) => type switch
    {
        HyperparameterType.Float => "float",
        HyperparameterType.Double => "double",
        HyperparameterType.Int => "int",
        HyperparameterType.Long => "long",
        _ => "bool",
    };

    public static string Literal(HyperparameterType type, double value) => type switch
    {
        HyperparameterType.Float => Literals.Float(value),
        HyperparameterType.Double => Literals.Double(value),
        HyperparameterType.Int => ((long)value).ToString(System.Globalization.CultureInfo.InvariantCulture),
        HyperparameterType.Long => ((long)value).ToString(System.Globalization.CultureInfo.InvariantCulture) + "L",
        _ => value != 0 ? "true" : "false",
    };

    /// <summary>
    /// The <c>IHyperparameters</c> members: a catalogue of every hyperparameter and get/set by name, the setter going
    /// through the property so its validation applies.
    /// </summary>
    public static void WriteCatalog(CodeWriter w, ClassSpec spec)
    {
        var hs = spec.Hyperparameters;
        string infos = string.Join(", ", System.Linq.Enumerable.Select(hs, h =>
            $"new({Literals.String(h.Name)}, OptGen::HyperparameterKind.{h.Type}, {Literals.Double(h.Default)}, {Literals.Double(h.Min)}, {Literals.Double(h.Max)})"));
        w.Line($"private static readonly OptGen::HyperparameterInfo[] __hyperparameters = [{infos}];");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line("public System::Collections.Generic.IReadOnlyList<OptGen::HyperparameterInfo> Hyperparameters => __hyperparameters;");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Open("public double GetHyperparameter(string name) => name switch");
        foreach (HyperparameterSpec h in hs)
            w.Line($"{Literals.String(h.Name)} => {(h.Type == HyperparameterType.Bool ? $"this.{h.Name} ? 1d : 0d" : "this." + h.Name)},"); // this.: a property may be named like the parameter
        w.Line($"_ => throw {GeneratedAliases.Runtime}::HyperparameterValues.Unknown({Literals.String(spec.Name)}, name, __hyperparameters),");
        w.Close(";");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Open("public void SetHyperparameter(string name, double value)");
        w.Open("switch (name)");
        foreach (HyperparameterSpec h in hs)
            w.Line($"case {Literals.String(h.Name)}: this.{h.Name} = {FromDouble(h)}; return;");
        w.Line($"default: throw {GeneratedAliases.Runtime}::HyperparameterValues.Unknown({Literals.String(spec.Name)}, name, __hyperparameters);");
        w.Close();
        w.Close();
        w.Line();
    }

    private static string FromDouble(HyperparameterSpec h) => h.Type switch
    {
        HyperparameterType.Float => "(float)value",
        HyperparameterType.Double => "value",
        HyperparameterType.Int => $"{GeneratedAliases.Runtime}::HyperparameterValues.ToInt32({Literals.String(h.Name)}, value)",
        HyperparameterType.Long => $"{GeneratedAliases.Runtime}::HyperparameterValues.ToInt64({Literals.String(h.Name)}, value)",
        _ => $"{GeneratedAliases.Runtime}::HyperparameterValues.ToBoolean({Literals.String(h.Name)}, value)",
    };

    public static void Write(CodeWriter w, HyperparameterSpec h)
    {
        string type = Keyword(h.Type);
        string field = GeneratedMembers.HyperparameterFieldPrefix + h.Name; // unique per property, and user members named __hp_* are diagnosed
        w.Line($"private {type} {field} = {Literal(h.Type, h.Default)};");
        w.Line();
        if (h.FromInterface)
        {
            // Documented on the interface, which this property implements; the attribute is repeated so that the class's
            // property carries it, as a class's own hyperparameter does (for reflection over the class).
            w.Line("/// <inheritdoc />");
            w.Line($"[OptGen::HyperparameterAttribute({Attribute(h)})]");
        }
        else
        {
            w.Line($"/// <summary>Hyperparameter <c>{h.Name}</c> (default {Literals.Xml(Literal(h.Type, h.Default))}{Range(h)}).</summary>");
        }
        w.Open($"{h.Accessibility}{(h.IsPartial ? "partial " : "")}{type} {h.Name}");
        w.Line($"get => {field};");
        if (h.Type == HyperparameterType.Bool)
        {
            w.Line($"set => {field} = value;");
        }
        else
        {
            w.Open("set");
            string? check = Check(h);
            if (check is not null)
            {
                w.Line($"if ({check})");
                w.Line($"    throw new System::ArgumentOutOfRangeException(nameof({h.Name}), value, {Literals.String(h.Name + " must be " + Describe(h) + ".")});");
            }
            w.Line($"{field} = value;");
            w.Close();
        }
        w.Close();
        w.Line();
    }

    // The arguments of a [Hyperparameter] that declares h: the default, and the bounds that are set.
    private static string Attribute(HyperparameterSpec h) =>
        (h.Type == HyperparameterType.Bool ? Literal(h.Type, h.Default) : Literals.Double(h.Default))
        + (double.IsNegativeInfinity(h.Min) ? "" : ", Min = " + Literals.Double(h.Min))
        + (double.IsPositiveInfinity(h.Max) ? "" : ", Max = " + Literals.Double(h.Max));

    private static string? Check(HyperparameterSpec h)
    {
        bool floating = h.Type is HyperparameterType.Float or HyperparameterType.Double;
        string nan = floating ? $"{Keyword(h.Type)}.IsNaN(value)" : "";
        (double typeMin, double typeMax) = h.Type switch
        {
            HyperparameterType.Int => (int.MinValue, (double)int.MaxValue),
            HyperparameterType.Long => (long.MinValue, (double)long.MaxValue),
            _ => (double.NegativeInfinity, double.PositiveInfinity),
        };
        bool integer = h.Type is HyperparameterType.Int or HyperparameterType.Long;
        string lo = h.Min <= typeMin ? "" : $"value < {Literal(h.Type, integer ? System.Math.Ceiling(h.Min) : h.Min)}";
        string hi = h.Max >= typeMax ? "" : $"value > {Literal(h.Type, integer ? System.Math.Floor(h.Max) : h.Max)}";
        string[] parts = System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Where(new[] { nan, lo, hi }, p => p.Length > 0));
        return parts.Length == 0 ? null : string.Join(" || ", parts);
    }

    private static string Describe(HyperparameterSpec h)
    {
        bool floating = h.Type is HyperparameterType.Float or HyperparameterType.Double;
        string lo = double.IsNegativeInfinity(h.Min) ? "" : Number(h.Min);
        string hi = double.IsPositiveInfinity(h.Max) ? "" : Number(h.Max);
        string range = (lo, hi) switch
        {
            ("", "") => "a number",
            (_, "") => "at least " + lo,
            ("", _) => "at most " + hi,
            _ => $"in [{lo}, {hi}]",
        };
        return floating ? range + " (not NaN)" : range;
    }

    private static string Range(HyperparameterSpec h) =>
        h.Type == HyperparameterType.Bool || (double.IsNegativeInfinity(h.Min) && double.IsPositiveInfinity(h.Max)) ? "" : ", " + Describe(h);

    private static string Number(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}

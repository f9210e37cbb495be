using System.Globalization;

namespace OptGen.Generator.Emitting;

/// <summary>C# spellings of numbers that round-trip exactly.</summary>
internal static class Literals
{
    public static string Double(double value) =>
        NonFinite(value, "double") ?? value.ToString("R", CultureInfo.InvariantCulture) + "d";

    // Infinities and NaN have no literal: the type's constants stand for them.
    private static string? NonFinite(double value, string type) =>
        double.IsPositiveInfinity(value) ? type + ".PositiveInfinity"
        : double.IsNegativeInfinity(value) ? type + ".NegativeInfinity"
        : double.IsNaN(value) ? type + ".NaN"
        : null;

    // Formulas use few distinct constants, written once per width and variant: remember their spellings
    // (keyed by the bits, so -0 and 0, and every NaN payload, stay apart).
    [System.ThreadStatic] private static System.Collections.Generic.Dictionary<long, string>? t_floats;

    public static string Float(double value)
    {
        var cache = t_floats ??= new System.Collections.Generic.Dictionary<long, string>();
        long bits = System.BitConverter.DoubleToInt64Bits(value);
        if (cache.TryGetValue(bits, out string? known))
            return known;
        string s = FloatUncached(value);
        if (cache.Count < 4096)
            cache[bits] = s;
        return s;
    }

    private static string FloatUncached(double value) =>
        NonFinite((float)value, "float") ?? ((float)value).ToString("R", CultureInfo.InvariantCulture) + "f";

    public static string String(string value) =>
        "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "\\r") + "\"";

    /// <summary>A C# identifier for a symbol name: keywords get '@' (a class declared as <c>@class</c> is named "class").</summary>
    public static string Identifier(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;

    /// <summary>Escapes text for an XML doc comment.</summary>
    public static string Xml(string value)
    {
        // Control characters (other than tab) and unpaired surrogates are not allowed in XML (CS1570): a space stands in.
        var chars = value.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            char c = chars[i];
            bool pairedHigh = char.IsHighSurrogate(c) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]);
            bool pairedLow = char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(chars[i - 1]);
            if ((c < ' ' && c != '\t') || c is '\uFFFE' or '\uFFFF' || (char.IsSurrogate(c) && !pairedHigh && !pairedLow))
                chars[i] = ' ';
        }
        return new string(chars).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}

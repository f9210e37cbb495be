using System.Globalization;

namespace OptGen.Generator.Emitting;

/// <summary>C# spellings of numbers that round-trip exactly.</summary>
internal static class Literals
{
    public static string Double(double value)
    {
        if (double.IsPositiveInfinity(value))
            return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(value))
            return "double.NegativeInfinity";
        if (double.IsNaN(value))
            return "double.NaN";
        string s = value.ToString("R", CultureInfo.InvariantCulture);
        return s + "d";
    }

    public static string Float(double value)
    {
        float f = (float)value;
        if (float.IsPositiveInfinity(f))
            return "float.PositiveInfinity";
        if (float.IsNegativeInfinity(f))
            return "float.NegativeInfinity";
        if (float.IsNaN(f))
            return "float.NaN";
        return f.ToString("R", CultureInfo.InvariantCulture) + "f";
    }

    public static string String(string value) =>
        "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "\\r") + "\"";

    /// <summary>Escapes text for an XML doc comment.</summary>
    public static string Xml(string value) => value.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}

using System;
using System.Globalization;

namespace OptGen.Data;

/// <summary>The text of one CSV field: trimming, numbers, and quoting it in messages.</summary>
internal static class CsvFieldText
{
    /// <summary>
    /// The field without leading and trailing blanks (space, tab, carriage return). An all-blank field becomes the
    /// empty span at its start, so its position is still the field's.
    /// </summary>
    public static ReadOnlySpan<char> Trim(ReadOnlySpan<char> field)
    {
        int s = 0, e = field.Length;
        while (s < e && IsBlank(field[s]))
            s++;
        if (s == e)
            return field[..0];
        while (IsBlank(field[e - 1]))
            e--;
        return field[s..e];
    }

    public static bool IsBlank(char c) => c is ' ' or '\t' or '\r';

    /// <summary>
    /// Parses <paramref name="text"/> as <c>float.TryParse(text, NumberStyles.Float, InvariantCulture)</c> does,
    /// to the same bits, but faster: small unsigned integers directly, then csFastFloat (correctly rounded, like
    /// .NET's parser) when it takes the whole text; anything else goes to .NET's parser. Every finite value is read
    /// from the same texts as by .NET (CsvNumberParsingTests); spellings of infinity and NaN may differ, and the
    /// callers reject non-finite values anyway.
    /// </summary>
    public static bool TryParseFloat(ReadOnlySpan<char> text, out float value)
    {
        if (text.Length is > 0 and <= 7)
        {
            // Pixel counts and the like: exact in float, and the commonest field in image data.
            int n = 0;
            int k = 0;
            for (; k < text.Length; k++)
            {
                int digit = text[k] - '0';
                if ((uint)digit > 9)
                    break;
                n = n * 10 + digit;
            }
            if (k == text.Length)
            {
                value = n;
                return true;
            }
        }
        if (csFastFloat.FastFloatParser.TryParseFloat(text, out int consumed, out value) && consumed == text.Length)
            return true;
        return float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>True when the text is a number (finite or not) in the invariant culture.</summary>
    public static bool IsNumber(ReadOnlySpan<char> text) => TryParseFloat(text, out _);

    /// <summary>True for a non-negative integer with no sign or blanks (a scikit-learn header count).</summary>
    public static bool IsCount(ReadOnlySpan<char> text, out long value)
        => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>
    /// Field <paramref name="index"/> of <paramref name="row"/> as a finite float; anything else is a
    /// <see cref="DataFormatException"/> at the field.
    /// </summary>
    public static float ParseNumber(string path, ICsvRow row, int index, string[]? columnNames)
    {
        ReadOnlySpan<char> text = row.Field(index);
        if (TryParseFloat(text, out float value) && float.IsFinite(value))
            return value;
        CsvPosition at = row.PositionOf(index);
        string field = Describe(index, columnNames);
        string problem = text.IsEmpty ? $"{field} is empty; expected a number."
            : float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? $"{field}: '{Shorten(text)}' is not a finite number (or is outside the float range)."
            : $"{field}: '{Shorten(text)}' is not a number.";
        throw new DataFormatException(path, at.Line, at.Column, problem);
    }

    /// <summary><c>field 3</c>, or <c>field 3 ('petal_length')</c> when the header names the columns.</summary>
    public static string Describe(int index, string[]? columnNames)
        => columnNames is not null && index < columnNames.Length && columnNames[index].Length > 0
            ? $"field {index + 1} ('{Shorten(columnNames[index])}')"
            : $"field {index + 1}";

    /// <summary>The text for a message: at most 40 characters.</summary>
    public static string Shorten(ReadOnlySpan<char> text) => text.Length <= 40 ? text.ToString() : string.Concat(text[..37], "...");
}

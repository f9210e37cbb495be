using System;
using System.Globalization;

namespace OptGen.Data;

/// <summary>
/// A column of a CSV file, chosen by its header name or by position (0-based; negative positions count from the
/// end, -1 being the last column). Strings and integers convert implicitly:
/// <c>new CsvOptions { LabelColumn = "species" }</c>, <c>LabelColumn = 0</c>, <c>LabelColumn = -1</c>.
/// </summary>
public sealed record CsvColumn
{
    private CsvColumn(string? name, int index)
    {
        Name = name;
        Index = index;
    }

    /// <summary>The last column (the default label column).</summary>
    public static CsvColumn Last { get; } = new(null, -1);

    /// <summary>The header name, or null when the column is chosen by position.</summary>
    public string? Name { get; }

    /// <summary>The position when <see cref="Name"/> is null: 0-based, or negative from the end (-1 = last).</summary>
    public int Index { get; }

    /// <summary>The column at <paramref name="index"/>: 0-based, or negative from the end (-1 = last).</summary>
    public static CsvColumn At(int index) => new(null, index);

    /// <summary>The column whose header name is exactly <paramref name="name"/> (ordinal, case-sensitive).</summary>
    public static CsvColumn Named(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new CsvColumn(name, 0);
    }

    /// <summary>
    /// Reads a command-line value: an integer (optionally signed) is a position, any other text a name. A column
    /// whose name is an integer must therefore be chosen by position.
    /// </summary>
    public static CsvColumn Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        string trimmed = text.Trim();
        return int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int index)
            ? At(index)
            : Named(trimmed);
    }

    /// <summary>The column at a position (see <see cref="At"/>).</summary>
    public static implicit operator CsvColumn(int index) => At(index);

    /// <summary>The column with a header name (see <see cref="Named"/>).</summary>
    public static implicit operator CsvColumn(string name) => Named(name);

    /// <summary>The column at a position (see <see cref="At"/>).</summary>
    public static CsvColumn FromInt32(int index) => At(index);

    /// <summary>The column with a header name (see <see cref="Named"/>).</summary>
    public static CsvColumn FromString(string name) => Named(name);

    /// <summary><c>'name'</c> or the position.</summary>
    public override string ToString() => Name is not null ? $"'{Name}'" : Index.ToString(CultureInfo.InvariantCulture);
}

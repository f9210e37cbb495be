using System;

namespace OptGen.Data;

/// <summary>A 1-based place in a text file, for messages.</summary>
internal readonly record struct CsvPosition(int Line, int Column);

/// <summary>One row of a CSV file, split into trimmed fields, with where each field is in the file.</summary>
internal interface ICsvRow
{
    /// <summary>1-based line on which the row starts.</summary>
    int Line { get; }

    /// <summary>Number of fields.</summary>
    int Count { get; }

    /// <summary>Field <paramref name="index"/>, trimmed of blanks and unquoted.</summary>
    ReadOnlySpan<char> Field(int index);

    /// <summary>Where field <paramref name="index"/> starts (its first non-blank character).</summary>
    CsvPosition PositionOf(int index);

    /// <summary>Just past the row's last character (where a missing field would have been).</summary>
    CsvPosition End { get; }
}

/// <summary>
/// A copy of a row that outlives the reader's buffer: the first row is held while the second is read, since whether
/// it is a header can depend on the second.
/// </summary>
internal sealed class CsvRowSnapshot : ICsvRow
{
    private readonly string[] _fields;
    private readonly CsvPosition[] _positions;

    private CsvRowSnapshot(int line, string[] fields, CsvPosition[] positions, CsvPosition end)
    {
        Line = line;
        _fields = fields;
        _positions = positions;
        End = end;
    }

    public int Line { get; }

    public int Count => _fields.Length;

    public CsvPosition End { get; }

    public static CsvRowSnapshot Of(ICsvRow row)
    {
        var fields = new string[row.Count];
        var positions = new CsvPosition[row.Count];
        for (int i = 0; i < fields.Length; i++)
        {
            fields[i] = row.Field(i).ToString();
            positions[i] = row.PositionOf(i);
        }
        return new CsvRowSnapshot(row.Line, fields, positions, row.End);
    }

    public ReadOnlySpan<char> Field(int index) => _fields[index];

    public CsvPosition PositionOf(int index) => _positions[index];

    /// <summary>The fields as strings.</summary>
    public string[] ToArray() => (string[])_fields.Clone();
}

using System;
using System.Globalization;
using System.Linq;

namespace OptGen.Data;

/// <summary>
/// Reads the label column: regression targets, or classes. For classes the first data row decides what the column
/// holds: an integer there means integer labels (a later non-integer is an error), text that is not a number means
/// class names (every later value is a name, mapped by <see cref="ClassNameEncoder"/>), and a non-integer number is
/// an error that suggests regression. A scikit-learn header implies integer labels.
/// </summary>
internal sealed class CsvLabelColumn
{
    private enum Kind { Undecided, Integers, Names, Regression }

    private readonly string _path;
    private readonly CsvOptions _options;
    private readonly CsvHeaderLine _header;
    private readonly ClassNameEncoder _classes;
    private readonly GrowableArray<int> _labels = new();
    private readonly GrowableArray<float> _targets = new();
    private Kind _kind;
    private int _decidedOnLine;

    public CsvLabelColumn(string path, CsvOptions options, CsvHeaderLine header)
    {
        _path = path;
        _options = options;
        _header = header;
        _classes = new ClassNameEncoder(options.ClassNames);
        _kind = options.Target == CsvTarget.Regression ? Kind.Regression : header.Kind == CsvHeader.Sklearn ? Kind.Integers : Kind.Undecided;
        if (options.ClassNames is { } given && header.ClassNames is { } named && !given.SequenceEqual(named, StringComparer.Ordinal))
            throw new DataFormatException(path, header.Line, 1, $"the header names the classes {string.Join(", ", named)}, but CsvOptions.ClassNames gives {string.Join(", ", given)}.");
    }

    /// <summary>Reads field <paramref name="index"/> of <paramref name="row"/>.</summary>
    public void Add(ICsvRow row, int index, string[]? columnNames)
    {
        if (_kind == Kind.Regression)
        {
            _targets.Add(CsvFieldText.ParseNumber(_path, row, index, columnNames));
            return;
        }
        ReadOnlySpan<char> text = row.Field(index);
        if (_kind == Kind.Undecided)
            Decide(row, index, columnNames);
        if (_kind == Kind.Integers)
            _labels.Add(ParseInteger(row, index, columnNames));
        else if (text.IsEmpty)
            throw Problem(row, index, $"{CsvFieldText.Describe(index, columnNames)} (the label) is empty.");
        else if (_classes.IdOf(text) is int id and >= 0)
            _labels.Add(id);
        else
            throw Problem(row, index, $"{CsvFieldText.Describe(index, columnNames)}: '{CsvFieldText.Shorten(text)}' is not one of the {_classes.Count} classes given in CsvOptions.ClassNames ({string.Join(", ", _classes.Names)}).");
    }

    /// <summary>The labels and classes, or the targets; the class count is 0 when the labels decide it.</summary>
    public (int[]? Labels, float[]? Targets, string[]? ClassNames, int ClassCount) Finish()
    {
        if (_kind == Kind.Regression)
            return (null, _targets.ToArray(), null, 0);
        if (_kind == Kind.Names)
        {
            string[] names = _classes.Finish(_options.ClassOrder, _labels.AsSpan());
            return (_labels.ToArray(), null, names, names.Length);
        }
        string[]? given = _options.ClassNames?.ToArray();
        return (_labels.ToArray(), null, given ?? _header.ClassNames, given?.Length ?? 0);
    }

    private void Decide(ICsvRow row, int index, string[]? columnNames)
    {
        ReadOnlySpan<char> text = row.Field(index);
        _decidedOnLine = row.Line;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) || text.IsEmpty)
            _kind = Kind.Integers; // an empty label is reported by the integer parser
        else if (CsvFieldText.IsNumber(text))
            throw NotAnInteger(row, index, columnNames);
        else
            _kind = Kind.Names;
    }

    private int ParseInteger(ICsvRow row, int index, string[]? columnNames)
    {
        ReadOnlySpan<char> text = row.Field(index);
        string field = CsvFieldText.Describe(index, columnNames);
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int label))
        {
            if (text.IsEmpty)
                throw Problem(row, index, $"{field} (the label) is empty.");
            if (CsvFieldText.IsNumber(text))
                throw NotAnInteger(row, index, columnNames);
            string why = _header.Kind == CsvHeader.Sklearn ? "" : $" (the label on line {_decidedOnLine} is an integer, so the column holds integer class labels)";
            throw Problem(row, index, $"{field}: label '{CsvFieldText.Shorten(text)}' is not a number{why}.");
        }
        if (label < 0)
            throw Problem(row, index, $"{field}: label {label} is negative; class labels must be 0 or more.");
        if (_options.ClassNames is { } given && label >= given.Count)
            throw Problem(row, index, $"label {label} is out of range: CsvOptions.ClassNames has {given.Count} classes (0..{given.Count - 1}).");
        if (_header.ClassNames is { } named && label >= named.Length)
            throw Problem(row, index, $"label {label} is out of range: the header on line {_header.Line} names {named.Length} classes (0..{named.Length - 1}).");
        return label;
    }

    private DataFormatException NotAnInteger(ICsvRow row, int index, string[]? columnNames)
        => Problem(row, index, $"{CsvFieldText.Describe(index, columnNames)}: label '{CsvFieldText.Shorten(row.Field(index))}' is not an integer (read the file as regression if the target is real-valued).");

    private DataFormatException Problem(ICsvRow row, int index, string problem)
    {
        CsvPosition at = row.PositionOf(index);
        return new DataFormatException(_path, at.Line, at.Column, problem);
    }
}

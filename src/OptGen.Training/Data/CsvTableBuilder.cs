using System;

namespace OptGen.Data;

/// <summary>
/// Turns data rows into a <see cref="CsvTable"/>: checks each row's field count against the header or the first
/// row, parses the features (every column but the label's) and hands the label to <see cref="CsvLabelColumn"/>.
/// </summary>
internal sealed class CsvTableBuilder
{
    private readonly string _path;
    private readonly CsvHeaderLine _header;
    private readonly CsvColumn? _label;
    private readonly bool _hasLabel;
    private readonly bool _fixedFields;
    private readonly CsvLabelColumn? _labels;
    private readonly GrowableArray<float> _features = new();
    private readonly GrowableArray<int>? _rowLines; // a targets file's, to place a row-count mismatch
    private int _rows;
    private int _fieldCount;
    private int _labelIndex = -1;
    private int _firstDataLine;
    private int _lastLine;

    /// <summary>
    /// A builder for rows under <paramref name="header"/>; <paramref name="label"/> is the label column (null for a
    /// file of features only), <paramref name="fixedFields"/> true when every row has one given field count (a
    /// targets file).
    /// </summary>
    public CsvTableBuilder(string path, CsvOptions options, CsvHeaderLine header, CsvColumn? label, bool fixedFields)
    {
        _path = path;
        _header = header;
        _label = label;
        bool hasLabel = _hasLabel = label is not null;
        _fixedFields = fixedFields;
        _rowLines = fixedFields ? new GrowableArray<int>() : null;
        _fieldCount = header.FieldCount;
        _labels = hasLabel ? new CsvLabelColumn(path, options, header) : null;
        if (header.DeclaredRows >= 0 && header.DeclaredRows * (long)Math.Max(1, _fieldCount) < 1L << 28)
            _features.EnsureCapacity((int)header.DeclaredRows * Math.Max(1, _fieldCount - (hasLabel ? 1 : 0)));
        if (_fieldCount >= 0)
            ChooseLabel(header.Line);
    }

    public int Rows => _rows;

    public void Add(ICsvRow row)
    {
        if (_fieldCount < 0)
        {
            _fieldCount = row.Count;
            ChooseLabel(row.Line);
        }
        if (_firstDataLine == 0)
            _firstDataLine = row.Line;
        if (row.Count != _fieldCount)
            throw WrongFieldCount(row);
        string[]? names = _header.ColumnNames;
        int label = _labelIndex < 0 ? _fieldCount : _labelIndex;
        for (int i = 0; i < label; i++)
            _features.Add(CsvFieldText.ParseNumber(_path, row, i, names));
        if (_labels is not null)
            _labels.Add(row, label, names);
        for (int i = label + 1; i < _fieldCount; i++)
            _features.Add(CsvFieldText.ParseNumber(_path, row, i, names));
        _rowLines?.Add(row.Line);
        _rows++;
        _lastLine = row.Line;
        if (_header.DeclaredRows >= 0 && Rows > _header.DeclaredRows)
            throw new DataFormatException(_path, row.Line, 1, $"header count mismatch: the header on line {_header.Line} says {_header.DeclaredRows} samples, but there are more data rows.{_header.SklearnHint}");
    }

    /// <summary>The table, once every row is added; <paramref name="linesRead"/> places a "no data rows" error.</summary>
    public CsvTable Finish(int linesRead)
    {
        if (Rows == 0)
            throw new DataFormatException(_path, linesRead + 1, 1, "the file has no data rows.");
        if (_header.DeclaredRows >= 0 && Rows != _header.DeclaredRows)
            throw new DataFormatException(_path, _header.Line, 1, $"header count mismatch: the header says {_header.DeclaredRows} samples, but the file has {Rows} data rows.{_header.SklearnHint}");
        (int[]? labels, float[]? targets, string[]? classNames, int classCount) = _labels?.Finish() ?? default;
        int featureCount = _fieldCount - (_hasLabel ? 1 : 0);
        return new CsvTable(_features.ToArray(), featureCount, labels, targets, classNames, classCount, Rows, _rowLines?.ToArray(), _lastLine);
    }

    private void ChooseLabel(int line)
    {
        if (_label is null)
            return;
        if (!_fixedFields && _fieldCount < 2)
            throw new DataFormatException(_path, line, 1, $"a row needs at least one feature and the target; found {_fieldCount} field.");
        _labelIndex = _header.ResolveLabel(_path, _label, _fieldCount, line);
    }

    private DataFormatException WrongFieldCount(ICsvRow row)
    {
        int expected = _fieldCount;
        int features = expected - (_hasLabel ? 1 : 0);
        string why = _header.Kind switch
        {
            CsvHeader.Sklearn => $"the header on line {_header.Line} says {features} features{(_hasLabel ? " plus the label" : "")}",
            CsvHeader.ColumnNames => $"the header on line {_header.Line} has {expected} columns",
            _ when Rows > 0 => $"the first row (line {_firstDataLine}) has {expected}",
            _ => "expected",
        };
        CsvPosition at = row.Count > expected ? row.PositionOf(expected) : row.End;
        string spans = at.Line != row.Line ? $"; the row runs from line {row.Line} to {at.Line}: is a quote misplaced?" : "";
        return new DataFormatException(_path, at.Line, at.Column,
            $"wrong number of fields: found {row.Count}, expected {expected} ({why}){spans}.{_header.SklearnHint}");
    }
}

/// <summary>
/// What a CSV file held: features row-major, and labels (with classes) or targets; the line of each row for a
/// targets file, and the line of the last row.
/// </summary>
internal sealed record CsvTable(
    float[] Features, int FeatureCount, int[]? Labels, float[]? Targets, string[]? ClassNames, int ClassCount, int Rows, int[]? RowLines, int LastLine)
{

    /// <summary>The data set; a positive <see cref="ClassCount"/> keeps classes that no row has.</summary>
    public Dataset ToDataset(string source)
    {
        if (Labels is null)
            return new Dataset(Features, FeatureCount, null, Targets, null, source);
        return ClassCount > 0
            ? new Dataset(Features, FeatureCount, Labels, ClassCount, ClassNames, source)
            : new Dataset(Features, FeatureCount, Labels, null, ClassNames, source);
    }
}

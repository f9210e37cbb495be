using System;
using System.Linq;

namespace OptGen.Data;

/// <summary>
/// What the first line of a file is (detected under <see cref="CsvHeader.Auto"/>, docs/data.md) and what a header
/// says: scikit-learn's sample and feature counts and class names, or column names.
/// </summary>
internal sealed class CsvHeaderLine(CsvHeader kind, int line, bool detected)
{
    /// <summary><see cref="CsvHeader.None"/>, <see cref="CsvHeader.Sklearn"/> or <see cref="CsvHeader.ColumnNames"/>.</summary>
    public CsvHeader Kind { get; } = kind;

    /// <summary>The line of the first row.</summary>
    public int Line { get; } = line;

    /// <summary>True when the kind was detected rather than given.</summary>
    public bool Detected { get; } = detected;

    /// <summary>Fields per row the header implies, or -1 when the first data row sets it.</summary>
    public int FieldCount { get; private init; } = -1;

    /// <summary>Samples a scikit-learn header declares, or -1.</summary>
    public long DeclaredRows { get; private init; } = -1;

    /// <summary>Class names from a scikit-learn header, or null.</summary>
    public string[]? ClassNames { get; private init; }

    /// <summary>Column names from a header of names, or null.</summary>
    public string[]? ColumnNames { get; private init; }

    /// <summary>Said after errors that a detected scikit-learn header may have caused.</summary>
    public string SklearnHint => Kind == CsvHeader.Sklearn && Detected
        ? $" (line {Line} was read as scikit-learn's header n_samples,n_features,<class names...>; if it holds column names, read with Header = CsvHeader.ColumnNames)"
        : "";

    /// <summary>
    /// Decides what <paramref name="first"/> is, looking at <paramref name="second"/> (null when the file has one
    /// row) where the rule needs it, and reads it when it is a header. <paramref name="fixedFields"/> is the field
    /// count every row must have (a targets file: 1), or -1.
    /// </summary>
    public static CsvHeaderLine Read(string path, CsvRowSnapshot first, ICsvRow? second, CsvOptions options, bool hasLabel, int fixedFields)
    {
        bool detected = options.Header == CsvHeader.Auto;
        CsvHeader kind = detected ? Detect(first, second, options, hasLabel, fixedFields) : options.Header;
        return kind switch
        {
            CsvHeader.Sklearn => ReadSklearn(path, first, options, hasLabel, fixedFields, detected),
            CsvHeader.ColumnNames => new CsvHeaderLine(kind, first.Line, detected)
            {
                ColumnNames = first.ToArray(),
                FieldCount = fixedFields >= 0 ? fixedFields : first.Count,
            },
            _ => new CsvHeaderLine(CsvHeader.None, first.Line, detected) { FieldCount = fixedFields },
        };
    }

    private static CsvHeader Detect(CsvRowSnapshot first, ICsvRow? second, CsvOptions options, bool hasLabel, int fixedFields)
    {
        if (fixedFields >= 0)
            return CsvHeader.None; // a targets file: one value per line
        if (options.LabelColumn?.Name is { } label && IndexOf(first, label) >= 0)
            return CsvHeader.ColumnNames; // the label column is named by this line
        if (LooksLikeSklearn(first, second, hasLabel))
            return CsvHeader.Sklearn;
        bool allNumbers = true;
        for (int i = 0; i < first.Count && allNumbers; i++)
            allNumbers = CsvFieldText.IsNumber(first.Field(i));
        if (allNumbers)
            return CsvHeader.None;
        if (second is null)
            return CsvHeader.ColumnNames; // one line of text: names with no data, reported as such
        // Text above a number is a name; text above text (string class labels, say) is data.
        int common = Math.Min(first.Count, second.Count);
        for (int i = 0; i < common; i++)
        {
            if (!CsvFieldText.IsNumber(first.Field(i)) && CsvFieldText.IsNumber(second.Field(i)))
                return CsvHeader.ColumnNames;
        }
        return CsvHeader.None;
    }

    /// <summary>
    /// Two counts, then class names, or then numbers with a second row whose field count is n_features (+ the label)
    /// and not the first row's: scikit-learn's header (the rule of the reader before column names were detected).
    /// </summary>
    private static bool LooksLikeSklearn(CsvRowSnapshot first, ICsvRow? second, bool hasLabel)
    {
        if (first.Count < 2 || !CsvFieldText.IsCount(first.Field(0), out _) || !CsvFieldText.IsCount(first.Field(1), out long features))
            return false;
        for (int i = 2; i < first.Count; i++)
        {
            if (!CsvFieldText.IsNumber(first.Field(i)))
                return true;
        }
        return second is not null && second.Count != first.Count && second.Count == features + (hasLabel ? 1 : 0);
    }

    private static CsvHeaderLine ReadSklearn(string path, CsvRowSnapshot first, CsvOptions options, bool hasLabel, int fixedFields, bool detected)
    {
        if (first.Count < 2)
            throw new DataFormatException(path, first.Line, 1, $"a scikit-learn header needs at least 2 fields (n_samples,n_features,<class names…>), found {first.Count}.");
        if (!CsvFieldText.IsCount(first.Field(0), out long rows))
            throw new DataFormatException(path, first.Line, first.PositionOf(0).Column, $"header: n_samples '{CsvFieldText.Shorten(first.Field(0))}' is not a non-negative integer.");
        if (!CsvFieldText.IsCount(first.Field(1), out long features) || features == 0 || features > int.MaxValue - 1)
            throw new DataFormatException(path, first.Line, first.PositionOf(1).Column, $"header: n_features '{CsvFieldText.Shorten(first.Field(1))}' is not a positive integer.");
        int nameCount = first.Count;
        while (nameCount > 2 && first.Field(nameCount - 1).IsEmpty)
            nameCount--; // newer scikit-learn pads the header with empty fields
        string[]? classNames = null;
        if (nameCount > 2 && hasLabel && options.Target == CsvTarget.ClassLabel)
            classNames = first.ToArray()[2..nameCount];
        return new CsvHeaderLine(CsvHeader.Sklearn, first.Line, detected)
        {
            DeclaredRows = rows,
            FieldCount = fixedFields >= 0 ? fixedFields : (int)features + (hasLabel ? 1 : 0),
            ClassNames = classNames,
        };
    }

    /// <summary>
    /// The 0-based index of the label column among <paramref name="fieldCount"/> fields; <paramref name="line"/>
    /// (of the first data row) places a position outside them.
    /// </summary>
    public int ResolveLabel(string path, CsvColumn label, int fieldCount, int line)
    {
        if (label.Name is { } name)
        {
            if (ColumnNames is null)
            {
                string what = Kind == CsvHeader.Sklearn ? "scikit-learn's header, which names no columns" : Detected ? "data, not a header of column names" : "data (Header = None)";
                throw new DataFormatException(path, Line, 1, $"the label column is chosen by name ('{name}'), but line {Line} is {what}; choose it by position, or read with Header = CsvHeader.ColumnNames if line {Line} names the columns.");
            }
            int index = Array.IndexOf(ColumnNames, name);
            if (index < 0)
                throw new DataFormatException(path, Line, 1, $"no column is named '{name}'; the header names {Describe(ColumnNames)}.");
            int again = Array.IndexOf(ColumnNames, name, index + 1);
            if (again >= 0)
                throw new DataFormatException(path, Line, 1, $"'{name}' names two columns ({index} and {again}, from 0); choose the label column by position.");
            return index;
        }
        int resolved = label.Index < 0 ? fieldCount + label.Index : label.Index;
        if ((uint)resolved >= (uint)fieldCount)
            throw new DataFormatException(path, line, 1, $"label column {label.Index} is outside the {fieldCount} columns (0..{fieldCount - 1}, or -1..-{fieldCount} from the end).");
        return resolved;
    }

    private static int IndexOf(CsvRowSnapshot row, string name)
    {
        for (int i = 0; i < row.Count; i++)
        {
            if (row.Field(i).SequenceEqual(name))
                return i;
        }
        return -1;
    }

    private static string Describe(string[] names)
    {
        const int Shown = 12;
        string list = string.Join(", ", names.Take(Shown).Select(n => $"'{n}'")) + (names.Length > Shown ? ", ..." : "");
        return $"{names.Length} columns: {list}";
    }
}

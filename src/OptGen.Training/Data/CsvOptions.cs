using System.Collections.Generic;

namespace OptGen.Data;

/// <summary>How <see cref="CsvReader"/> treats the first line of a file.</summary>
public enum CsvHeader
{
    /// <summary>
    /// Detected (docs/data.md gives the rule and its edge cases). A first line shaped like scikit-learn's header
    /// (<c>n_samples,n_features,&lt;class names…&gt;</c>: two integers, then class names or a field count that does
    /// not match the rows) is read as one. Otherwise a first line whose fields are all numbers is data; one with a
    /// field that is not a number is a header of column names when the label column is chosen by a name it holds,
    /// or when some column holds text on the first line and a number on the second (text only where the data has
    /// text too, e.g. string class labels, makes it a data row).
    /// </summary>
    Auto,

    /// <summary>No header: every line is a data row.</summary>
    None,

    /// <summary>The first line is scikit-learn's header <c>n_samples,n_features,&lt;class names…&gt;</c>; the counts are checked.</summary>
    Sklearn,

    /// <summary>The first line holds column names (pandas' <c>to_csv</c>); its field count must match the rows.</summary>
    ColumnNames,
}

/// <summary>What the label column of a row (or each line of a separate targets file) holds.</summary>
public enum CsvTarget
{
    /// <summary>
    /// A class: an integer label, 0 or more, or a class name (any text that is not a number, e.g. <c>setosa</c>),
    /// mapped to class indices in <see cref="CsvOptions.ClassOrder"/> with the names kept in
    /// <see cref="Dataset.ClassNames"/>. The first data row decides which of the two the column holds.
    /// </summary>
    ClassLabel,

    /// <summary>A real-valued regression target.</summary>
    Regression,
}

/// <summary>The order in which class names found in a file become class indices 0, 1, 2, ….</summary>
public enum CsvClassOrder
{
    /// <summary>Sorted by Unicode code point, as scikit-learn's <c>LabelEncoder</c> (and <c>np.unique</c>) orders strings.</summary>
    Sorted,

    /// <summary>In the order in which the names first appear in the file.</summary>
    FirstAppearance,
}

/// <summary>
/// Options for <see cref="CsvReader"/>. The defaults read scikit-learn's CSV files, headerless comma-separated files
/// and pandas-style files with a header of column names and string class labels.
/// </summary>
public sealed record CsvOptions
{
    /// <summary>Comma-separated, label in the last column, header detected (<see cref="CsvHeader.Auto"/>).</summary>
    public static CsvOptions Default { get; } = new();

    /// <summary>How the first line is treated. Default <see cref="CsvHeader.Auto"/>.</summary>
    public CsvHeader Header { get; init; } = CsvHeader.Auto;

    /// <summary>What the target is. Default <see cref="CsvTarget.ClassLabel"/>.</summary>
    public CsvTarget Target { get; init; } = CsvTarget.ClassLabel;

    /// <summary>The field separator when <see cref="WhitespaceSeparated"/> is false. Default <c>','</c>.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>
    /// When true, fields are separated by runs of spaces and tabs, and leading and trailing blanks are ignored
    /// (as NumPy's <c>loadtxt</c> reads scikit-learn's <c>diabetes_data_raw</c>). <see cref="Delimiter"/> is then unused.
    /// </summary>
    public bool WhitespaceSeparated { get; init; }

    /// <summary>
    /// The column that holds the label (or regression target); every other column is a feature, in file order.
    /// A name (<c>"species"</c>) needs a header of column names; a position is 0-based, negative counting from the
    /// end. Null (the default) is the last column. Not used by <see cref="CsvReader.ReadWithTargets"/>.
    /// </summary>
    public CsvColumn? LabelColumn { get; init; }

    /// <summary>How class names read from the label column are numbered. Default <see cref="CsvClassOrder.Sorted"/>.</summary>
    public CsvClassOrder ClassOrder { get; init; } = CsvClassOrder.Sorted;

    /// <summary>
    /// The classes, in index order, when they are known beforehand: typically a test file read with the training
    /// file's <see cref="Dataset.ClassNames"/>, so that both number the classes alike. A class name in the file must
    /// be one of them; an integer label must be below their count. The dataset then has exactly these classes.
    /// Null (the default): the classes are those the file holds.
    /// </summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>Which row splitter reads delimited text (tests and benchmarks compare the two).</summary>
    internal CsvEngine Engine { get; init; } = CsvEngine.Auto;
}

/// <summary>The row splitter behind <see cref="CsvReader"/>.</summary>
internal enum CsvEngine
{
    /// <summary>Sep for delimited text (when Sep takes the delimiter), the line splitter for whitespace-separated text.</summary>
    Auto,

    /// <summary>The hand-written line splitter (no quoting), whatever the separator.</summary>
    Lines,
}

namespace OptGen.Data;

/// <summary>How <see cref="CsvReader"/> treats the first line of a file.</summary>
public enum CsvHeader
{
    /// <summary>
    /// A first line shaped like scikit-learn's header (<c>n_samples,n_features,&lt;class names…&gt;</c>: two
    /// integers, then class names or a field count that does not match the rows) is read as one; anything else is data.
    /// </summary>
    Auto,

    /// <summary>No header: every line is a data row.</summary>
    None,

    /// <summary>The first line is scikit-learn's header <c>n_samples,n_features,&lt;class names…&gt;</c>; the counts are checked.</summary>
    Sklearn,

    /// <summary>The first line holds column names; it is skipped (its field count must match the rows).</summary>
    ColumnNames,
}

/// <summary>What the last column of a row (or each line of a separate targets file) holds.</summary>
public enum CsvTarget
{
    /// <summary>An integer class label, 0 or more.</summary>
    ClassLabel,

    /// <summary>A real-valued regression target.</summary>
    Regression,
}

/// <summary>Options for <see cref="CsvReader"/>. The defaults read scikit-learn's CSV files and headerless comma-separated files.</summary>
public sealed record CsvOptions
{
    /// <summary>Comma-separated, class label in the last column, header detected (<see cref="CsvHeader.Auto"/>).</summary>
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
}

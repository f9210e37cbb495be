using System.IO;

namespace OptGen.Data;

/// <summary>
/// Reads one delimited text into a <see cref="CsvTable"/>: opens the row source, holds the first row while the
/// second is read (whether the first is a header can depend on it), settles the header, then feeds every data row
/// to a <see cref="CsvTableBuilder"/>.
/// </summary>
internal static class CsvTableReader
{
    /// <summary>
    /// The table in <paramref name="text"/>; <paramref name="label"/> is the label column (null for a file of
    /// features only), <paramref name="fixedFields"/> the field count of every row (a targets file: 1) or -1.
    /// </summary>
    public static CsvTable Read(TextReader text, string path, CsvOptions options, CsvColumn? label, int fixedFields = -1)
    {
        using CsvRowSource rows = CsvRowSource.Open(text, path, options);
        if (!rows.MoveNext())
            throw new DataFormatException(path, 1, 1, "the file is empty: there are no data rows.");
        CsvRowSnapshot first = CsvRowSnapshot.Of(rows);
        bool more = rows.MoveNext();
        CsvHeaderLine header = CsvHeaderLine.Read(path, first, more ? rows : null, options, label is not null, fixedFields);
        var table = new CsvTableBuilder(path, options, header, label, fixedFields >= 0);
        if (header.Kind == CsvHeader.None)
            table.Add(first);
        for (; more; more = rows.MoveNext())
            table.Add(rows);
        return table.Finish(rows.LinesRead);
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using OptGen.Data;

namespace OptGen.Cli;

/// <summary>
/// A stop-gap reader for comma-separated classification data: the optdigits files (64 integers then the label, no
/// header) and CSV files whose last column is the class (a header line is detected and skipped; non-numeric
/// labels become class indices in sorted order). To be replaced by the shared readers in OptGen.Data.
/// </summary>
internal static class OptdigitsLoader
{
    public static Dataset Load(string path, string[]? classNames = null)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Data file not found: {path}", path);
        var features = new List<float>();
        var rawLabels = new List<string>();
        int columns = -1, lineNo = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNo++;
            if (line.Trim().Length == 0)
                continue;
            string[] cells = line.Split(',');
            if (columns < 0 && lineNo == 1 && !cells.Take(cells.Length - 1).All(IsNumber))
                continue; // a header
            if (cells.Length < 2)
                throw new FormatException($"{path}:{lineNo}: expected features then a label, found one value.");
            if (columns < 0)
                columns = cells.Length - 1;
            else if (cells.Length - 1 != columns)
                throw new FormatException($"{path}:{lineNo}: expected {columns + 1} values, found {cells.Length}.");
            for (int c = 0; c < columns; c++)
            {
                if (!float.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out float v))
                    throw new FormatException($"{path}:{lineNo}: column {c + 1} is not a number: '{cells[c]}'.");
                features.Add(v);
            }
            rawLabels.Add(cells[^1].Trim());
        }
        if (rawLabels.Count == 0)
            throw new FormatException($"{path}: no data rows.");

        int[] labels;
        if (classNames is null && rawLabels.All(l => int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            labels = rawLabels.Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        }
        else
        {
            // Names: keep a given order (the training file's), so train and test agree on indices.
            classNames ??= rawLabels.Distinct().Order(StringComparer.Ordinal).ToArray();
            var index = classNames.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i);
            labels = rawLabels.Select(l => index.TryGetValue(l, out int i) ? i
                : throw new FormatException($"{path}: class '{l}' does not occur in the training data.")).ToArray();
        }
        return new Dataset(features.ToArray(), columns, labels, null, classNames, path);
    }

    private static bool IsNumber(string cell) => double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}

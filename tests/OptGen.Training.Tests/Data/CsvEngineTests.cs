using System.Globalization;
using System.Text;
using static OptGen.Training.Tests.Data.CsvTestText;

namespace OptGen.Training.Tests.Data;

/// <summary>
/// Sep (the default for delimited text) and the hand-written line splitter read every unquoted file alike, and fail
/// on every malformed one at the same line and column with the same message; Sep's own extras (quotes, lines
/// inside quotes) are placed right.
/// </summary>
public class CsvEngineTests
{
    private static readonly CsvOptions Lines = new() { Engine = CsvEngine.Lines };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void BothEnginesReadRandomFilesAlike(int seed)
    {
        var rng = new Random(seed);
        for (int file = 0; file < 40; file++)
        {
            string text = RandomCsv(rng, out bool names);
            CsvOptions options = names ? new CsvOptions { ClassOrder = CsvClassOrder.FirstAppearance } : CsvOptions.Default;
            Dataset sep = Read(text, options);
            Dataset lines = Read(text, options with { Engine = CsvEngine.Lines });
            Assert.Equal(lines.Features, sep.Features);
            Assert.Equal(lines.Labels, sep.Labels);
            Assert.Equal(lines.ClassNames, sep.ClassNames);
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void BothEnginesReportTheSameErrorAtTheSamePlace(int seed)
    {
        var rng = new Random(seed);
        string[] damage = ["x", "", "1e40", "1,2", "NaN", "-", "1.2.3", "  "];
        for (int file = 0; file < 60; file++)
        {
            string text = RandomCsv(rng, out _);
            string[] lines = text.Split('\n');
            int target = rng.Next(1, lines.Length - 1); // a data line (line 0 may be a header)
            if (string.IsNullOrWhiteSpace(lines[target]))
                continue;
            string[] fields = lines[target].Split(',');
            fields[rng.Next(fields.Length - 1)] = damage[rng.Next(damage.Length)]; // a feature
            lines[target] = string.Join(',', fields);
            string bad = string.Join('\n', lines);
            var fromSep = Assert.Throws<DataFormatException>(() => Read(bad));
            var fromLines = Assert.Throws<DataFormatException>(() => Read(bad, Lines));
            Assert.Equal(fromLines.Message, fromSep.Message);
            Assert.Equal((fromLines.Line, fromLines.Column), (fromSep.Line, fromSep.Column));
        }
    }

    [Fact]
    public void LargeFileIsReadAlikeByBoth()
    {
        // 60k rows of 64 features and a label (~10 MB), like a large optdigits/MNIST-sized CSV.
        var sb = new StringBuilder();
        var rng = new Random(1);
        for (int r = 0; r < 60_000; r++)
        {
            for (int c = 0; c < 64; c++)
                sb.Append(c % 8 == 0 ? (rng.Next(1000) / 100.0).ToString(CultureInfo.InvariantCulture) : rng.Next(17)).Append(',');
            sb.Append(r % 10).Append('\n');
        }
        string text = sb.ToString();
        Dataset sep = Read(text);
        Assert.Equal(60_000, sep.Rows);
        Assert.Equal(64, sep.Columns);
        Assert.Equal(Read(text, Lines).Features, sep.Features);
    }

    [Fact]
    public void QuotedFieldsAreUnquoted()
    {
        Dataset d = Read("\"sepal length\",\"label\"\n\"1.5\",\"Iris, setosa\"\n2.5,\"say \"\"hi\"\"\"\n");
        Assert.Equal(new[] { 1.5f, 2.5f }, d.Features);
        Assert.Equal(new[] { "Iris, setosa", "say \"hi\"" }, d.ClassNames);
    }

    [Fact]
    public void LineBreakInsideQuotesKeepsLineNumbersRight()
    {
        // The header's second name holds a line break: the data starts on line 3.
        Fails("a,\"b\nc\",label\n1,x,0\n", null, 3, 3, "field 2 ('b\nc'): 'x' is not a number");
        // A class name with a line break; the error after it is placed on the row's second line.
        Fails("x,label,y\n1,\"two\nlines\",q\n", new CsvOptions { LabelColumn = "label" }, 3, 8, "field 3 ('y'): 'q' is not a number");
    }

    [Fact]
    public void QuoteLeftOpenIsAnError()
    {
        // Unclosed, the quote would make the rest of the file one class name.
        Fails("a,b,label\n1,2,\"cat\n3,4,dog\n5,6,cow\n", null, 2, 5, "a quote opened here is never closed");
        Fails("a,b,label\n1,2,cat\n3,4,5\" screen\n", null, 3, 6, "a quote opened here is never closed");
        // Closed on a later line, it leaves the row short or long: the message says where the row ran.
        DataFormatException e = Fails("a,b,label\n1,2,\"cat\n3,4\",dog\n", null, 3, 6, "wrong number of fields: found 4, expected 3");
        Assert.Contains("the row runs from line 2 to 3: is a quote misplaced?", e.Message);
    }

    [Fact]
    public void FirstRowLineIsOneEvenWhenItSpansLines()
    {
        // Sep 0.18 misnumbers a headerless first row; the reader corrects it.
        Fails("1,2,0\n3,x,1\n", null, 2, 3, "'x' is not a number");
        Fails("\"1.5\",2,\"a\nb\"\n3,4\n", null, 3, 4, "wrong number of fields: found 2, expected 3 (the first row (line 1) has 3)");
    }

    [Fact]
    public void DelimitersSepDoesNotTakeFallBackToTheLineSplitter()
    {
        // '#' is Sep's comment character; the line splitter reads it as any other delimiter.
        Dataset d = Read("1#2#0\n3#4#1\n", new CsvOptions { Delimiter = '#' });
        Assert.Equal(new[] { 1f, 2f, 3f, 4f }, d.Features);
        Dataset semicolons = Read("a;b;label\n1.5;2;x\n", new CsvOptions { Delimiter = ';' });
        Assert.Equal(new[] { 1.5f, 2f }, semicolons.Features);
    }

    [Fact]
    public void DecimalCommaIsNotANumber()
    {
        // With ';' between fields a German "1,5" is neither 1.5 nor (as .NET's thousands rule would have it) 15.
        Fails("a;b;label\n1,5;2;x\n", new CsvOptions { Delimiter = ';' }, 2, 1, "field 1 ('a'): '1,5' is not a number");
    }

    /// <summary>Random CSV: optional header, blanks around fields, blank lines, CRLF, integer or string labels.</summary>
    private static string RandomCsv(Random rng, out bool names)
    {
        int columns = rng.Next(2, 8);
        int rows = rng.Next(2, 40);
        names = rng.Next(2) == 0;
        string newline = rng.Next(3) == 0 ? "\r\n" : "\n";
        var sb = new StringBuilder();
        if (rng.Next(2) == 0)
        {
            for (int c = 0; c < columns; c++)
                sb.Append(c == 0 ? "" : ",").Append("col").Append(c);
            sb.Append(newline);
        }
        string[] formats = ["R", "G3", "E2", "F1", "0", "G9"];
        for (int r = 0; r < rows; r++)
        {
            if (rng.Next(10) == 0)
                sb.Append(rng.Next(2) == 0 ? "" : " \t ").Append(newline);
            for (int c = 0; c < columns - 1; c++)
            {
                double v = (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-3, 6));
                string pad = rng.Next(8) == 0 ? " " : "";
                sb.Append(pad).Append(v.ToString(formats[rng.Next(formats.Length)], CultureInfo.InvariantCulture)).Append(pad).Append(',');
            }
            sb.Append(names ? "class " + (char)('a' + rng.Next(4)) : rng.Next(5).ToString(CultureInfo.InvariantCulture)).Append(newline);
        }
        return sb.ToString();
    }
}

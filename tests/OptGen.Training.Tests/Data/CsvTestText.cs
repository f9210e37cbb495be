namespace OptGen.Training.Tests.Data;

/// <summary>Reads CSV text held in a test, and checks the errors that text gets.</summary>
internal static class CsvTestText
{
    public const string Source = "mem.csv";

    public static Dataset Read(string text, CsvOptions? options = null) => CsvReader.Read(new StringReader(text), Source, options);

    /// <summary>Asserts that reading <paramref name="text"/> fails at <paramref name="line"/>, <paramref name="column"/> saying <paramref name="problem"/>.</summary>
    public static DataFormatException Fails(string text, CsvOptions? options, int line, int column, string problem)
    {
        var e = Assert.Throws<DataFormatException>(() => Read(text, options));
        Assert.Equal(Source, e.FilePath);
        Assert.Contains(problem, e.Message);
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Contains($"'{Source}', line {line}, column {column}: ", e.Message);
        return e;
    }
}

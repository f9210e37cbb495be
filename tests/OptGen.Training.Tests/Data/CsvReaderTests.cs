using System.IO.Compression;
using System.Text;

namespace OptGen.Training.Tests.Data;

public class CsvReaderTests
{
    [Theory]
    [InlineData("iris.csv", 150, 4, new[] { 50, 50, 50 }, new[] { "setosa", "versicolor", "virginica" })]
    [InlineData("wine_data.csv", 178, 13, new[] { 59, 71, 48 }, new[] { "class_0", "class_1", "class_2" })]
    [InlineData("breast_cancer.csv", 569, 30, new[] { 212, 357 }, new[] { "malignant", "benign" })]
    public void ReadsSklearnFiles(string file, int rows, int columns, int[] classCounts, string[] classNames)
    {
        string path = RepositoryRoot.Data("sklearn", file);
        Dataset d = CsvReader.Read(path);
        Assert.Equal(rows, d.Rows);
        Assert.Equal(columns, d.Columns);
        Assert.Equal(classCounts.Length, d.ClassCount);
        Assert.Equal(classCounts, d.ClassCounts());
        Assert.Equal(classNames, d.ClassNames);
        Assert.Null(d.Targets);
        Assert.Equal(path, d.Source);
        // The same with the header stated explicitly.
        Dataset e = CsvReader.Read(path, new CsvOptions { Header = CsvHeader.Sklearn });
        Assert.Equal(d.Features, e.Features);
    }

    [Fact]
    public void IrisFirstAndLastRowsAreExact()
    {
        Dataset d = CsvReader.Read(RepositoryRoot.Data("sklearn", "iris.csv"));
        Assert.Equal(new[] { 5.1f, 3.5f, 1.4f, 0.2f }, d.Row(0).ToArray());
        Assert.Equal(0, d.Labels![0]);
        Assert.Equal(new[] { 5.9f, 3.0f, 5.1f, 1.8f }, d.Row(149).ToArray());
        Assert.Equal(2, d.Labels[149]);
    }

    [Fact]
    public void WineProlineHasItsPublishedRange()
    {
        Dataset d = CsvReader.Read(RepositoryRoot.Data("sklearn", "wine_data.csv"));
        float min = float.MaxValue, max = float.MinValue;
        for (int r = 0; r < d.Rows; r++)
        {
            min = Math.Min(min, d.Row(r)[12]);
            max = Math.Max(max, d.Row(r)[12]);
        }
        Assert.Equal(278f, min);
        Assert.Equal(1680f, max);
    }

    [Theory]
    [InlineData("optdigits.tra", 3823, new[] { 376, 389, 380, 389, 387, 376, 377, 387, 380, 382 })]
    [InlineData("optdigits.tes", 1797, new[] { 178, 182, 177, 183, 181, 182, 181, 179, 174, 180 })]
    public void ReadsHeaderlessOptdigits(string file, int rows, int[] classCounts)
    {
        Dataset d = CsvReader.Read(RepositoryRoot.Data("optdigits", file));
        Assert.Equal(rows, d.Rows);
        Assert.Equal(64, d.Columns);
        Assert.Equal(10, d.ClassCount);
        Assert.Equal(classCounts, d.ClassCounts());
        Assert.Null(d.ClassNames);
        Assert.All(d.Features, v => Assert.True(v >= 0 && v <= 16 && v == MathF.Floor(v)));
        Dataset e = CsvReader.Read(RepositoryRoot.Data("optdigits", file), new CsvOptions { Header = CsvHeader.None });
        Assert.Equal(d.Features, e.Features);
        Assert.Equal(d.Labels, e.Labels);
    }

    [Fact]
    public void ReadsGzipTransparently()
    {
        using var tmp = new TempFolder();
        string src = RepositoryRoot.Data("optdigits", "optdigits.tes");
        string gz = tmp.File("optdigits.tes.gz");
        using (var input = File.OpenRead(src))
        using (var output = new GZipStream(File.Create(gz), CompressionLevel.Fastest))
            input.CopyTo(output);
        Dataset plain = CsvReader.Read(src);
        Dataset packed = CsvReader.Read(gz);
        Assert.Equal(plain.Features, packed.Features);
        Assert.Equal(plain.Labels, packed.Labels);
    }

    [Fact]
    public void ReadsWhitespaceSeparatedFeaturesWithSeparateRegressionTargets()
    {
        // The layout of sklearn's diabetes_data_raw.csv(.gz) and diabetes_target.csv(.gz).
        using var tmp = new TempFolder();
        string features = WriteGz(tmp, "diabetes_data_raw.csv.gz", "59 2 32.1 101.0 157 93.2 38.0 4.0 4.8598 87\n48 1 21.6 87.0 183 103.2 70.0 3.0 3.8918 69\n  72\t2 30.5 93.0 156 93.6 41.0 4.0 4.6728 85  \n");
        string targets = WriteGz(tmp, "diabetes_target.csv.gz", "1.510000000000000000e+02\n7.500000000000000000e+01\n1.410000000000000000e+02\n");
        var options = new CsvOptions { WhitespaceSeparated = true, Target = CsvTarget.Regression };
        Dataset d = CsvReader.ReadWithTargets(features, targets, options);
        Assert.Equal(3, d.Rows);
        Assert.Equal(10, d.Columns);
        Assert.Equal(new[] { 151f, 75f, 141f }, d.Targets);
        Assert.Null(d.Labels);
        Assert.Equal(72f, d.Row(2)[0]);
        Assert.Equal(85f, d.Row(2)[9]);
    }

    [Fact]
    public void SharedDiabetesFilesWhenPresent()
    {
        string features = "/work/shared/data/sklearn/diabetes_data_raw.csv.gz";
        string targets = "/work/shared/data/sklearn/diabetes_target.csv.gz";
        if (!File.Exists(features) || !File.Exists(targets))
            return; // not bundled in the repository; checked only where the shared data exists
        Dataset d = CsvReader.ReadWithTargets(features, targets, new CsvOptions { WhitespaceSeparated = true, Target = CsvTarget.Regression });
        Assert.Equal(442, d.Rows);
        Assert.Equal(10, d.Columns);
        Assert.Equal(25f, d.Targets!.Min());
        Assert.Equal(346f, d.Targets!.Max());
    }

    [Fact]
    public void RegressionTargetInLastColumn()
    {
        using var tmp = new TempFolder();
        string path = tmp.Write("reg.csv", "1,2,0.5\r\n3,4,-1.25e1\r\n\r\n");
        Dataset d = CsvReader.Read(path, new CsvOptions { Target = CsvTarget.Regression });
        Assert.Equal(new[] { 0.5f, -12.5f }, d.Targets);
        Assert.Equal(new[] { 1f, 2f, 3f, 4f }, d.Features);
    }

    [Fact]
    public void UsesInvariantCultureWhateverTheCurrentCulture()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            using var tmp = new TempFolder();
            Dataset d = CsvReader.Read(tmp.Write("x.csv", "1.5,2.25,1\n"));
            Assert.Equal(new[] { 1.5f, 2.25f }, d.Features);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void SklearnHeaderPaddedWithEmptyFieldsIsAccepted()
    {
        using var tmp = new TempFolder();
        Dataset d = CsvReader.Read(tmp.Write("p.csv", "2,2,a,b,,,,\n1,2,0\n3,4,1\n"));
        Assert.Equal(new[] { "a", "b" }, d.ClassNames);
        Assert.Equal(2, d.ClassCount);
    }

    [Fact]
    public void NumericSklearnHeaderIsDetectedByShape()
    {
        using var tmp = new TempFolder();
        Dataset d = CsvReader.Read(tmp.Write("h.csv", "2,3\n1,2,3,0\n4,5,6,1\n"));
        Assert.Equal(2, d.Rows);
        Assert.Equal(3, d.Columns);
    }

    [Fact]
    public void ColumnNamesHeaderIsSkipped()
    {
        using var tmp = new TempFolder();
        Dataset d = CsvReader.Read(tmp.Write("n.csv", "a,b,label\n1,2,0\n3,4,1\n"), new CsvOptions { Header = CsvHeader.ColumnNames });
        Assert.Equal(2, d.Rows);
        Assert.Equal(new[] { 0, 1 }, d.Labels);
    }

    // ------------------------------------------------------------------ malformed input

    [Theory]
    [InlineData("1,2,0\n3,x4,1\n", 2, 3, "'x4' is not a number")]
    [InlineData("1,2,0\n3,4,1,7\n", 2, 7, "wrong number of fields: found 4, expected 3")]
    [InlineData("1,2,0\n3,4\n", 2, 4, "wrong number of fields: found 2, expected 3")]
    [InlineData("1,2,0\n3,,1\n", 2, 3, "field 2 is empty")]
    [InlineData("1,2,0\n3,4,1.5\n", 2, 5, "label '1.5' is not an integer")]
    [InlineData("1,2,0\n3,4,abc\n", 2, 5, "label 'abc' is not a number")]
    [InlineData("1,2,0\n3,4,-1\n", 2, 5, "label -1 is negative")]
    [InlineData("1,2,0\n\n3,NaN,1\n", 3, 3, "not a finite number")]
    [InlineData("1,2,0\n3,1e40,1\n", 2, 3, "not a finite number")]
    [InlineData("3,2,a,b\n1,2,0\n3,4,1\n", 1, 1, "header count mismatch: the header says 3 samples, but the file has 2 data rows")]
    [InlineData("1,2,a,b\n1,2,0\n3,4,1\n", 3, 1, "header count mismatch")]
    [InlineData("2,3,a,b\n1,2,0\n3,4,1\n", 2, 6, "wrong number of fields: found 3, expected 4 (the header on line 1 says 3 features plus the label)")]
    [InlineData("2,2,a,b\n1,2,0\n3,4,2\n", 3, 5, "label 2 is out of range: the header on line 1 names 2 classes")]
    [InlineData("", 1, 1, "the file is empty")]
    [InlineData("\n\n  \n", 1, 1, "the file is empty")]
    [InlineData("2,2,a,b\n", 2, 1, "no data rows")]
    public void MalformedCsvNamesFileLineAndColumn(string text, int line, int column, string problem)
    {
        using var tmp = new TempFolder();
        string path = tmp.Write("bad.csv", text);
        var e = Assert.Throws<DataFormatException>(() => CsvReader.Read(path));
        Assert.IsAssignableFrom<FormatException>(e);
        Assert.Equal(path, e.FilePath);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Contains(problem, e.Message);
        Assert.Contains(path, e.Message);
        Assert.Contains($"line {line}, column {column}", e.Message);
    }

    [Fact]
    public void SklearnHeaderWithBadCountsIsReported()
    {
        using var tmp = new TempFolder();
        string path = tmp.Write("h.csv", "150,four,a\n1,2,0\n");
        var e = Assert.Throws<DataFormatException>(() => CsvReader.Read(path, new CsvOptions { Header = CsvHeader.Sklearn }));
        Assert.Equal((1, 5), (e.Line, e.Column));
        Assert.Contains("n_features 'four' is not a positive integer", e.Message);
    }

    [Fact]
    public void TargetsFileWithWrongRowCountIsReported()
    {
        using var tmp = new TempFolder();
        string features = tmp.Write("f.txt", "1 2\n3 4\n5 6\n");
        string targets = tmp.Write("t.txt", "1.0\n2.0\n");
        var e = Assert.Throws<DataFormatException>(() => CsvReader.ReadWithTargets(features, targets, new CsvOptions { WhitespaceSeparated = true, Target = CsvTarget.Regression }));
        Assert.Equal(targets, e.FilePath);
        Assert.Equal(3, e.Line);
        Assert.Contains("2 values but the features file", e.Message);

        string bad = tmp.Write("t2.txt", "1.0\n2.0\nzz\n");
        e = Assert.Throws<DataFormatException>(() => CsvReader.ReadWithTargets(features, bad, new CsvOptions { WhitespaceSeparated = true, Target = CsvTarget.Regression }));
        Assert.Equal((3, 1), (e.Line, e.Column));
        Assert.Contains("'zz' is not a number", e.Message);
    }

    [Fact]
    public void WhitespaceColumnsAreCharacterPositions()
    {
        using var tmp = new TempFolder();
        string path = tmp.Write("w.txt", "1 2 0\n  3   q 1\n");
        var e = Assert.Throws<DataFormatException>(() => CsvReader.Read(path, new CsvOptions { WhitespaceSeparated = true }));
        Assert.Equal((2, 7), (e.Line, e.Column));
    }

    [Fact]
    public void CorruptGzipIsAFormatErrorNamingTheFile()
    {
        using var tmp = new TempFolder();
        string path = tmp.File("bad.csv.gz");
        byte[] gz = GzBytes("1,2,0\n3,4,1\n");
        for (int i = 10; i < gz.Length - 8; i++)
            gz[i] ^= 0x5A;
        File.WriteAllBytes(path, gz);
        var e = Assert.ThrowsAny<FormatException>(() => CsvReader.Read(path));
        Assert.Contains(path, e.Message);
    }

    private static byte[] GzBytes(string text)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true))
            gz.Write(Encoding.UTF8.GetBytes(text));
        return ms.ToArray();
    }

    private static string WriteGz(TempFolder tmp, string name, string text)
    {
        string path = tmp.File(name);
        File.WriteAllBytes(path, GzBytes(text));
        return path;
    }
}

public class GzipTruncationTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(0.99)]
    public void TruncatedGzipIsAnErrorNotAShortDataset(double keep)
    {
        using var tmp = new TempFolder();
        byte[] raw = File.ReadAllBytes(RepositoryRoot.Data("optdigits", "optdigits.tes"));
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true))
            gz.Write(raw);
        byte[] packed = ms.ToArray();
        string path = tmp.File("cut.csv.gz");
        File.WriteAllBytes(path, packed[..(int)(packed.Length * keep)]);
        var e = Assert.ThrowsAny<FormatException>(() => CsvReader.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("the gzip data is truncated or corrupt", e.Message);
    }
}

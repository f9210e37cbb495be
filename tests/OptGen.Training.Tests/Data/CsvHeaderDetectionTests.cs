using static OptGen.Training.Tests.Data.CsvTestText;

namespace OptGen.Training.Tests.Data;

/// <summary>The header rule of docs/data.md, case by case, edge cases included.</summary>
public class CsvHeaderDetectionTests
{
    [Fact]
    public void TheIssuesFileIsReadNotRefused()
    {
        // Before: "line 1, column 1: 'a' is not a number".
        Dataset d = Read("a,b,label\n1,2,0\n3,4,1\n");
        Assert.Equal(new[] { 1f, 2f, 3f, 4f }, d.Features);
        Assert.Equal(new[] { 0, 1 }, d.Labels);
        Assert.Null(d.ClassNames);
    }

    [Fact]
    public void PandasIrisHasTheSklearnRowsAndSpeciesNames()
    {
        Dataset pandas = CsvReader.Read(RepositoryRoot.Data("pandas", "iris.csv"));
        Dataset sklearn = CsvReader.Read(RepositoryRoot.Data("sklearn", "iris.csv"));
        Assert.Equal(sklearn.Features, pandas.Features);
        Assert.Equal(sklearn.Labels, pandas.Labels); // sorted names give sklearn's numbering
        Assert.Equal(new[] { "setosa", "versicolor", "virginica" }, pandas.ClassNames);
        Assert.Equal(sklearn.ClassNames, pandas.ClassNames);
        Assert.Equal(3, pandas.ClassCount);
    }

    [Fact]
    public void HeaderlessFileWithStringLabelsKeepsItsFirstRow()
    {
        // UCI's iris.data: no header, the class name last. Text above text is data.
        Dataset d = Read("5.1,3.5,1.4,0.2,Iris-setosa\n7.0,3.2,4.7,1.4,Iris-versicolor\n6.3,3.3,6.0,2.5,Iris-virginica\n");
        Assert.Equal(3, d.Rows);
        Assert.Equal(5.1f, d.Row(0)[0]);
        Assert.Equal(new[] { "Iris-setosa", "Iris-versicolor", "Iris-virginica" }, d.ClassNames);
    }

    [Fact]
    public void AllNumericFirstLineIsDataUnlessToldOtherwise()
    {
        // A numeric-looking header ("1,2,3" as names) cannot be told from data: Header = ColumnNames says so.
        const string text = "10,20,1\n4,5,0\n6,7,1\n";
        Assert.Equal(3, Read(text).Rows);
        Dataset named = Read(text, new CsvOptions { Header = CsvHeader.ColumnNames });
        Assert.Equal(2, named.Rows);
        Assert.Equal(new[] { 4f, 5f, 6f, 7f }, named.Features);
    }

    [Fact]
    public void NumericColumnNamesWithAStringLabelNeedTheLabelNamed()
    {
        // Integer column names (a DataFrame's default) with a string label column: text above text, so data...
        const string text = "0,1,species\n5.1,3.5,setosa\n6.3,3.3,virginica\n";
        // ...and two counts then a name look like scikit-learn's header, which the rows contradict; the error says so.
        DataFormatException e = Fails(text, null, 2, 9, "wrong number of fields: found 3, expected 2 (the header on line 1 says 1 features plus the label)");
        Assert.Contains("line 1 was read as scikit-learn's header", e.Message);
        Assert.Contains("Header = CsvHeader.ColumnNames", e.Message);
        // Naming the label column says line 1 names the columns.
        Dataset d = Read(text, new CsvOptions { LabelColumn = "species" });
        Assert.Equal(2, d.Rows);
        Assert.Equal(new[] { "setosa", "virginica" }, d.ClassNames);
        Assert.Equal(2, Read(text, new CsvOptions { Header = CsvHeader.ColumnNames }).Rows);
    }

    [Fact]
    public void PandasIndexColumnWithAnEmptyNameIsAHeader()
    {
        // df.to_csv() without index=False: an unnamed first column. The header is found; the index is a feature.
        Dataset d = Read(",x,label\n0,1.5,a\n1,2.5,b\n");
        Assert.Equal(2, d.Rows);
        Assert.Equal(new[] { 0f, 1.5f, 1f, 2.5f }, d.Features);
    }

    [Fact]
    public void HeaderOnlyFileHasNoDataRows()
    {
        Fails("a,b,label\n", null, 2, 1, "the file has no data rows");
        Fails("a,b,label\n\n\n", null, 4, 1, "the file has no data rows");
    }

    [Fact]
    public void SklearnHeadersAreStillFoundFirst()
    {
        Dataset d = Read("2,2,cat,dog\n1,2,0\n3,4,1\n");
        Assert.Equal(new[] { "cat", "dog" }, d.ClassNames);
        Assert.Equal(2, d.Rows);
        // Explicit sklearn on a file of names is reported at the count.
        Fails("a,b,label\n1,2,0\n", new CsvOptions { Header = CsvHeader.Sklearn }, 1, 1, "n_samples 'a' is not a non-negative integer");
    }

    [Fact]
    public void ColumnNamesHeaderFieldCountMustMatchTheRows()
    {
        Fails("a,b,c,label\n1,2,0\n", null, 2, 6, "wrong number of fields: found 3, expected 4 (the header on line 1 has 4 columns)");
        Fails("label\n1\n", new CsvOptions { Header = CsvHeader.ColumnNames }, 1, 1, "a row needs at least one feature and the target; found 1 field");
    }

    [Fact]
    public void HeaderNamesAppearInNumberErrors()
    {
        Fails("a,b,label\n1,x,cat\n", null, 2, 3, "field 2 ('b'): 'x' is not a number");
        Fails("a,b,label\n1,,cat\n", null, 2, 3, "field 2 ('b') is empty");
        Fails("1,2,0\n3,x,1\n", null, 2, 3, "field 2: 'x' is not a number"); // no names, no parentheses
    }

    [Fact]
    public void DetectionLooksOnlyAtTheFirstTwoRows()
    {
        // The second row decides; a later row with text in a numeric column is a data error, not a header.
        Fails("x,y,label\n1,2,a\n3,q,b\n", null, 3, 3, "field 2 ('y'): 'q' is not a number");
        // Text in a feature column of both rows: data, and the feature is not a number.
        Fails("1,red,a\n2,blue,b\n", null, 1, 3, "field 2: 'red' is not a number");
    }

    [Fact]
    public void BlankLinesBeforeTheHeaderAreSkippedAndCounted()
    {
        Fails("\n\na,b,label\n1,2,x\n3,z,y\n", null, 5, 3, "field 2 ('b'): 'z' is not a number");
    }

    [Fact]
    public void FeaturesFileOfReadWithTargetsMayHaveColumnNames()
    {
        using var tmp = new TempFolder();
        string features = tmp.Write("f.csv", "age,bmi\n59,32.1\n48,21.6\n");
        string targets = tmp.Write("t.txt", "151\n75\n");
        Dataset d = CsvReader.ReadWithTargets(features, targets, new CsvOptions { Target = CsvTarget.Regression });
        Assert.Equal(new[] { 59f, 32.1f, 48f, 21.6f }, d.Features);
        Assert.Equal(new[] { 151f, 75f }, d.Targets);
        Assert.Throws<ArgumentException>(() => CsvReader.ReadWithTargets(features, targets, new CsvOptions { LabelColumn = 0 }));
    }

    [Fact]
    public void ByteOrderMarkAndCrlfAreHandled()
    {
        using var tmp = new TempFolder();
        string path = tmp.File("bom.csv");
        File.WriteAllText(path, "a,b,label\r\n1,2,cat\r\n3,4,dog\r\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Dataset d = CsvReader.Read(path);
        Assert.Equal(new[] { "cat", "dog" }, d.ClassNames);
        Assert.Equal(new[] { 1f, 2f, 3f, 4f }, d.Features);
    }
}

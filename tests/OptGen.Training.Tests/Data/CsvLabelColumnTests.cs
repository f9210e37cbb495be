using System.Text;
using static OptGen.Training.Tests.Data.CsvTestText;

namespace OptGen.Training.Tests.Data;

/// <summary>The label column: by name or position, class names to indices, given classes, regression targets.</summary>
public class CsvLabelColumnTests
{
    private const string Species = "species,a,b\nvirginica,1,2\nsetosa,3,4\nversicolor,5,6\nsetosa,7,8\n";

    [Theory]
    [InlineData("species")]
    [InlineData("0")]
    [InlineData("-3")]
    public void LabelColumnByNameOrPosition(string column)
    {
        Dataset d = Read(Species, new CsvOptions { LabelColumn = CsvColumn.Parse(column) });
        Assert.Equal(new[] { 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f }, d.Features);
        Assert.Equal(new[] { "setosa", "versicolor", "virginica" }, d.ClassNames);
        Assert.Equal(new[] { 2, 0, 1, 0 }, d.Labels);
    }

    [Fact]
    public void LabelColumnInTheMiddle()
    {
        Dataset d = Read("a,y,b\n1,0,2\n3,1,4\n", new CsvOptions { LabelColumn = "y" });
        Assert.Equal(new[] { 1f, 2f, 3f, 4f }, d.Features);
        Assert.Equal(new[] { 0, 1 }, d.Labels);
        Assert.Equal(d.Features, Read("a,y,b\n1,0,2\n3,1,4\n", new CsvOptions { LabelColumn = 1 }).Features);
    }

    [Fact]
    public void ClassOrderSortedOrFirstAppearance()
    {
        Dataset sorted = Read(Species, new CsvOptions { LabelColumn = 0 });
        Dataset seen = Read(Species, new CsvOptions { LabelColumn = 0, ClassOrder = CsvClassOrder.FirstAppearance });
        Assert.Equal(new[] { "virginica", "setosa", "versicolor" }, seen.ClassNames);
        Assert.Equal(new[] { 0, 1, 2, 1 }, seen.Labels);
        for (int r = 0; r < sorted.Rows; r++)
            Assert.Equal(sorted.ClassNames![sorted.Labels![r]], seen.ClassNames![seen.Labels![r]]);
    }

    [Fact]
    public void SortedOrderIsCodePointOrderAsNumPyHas()
    {
        // "\uFF21" (fullwidth A, U+FF21) sorts before "😀" (U+1F600) by code point; UTF-16 ordinal order puts the
        // surrogate pair (D83D DE00) first.
        string[] names = ["😀", "\uFF21", "b", "B", "é", "a"];
        var text = new StringBuilder("x,label\n");
        foreach (string n in names)
            text.Append("1,").Append(n).Append('\n');
        Dataset d = Read(text.ToString());
        string[] byCodePoint = names.OrderBy(n => n, Comparer<string>.Create(CompareByRunes)).ToArray();
        Assert.Equal(byCodePoint, d.ClassNames);
        Assert.Equal(new[] { "B", "a", "b", "é", "\uFF21", "😀" }, d.ClassNames);
        Assert.NotEqual(names.OrderBy(n => n, StringComparer.Ordinal).ToArray(), d.ClassNames); // the test can tell them apart
    }

    [Fact]
    public void GivenClassesNumberATestFileLikeItsTrainingFile()
    {
        Dataset train = Read(Species, new CsvOptions { LabelColumn = 0 });
        // The test file lacks setosa and starts with virginica.
        Dataset test = Read("species,a,b\nvirginica,1,2\nversicolor,3,4\n", new CsvOptions { LabelColumn = 0, ClassNames = train.ClassNames });
        Assert.Equal(new[] { 2, 1 }, test.Labels);
        Assert.Equal(3, test.ClassCount);
        Assert.Equal(train.ClassNames, test.ClassNames);
        // Without them, the test file would number its two classes 0 and 1.
        Assert.Equal(new[] { 1, 0 }, Read("species,a,b\nvirginica,1,2\nversicolor,3,4\n", new CsvOptions { LabelColumn = 0 }).Labels);
    }

    [Fact]
    public void GivenClassesRejectOthers()
    {
        var options = new CsvOptions { ClassNames = ["cat", "dog"] };
        Fails("x,label\n1,cat\n2,cow\n", options, 3, 3, "field 2 ('label'): 'cow' is not one of the 2 classes given in CsvOptions.ClassNames (cat, dog)");
        Fails("1,0\n2,2\n", options, 2, 3, "label 2 is out of range: CsvOptions.ClassNames has 2 classes (0..1)");
        Fails("2,2,cat,cow\n1,2,0\n3,4,1\n", options, 1, 1, "the header names the classes cat, cow, but CsvOptions.ClassNames gives cat, dog");
        Assert.Throws<ArgumentException>(() => Read("1,cat\n", new CsvOptions { ClassNames = ["cat", "cat"] }));
        Dataset d = Read("1,1\n2,1\n", options);
        Assert.Equal(2, d.ClassCount);
        Assert.Equal(new[] { "cat", "dog" }, d.ClassNames);
    }

    [Fact]
    public void RegressionTargetFromANamedColumn()
    {
        Dataset d = Read("price,rooms,area\n3.5,2,50\n-1e2,3,75.5\n", new CsvOptions { Target = CsvTarget.Regression, LabelColumn = "price" });
        Assert.Equal(new[] { 3.5f, -100f }, d.Targets);
        Assert.Equal(new[] { 2f, 50f, 3f, 75.5f }, d.Features);
        Assert.Null(d.Labels);
        Fails("price,rooms\n3.5,2\ncheap,3\n", new CsvOptions { Target = CsvTarget.Regression, LabelColumn = 0 }, 3, 1, "field 1 ('price'): 'cheap' is not a number");
    }

    [Theory]
    [InlineData("x,label\n1,2.5\n", 2, 3, "field 2 ('label'): label '2.5' is not an integer (read the file as regression")]
    [InlineData("x,label\n1,0\n2,cat\n", 3, 3, "label 'cat' is not a number (the label on line 2 is an integer, so the column holds integer class labels)")]
    [InlineData("x,label\n1,cat\n2,\n", 3, 3, "field 2 ('label') (the label) is empty")]
    [InlineData("x,label\n1,\n2,cat\n", 2, 3, "field 2 ('label') (the label) is empty")]
    [InlineData("x,label\n1,cat\n2,3\n3, 2.5 \n", 0, 0, "")] // in a column of names, numbers are names too
    public void LabelProblemsNameTheField(string text, int line, int column, string problem)
    {
        if (line == 0)
        {
            Assert.Equal(new[] { "2.5", "3", "cat" }, Read(text).ClassNames);
            return;
        }
        Fails(text, null, line, column, problem);
    }

    [Theory]
    [InlineData("species", "no column is named 'species'; the header names 3 columns: 'a', 'b', 'label'", 1)]
    [InlineData("3", "label column 3 is outside the 3 columns (0..2, or -1..-3 from the end)", 1)]
    [InlineData("-4", "label column -4 is outside the 3 columns", 1)]
    public void BadLabelColumnIsReported(string column, string problem, int line)
        => Fails("a,b,label\n1,2,0\n", new CsvOptions { LabelColumn = CsvColumn.Parse(column) }, line, 1, problem);

    [Fact]
    public void NamedLabelColumnNeedsAHeaderOfNames()
    {
        Fails("1,2,0\n3,4,1\n", new CsvOptions { LabelColumn = "label", Header = CsvHeader.None }, 1, 1, "the label column is chosen by name ('label'), but line 1 is data (Header = None)");
        Fails("1,2,0\n3,4,1\n", new CsvOptions { LabelColumn = "label" }, 1, 1, "but line 1 is data, not a header of column names");
        Fails("2,2,a,b\n1,2,0\n3,4,1\n", new CsvOptions { LabelColumn = "label" }, 1, 1, "scikit-learn's header, which names no columns");
        Fails("x,x,label\n1,2,0\n", new CsvOptions { LabelColumn = "x" }, 1, 1, "'x' names two columns (0 and 1, from 0)");
    }

    [Fact]
    public void CsvColumnParsesAndConverts()
    {
        Assert.Equal(CsvColumn.At(3), CsvColumn.Parse(" 3 "));
        Assert.Equal(CsvColumn.At(-1), CsvColumn.Parse("-1"));
        Assert.Equal(CsvColumn.Last, CsvColumn.At(-1));
        Assert.Equal(CsvColumn.Named("species"), CsvColumn.Parse("species"));
        CsvColumn byName = "x1", byIndex = 2;
        Assert.Equal(("x1", 0), (byName.Name, byName.Index));
        Assert.Null(byIndex.Name);
        Assert.Equal(2, byIndex.Index);
        Assert.Equal("'x1'", byName.ToString());
        Assert.ThrowsAny<ArgumentException>(() => CsvColumn.Parse(" "));
        Assert.ThrowsAny<ArgumentException>(() => CsvColumn.Named(""));
    }

    [Fact]
    public void ClassNamesAreLookedUpWithoutAllocatingPerRow()
    {
        // 100k rows of two small integers and a class name: the arrays kept are 1.2 MB. Allocating each name as a
        // string per row would add about 6 MB; the bound leaves room for array growth and the reader's buffers.
        var text = new StringBuilder("a,b,species\n");
        string[] names = ["setosa", "versicolor", "virginica"];
        for (int r = 0; r < 100_000; r++)
            text.Append(r % 7).Append(',').Append(r % 5).Append(',').Append(names[r % 3]).Append('\n');
        string csv = text.ToString();
        Read(csv); // warm up
        long before = GC.GetAllocatedBytesForCurrentThread();
        Dataset d = Read(csv);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(100_000, d.Rows);
        long kept = d.Features.Length * 4L + d.Labels!.Length * 4L;
        Assert.True(allocated < 4 * kept + (1 << 20), $"{allocated:N0} bytes allocated for {kept:N0} bytes of data");
    }

    private static int CompareByRunes(string? a, string? b)
    {
        int[] x = a!.EnumerateRunes().Select(r => r.Value).ToArray(), y = b!.EnumerateRunes().Select(r => r.Value).ToArray();
        for (int i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            if (x[i] != y[i])
                return x[i].CompareTo(y[i]);
        }
        return x.Length.CompareTo(y.Length);
    }
}

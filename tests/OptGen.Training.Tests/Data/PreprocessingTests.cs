namespace OptGen.Training.Tests.Data;

public class PreprocessingTests
{
    private static Dataset Wine() => CsvReader.Read(RepositoryRoot.Data("sklearn", "wine_data.csv"));

    private static Dataset Digits() => CsvReader.Read(RepositoryRoot.Data("optdigits", "optdigits.tra"));

    [Theory]
    [InlineData(0.25, 1)]
    [InlineData(0.2, 42)]
    [InlineData(0.5, 7)]
    public void StratifiedSplitKeepsClassProportions(double fraction, int seed)
    {
        Dataset d = Digits();
        (Dataset train, Dataset test) = d.StratifiedSplit(fraction, seed);
        Assert.Equal(d.Rows, train.Rows + test.Rows);
        Assert.Equal((int)Math.Ceiling(fraction * d.Rows), test.Rows);
        Assert.Equal(d.ClassCount, train.ClassCount);
        Assert.Equal(d.ClassCount, test.ClassCount);
        int[] all = d.ClassCounts(), tr = train.ClassCounts(), te = test.ClassCounts();
        for (int c = 0; c < d.ClassCount; c++)
        {
            Assert.Equal(all[c], tr[c] + te[c]);
            Assert.True(Math.Abs(te[c] - fraction * all[c]) <= 1.0, $"class {c}: {te[c]} of {all[c]}");
        }
        // Every row lands in exactly one part: compare the multisets of (row, label).
        var rows = Enumerable.Range(0, d.Rows).Select(r => Key(d, r)).OrderBy(k => k, StringComparer.Ordinal);
        var parts = Enumerable.Range(0, train.Rows).Select(r => Key(train, r)).Concat(Enumerable.Range(0, test.Rows).Select(r => Key(test, r))).OrderBy(k => k, StringComparer.Ordinal);
        Assert.Equal(rows, parts);
    }

    [Fact]
    public void SplitsAreDeterministicPerSeed()
    {
        Dataset d = Wine();
        var (a1, b1) = d.StratifiedSplit(0.3, 5);
        var (a2, b2) = d.StratifiedSplit(0.3, 5);
        var (a3, _) = d.StratifiedSplit(0.3, 6);
        Assert.Equal(a1.Features, a2.Features);
        Assert.Equal(b1.Labels, b2.Labels);
        Assert.NotEqual(a1.Features, a3.Features);
        // Pinned: the algorithm (SplitMix64 + Fisher–Yates) must not drift between runtimes.
        Assert.Equal(d.Shuffle(123).Features, d.Shuffle(123).Features);
        Assert.Equal(new[] { 7, 8, 1, 6, 9, 2, 5, 4, 3, 0 }, DatasetExtensions.Permutation(10, 2024));
    }

    [Fact]
    public void StratifiedSplitKeepsRareClassesAndClassCount()
    {
        var features = new float[20];
        var labels = new int[20];
        labels[19] = 2; // one sample of class 2, none of class 3
        var d = new Dataset(features, 1, labels, 4);
        var (train, test) = d.StratifiedSplit(0.5, 1);
        Assert.Equal(4, train.ClassCount);
        Assert.Equal(4, test.ClassCount);
        Assert.Equal(10, test.Rows);
    }

    [Fact]
    public void RandomSplitAndShuffle()
    {
        Dataset d = Wine();
        var (train, test) = d.Split(0.25, 3);
        Assert.Equal(45, test.Rows);
        Assert.Equal(133, train.Rows);
        Dataset s = d.Shuffle(9);
        Assert.Equal(d.Rows, s.Rows);
        Assert.Equal(d.ClassCounts(), s.ClassCounts());
        Assert.NotEqual(d.Labels, s.Labels);
        Assert.Throws<ArgumentOutOfRangeException>(() => d.Split(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => d.Split(1, 1));
    }

    [Fact]
    public void StandardizerFitsOnTrainAndAppliesToOthers()
    {
        var (train, test) = Wine().StratifiedSplit(0.25, 11);
        var std = Standardizer.Fit(train);
        Dataset t = std.Transform(train);
        for (int c = 0; c < t.Columns; c++)
        {
            double mean = 0, sq = 0;
            for (int r = 0; r < t.Rows; r++)
                mean += t.Row(r)[c];
            mean /= t.Rows;
            for (int r = 0; r < t.Rows; r++)
                sq += (t.Row(r)[c] - mean) * (t.Row(r)[c] - mean);
            Assert.True(Math.Abs(mean) < 1e-5, $"column {c} mean {mean}");
            Assert.True(Math.Abs(Math.Sqrt(sq / t.Rows) - 1) < 1e-4, $"column {c} std");
        }
        Dataset u = std.Transform(test);
        Assert.Equal(test.Labels, u.Labels);
        for (int i = 0; i < test.Features.Length; i++)
        {
            int c = i % test.Columns;
            Assert.Equal((float)((test.Features[i] - std.Mean[c]) / std.Scale[c]), u.Features[i]);
        }
        Assert.NotSame(test.Features, u.Features);
        Assert.Throws<ArgumentException>(() => std.Transform(Digits()));
    }

    [Fact]
    public void ConstantColumnsStandardiseToZero()
    {
        var d = new Dataset(new[] { 0.1f, 1f, 0.1f, 2f, 0.1f, 3f }, 2, new[] { 0, 1, 0 }, null);
        var std = Standardizer.Fit(d);
        Assert.Equal(1.0, std.Scale[0]);
        Dataset t = std.Transform(d);
        Assert.Equal(new[] { 0f, 0f, 0f }, new[] { t.Features[0], t.Features[2], t.Features[4] });
        Assert.All(t.Features, v => Assert.True(float.IsFinite(v)));
        // optdigits has columns that are always 0.
        Dataset digits = Digits();
        Assert.All(Standardizer.Fit(digits).Transform(digits).Features, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void MinMaxScalesToRange()
    {
        var (train, test) = Wine().StratifiedSplit(0.25, 2);
        var mm = MinMaxScaler.Fit(train);
        Dataset t = mm.Transform(train);
        for (int c = 0; c < t.Columns; c++)
        {
            float min = float.MaxValue, max = float.MinValue;
            for (int r = 0; r < t.Rows; r++)
            {
                min = Math.Min(min, t.Row(r)[c]);
                max = Math.Max(max, t.Row(r)[c]);
            }
            Assert.Equal(0f, min);
            Assert.Equal(1f, max, 6);
        }
        var mm2 = MinMaxScaler.Fit(train, -1, 1);
        Dataset t2 = mm2.Transform(train);
        Assert.Equal(-1f, t2.Features.Min());
        Assert.Equal(1f, t2.Features.Max(), 6);
        Assert.Equal(test.Rows, mm.Transform(test).Rows);

        var constant = new Dataset(new[] { 5f, 5f, 5f }, 1, new[] { 0, 0, 1 }, null);
        Assert.Equal(new[] { 0f, 0f, 0f }, MinMaxScaler.Fit(constant).Transform(constant).Features);
    }

    [Fact]
    public void OneHotLabels()
    {
        var d = new Dataset(new float[3], 1, new[] { 2, 0, 1 }, null);
        Assert.Equal(new float[] { 0, 0, 1, 1, 0, 0, 0, 1, 0 }, d.OneHot());
        Assert.Equal(new float[] { 0, 1, 0, 0, 1, 0, 0, 0 }, DatasetExtensions.OneHot(new[] { 1, 0 }, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => DatasetExtensions.OneHot(new[] { 4 }, 4));
        Dataset iris = CsvReader.Read(RepositoryRoot.Data("sklearn", "iris.csv"));
        float[] oh = iris.OneHot();
        Assert.Equal(150 * 3, oh.Length);
        Assert.Equal(150f, oh.Sum());
    }

    [Fact]
    public void SelectCopiesRows()
    {
        Dataset iris = CsvReader.Read(RepositoryRoot.Data("sklearn", "iris.csv"));
        Dataset s = iris.Select(new[] { 149, 0, 0 });
        Assert.Equal(iris.Row(149).ToArray(), s.Row(0).ToArray());
        Assert.Equal(iris.Row(0).ToArray(), s.Row(2).ToArray());
        Assert.Equal(new[] { 2, 0, 0 }, s.Labels);
        Assert.Equal(3, s.ClassCount);
        Assert.Equal(iris.ClassNames, s.ClassNames);
        Assert.Throws<ArgumentOutOfRangeException>(() => iris.Select(new[] { 150 }));
    }

    private static string Key(Dataset d, int r) => string.Join(",", d.Row(r).ToArray()) + ":" + d.Labels![r];
}

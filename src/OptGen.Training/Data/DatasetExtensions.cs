using System;
using System.Collections.Generic;

namespace OptGen.Data;

/// <summary>Row selection, seeded shuffles and splits, and one-hot labels for <see cref="Dataset"/>.</summary>
public static class DatasetExtensions
{
    /// <summary>A new dataset holding copies of the given rows, in the given order (a row may repeat).</summary>
    public static Dataset Select(this Dataset data, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(data);
        int cols = data.Columns;
        var features = new float[checked(rows.Length * cols)];
        for (int i = 0; i < rows.Length; i++)
        {
            int r = rows[i];
            if ((uint)r >= (uint)data.Rows)
                throw new ArgumentOutOfRangeException(nameof(rows), r, $"Row index {r} (at {i}) is outside 0..{data.Rows - 1}.");
            data.Features.AsSpan(r * cols, cols).CopyTo(features.AsSpan(i * cols, cols));
        }
        if (data.Labels is int[] labels)
        {
            var sel = new int[rows.Length];
            for (int i = 0; i < rows.Length; i++)
                sel[i] = labels[rows[i]];
            return new Dataset(features, cols, sel, data.ClassCount, data.ClassNames, data.Source);
        }
        float[] targets = data.Targets!;
        var t = new float[rows.Length];
        for (int i = 0; i < rows.Length; i++)
            t[i] = targets[rows[i]];
        return new Dataset(features, cols, null, t, null, data.Source);
    }

    /// <summary>A new dataset with the same features and targets, rows in a random order that depends only on <paramref name="seed"/>.</summary>
    public static Dataset Shuffle(this Dataset data, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Select(Permutation(data.Rows, seed));
    }

    /// <summary>A random permutation of 0..<paramref name="count"/>-1 that depends only on <paramref name="seed"/> (the same on every platform).</summary>
    public static int[] Permutation(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var p = new int[count];
        for (int i = 0; i < count; i++)
            p[i] = i;
        new SeededRandom(seed).Shuffle(p);
        return p;
    }

    /// <summary>
    /// Splits the rows at random into train and test sets: the test set gets <c>ceil(testFraction * Rows)</c> rows
    /// (as scikit-learn's <c>train_test_split</c>). Each part keeps the original row order. Deterministic for a seed.
    /// </summary>
    public static (Dataset Train, Dataset Test) Split(this Dataset data, double testFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        int testCount = TestCount(data.Rows, testFraction);
        int[] p = Permutation(data.Rows, seed);
        var isTest = new bool[data.Rows];
        for (int i = 0; i < testCount; i++)
            isTest[p[i]] = true;
        return Partition(data, isTest);
    }

    /// <summary>
    /// Splits a classification dataset into train and test sets keeping each class's share in both: the test set
    /// gets <c>ceil(testFraction * Rows)</c> rows, shared among the classes in proportion to their sizes (largest
    /// remainders get the leftover rows), and the rows of each class are drawn at random. Each part keeps the
    /// original row order and the full <see cref="Dataset.ClassCount"/>. Deterministic for a seed.
    /// </summary>
    public static (Dataset Train, Dataset Test) StratifiedSplit(this Dataset data, double testFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        int[] labels = data.Labels ?? throw new ArgumentException("A stratified split needs class labels; use Split for a regression dataset.", nameof(data));
        int testCount = TestCount(data.Rows, testFraction);
        int classes = data.ClassCount;
        var members = new List<int>[classes];
        for (int c = 0; c < classes; c++)
            members[c] = new List<int>();
        for (int i = 0; i < labels.Length; i++)
            members[labels[i]].Add(i);

        // Test rows per class: floor of the exact share, then the leftover rows to the largest remainders.
        var share = new int[classes];
        var remainder = new double[classes];
        int assigned = 0;
        for (int c = 0; c < classes; c++)
        {
            double exact = (double)testCount * members[c].Count / data.Rows;
            share[c] = (int)Math.Floor(exact);
            remainder[c] = exact - share[c];
            assigned += share[c];
        }
        var order = new int[classes];
        for (int c = 0; c < classes; c++)
            order[c] = c;
        Array.Sort(order, (a, b) => remainder[a] != remainder[b] ? remainder[b].CompareTo(remainder[a]) : a.CompareTo(b));
        for (int k = 0; assigned < testCount; k = (k + 1) % classes)
        {
            int c = order[k];
            if (share[c] < members[c].Count)
            {
                share[c]++;
                assigned++;
            }
        }

        var rng = new SeededRandom(seed);
        var isTest = new bool[data.Rows];
        for (int c = 0; c < classes; c++)
        {
            int[] rows = members[c].ToArray();
            rng.Shuffle(rows);
            for (int i = 0; i < share[c]; i++)
                isTest[rows[i]] = true;
        }
        return Partition(data, isTest);
    }

    /// <summary>The labels as one-hot rows: <c>Rows x ClassCount</c>, row-major, 1 in the label's column and 0 elsewhere.</summary>
    public static float[] OneHot(this Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int[] labels = data.Labels ?? throw new ArgumentException("One-hot encoding needs class labels.", nameof(data));
        return OneHot(labels, data.ClassCount);
    }

    /// <summary>One-hot rows for <paramref name="labels"/>: <c>labels.Length x classCount</c>, row-major.</summary>
    public static float[] OneHot(ReadOnlySpan<int> labels, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        var result = new float[checked(labels.Length * classCount)];
        for (int i = 0; i < labels.Length; i++)
        {
            int l = labels[i];
            if ((uint)l >= (uint)classCount)
                throw new ArgumentOutOfRangeException(nameof(labels), l, $"Label {l} (at {i}) is outside 0..{classCount - 1}.");
            result[i * classCount + l] = 1f;
        }
        return result;
    }

    /// <summary>Number of rows with each label (length <see cref="Dataset.ClassCount"/>).</summary>
    public static int[] ClassCounts(this Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int[] labels = data.Labels ?? throw new ArgumentException("Class counts need class labels.", nameof(data));
        var counts = new int[data.ClassCount];
        foreach (int l in labels)
            counts[l]++;
        return counts;
    }

    private static int TestCount(int rows, double testFraction)
    {
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must be strictly between 0 and 1.");
        int count = (int)Math.Ceiling(testFraction * rows - 1e-9);
        if (count < 1 || count >= rows)
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, $"A test fraction of {testFraction} of {rows} rows leaves no rows for {(count < 1 ? "test" : "training")}.");
        return count;
    }

    private static (Dataset Train, Dataset Test) Partition(Dataset data, bool[] isTest)
    {
        var train = new List<int>();
        var test = new List<int>();
        for (int i = 0; i < isTest.Length; i++)
            (isTest[i] ? test : train).Add(i);
        return (data.Select(train.ToArray()), data.Select(test.ToArray()));
    }
}

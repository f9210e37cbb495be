using System;

namespace OptGen.Data;

/// <summary>
/// A table of samples: <see cref="Features"/> is row-major (<see cref="Rows"/> x <see cref="Columns"/>), and each row
/// has a target: a class label in <see cref="Labels"/> (classification) or a value in <see cref="Targets"/> (regression).
/// </summary>
public sealed class Dataset
{
    /// <summary>Creates a dataset; exactly one of <paramref name="labels"/> and <paramref name="targets"/> is given.</summary>
    public Dataset(float[] features, int columns, int[]? labels, float[]? targets, string[]? classNames = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (columns <= 0)
            throw new ArgumentOutOfRangeException(nameof(columns), columns, "A dataset needs at least one feature column.");
        if (features.Length % columns != 0)
            throw new ArgumentException($"{features.Length} feature values do not divide into rows of {columns}.", nameof(features));
        if ((labels is null) == (targets is null))
            throw new ArgumentException("Give either class labels or regression targets, not both or neither.");
        int rows = features.Length / columns;
        int targetCount = labels?.Length ?? targets!.Length;
        if (targetCount != rows)
            throw new ArgumentException($"{rows} rows of features but {targetCount} targets.");
        Features = features;
        Columns = columns;
        Labels = labels;
        Targets = targets;
        Source = source;
        if (labels is not null)
        {
            int max = -1;
            foreach (int l in labels)
            {
                if (l < 0)
                    throw new ArgumentException($"Class labels must be >= 0; found {l}.", nameof(labels));
                max = Math.Max(max, l);
            }
            ClassCount = Math.Max(max + 1, classNames?.Length ?? 0);
        }
        ClassNames = classNames;
    }

    /// <summary>
    /// Creates a classification dataset with a known number of classes, which may exceed the largest label present
    /// (e.g. a split that happens to miss a class keeps the class count of the whole).
    /// </summary>
    public Dataset(float[] features, int columns, int[] labels, int classCount, string[]? classNames = null, string? source = null)
        : this(features, columns, labels ?? throw new ArgumentNullException(nameof(labels)), null, classNames, source)
    {
        if (classCount < ClassCount)
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, $"The labels (and class names) need at least {ClassCount} classes.");
        ClassCount = classCount;
    }

    /// <summary>Row-major feature values.</summary>
    public float[] Features { get; }

    /// <summary>Number of feature columns.</summary>
    public int Columns { get; }

    /// <summary>Number of samples.</summary>
    public int Rows => Features.Length / Columns;

    /// <summary>Class labels 0..ClassCount-1, or null for regression.</summary>
    public int[]? Labels { get; }

    /// <summary>Regression targets, or null for classification.</summary>
    public float[]? Targets { get; }

    /// <summary>Number of classes (0 for regression).</summary>
    public int ClassCount { get; }

    /// <summary>Class names when the file gave them.</summary>
    public string[]? ClassNames { get; }

    /// <summary>Where the data came from (a file path), for messages.</summary>
    public string? Source { get; }

    /// <summary>The features of one row.</summary>
    public ReadOnlySpan<float> Row(int row) => Features.AsSpan(row * Columns, Columns);
}

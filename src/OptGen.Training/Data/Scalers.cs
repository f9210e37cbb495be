using System;

namespace OptGen.Data;

/// <summary>
/// Standardisation: fitted on training data, it maps each column to zero mean and unit (population) standard
/// deviation, as scikit-learn's <c>StandardScaler</c>. Apply the same fitted instance to validation and test data.
/// A constant column (all values equal) gets scale 1, so it maps to 0 rather than to NaN.
/// </summary>
public sealed class Standardizer
{
    private readonly double[] _mean;
    private readonly double[] _scale;

    private Standardizer(double[] mean, double[] scale)
    {
        _mean = mean;
        _scale = scale;
    }

    /// <summary>Number of columns fitted.</summary>
    public int Columns => _mean.Length;

    /// <summary>The fitted column means.</summary>
    public ReadOnlySpan<double> Mean => _mean;

    /// <summary>The fitted column standard deviations (population, ddof 0); 1 for constant columns.</summary>
    public ReadOnlySpan<double> Scale => _scale;

    /// <summary>Fits the column means and standard deviations of <paramref name="train"/>.</summary>
    public static Standardizer Fit(Dataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        return Fit(train.Features, train.Columns);
    }

    /// <summary>Fits the column means and standard deviations of row-major <paramref name="features"/>.</summary>
    public static Standardizer Fit(ReadOnlySpan<float> features, int columns)
    {
        int rows = Scalers.CheckShape(features, columns);
        var mean = new double[columns];
        var scale = new double[columns];
        var min = new float[columns];
        var max = new float[columns];
        features[..columns].CopyTo(min);
        features[..columns].CopyTo(max);
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = features.Slice(r * columns, columns);
            for (int c = 0; c < columns; c++)
            {
                mean[c] += row[c];
                min[c] = Math.Min(min[c], row[c]);
                max[c] = Math.Max(max[c], row[c]);
            }
        }
        for (int c = 0; c < columns; c++)
            mean[c] /= rows;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = features.Slice(r * columns, columns);
            for (int c = 0; c < columns; c++)
            {
                double d = row[c] - mean[c];
                scale[c] += d * d;
            }
        }
        for (int c = 0; c < columns; c++)
        {
            if (min[c] == max[c])
            {
                mean[c] = min[c];
                scale[c] = 1;
            }
            else
            {
                scale[c] = Math.Sqrt(scale[c] / rows);
            }
        }
        return new Standardizer(mean, scale);
    }

    /// <summary>A new dataset with standardised features and the same targets.</summary>
    public Dataset Transform(Dataset data) => Scalers.Transformed(data, TransformInPlace);

    /// <summary>Standardises row-major <paramref name="features"/> in place.</summary>
    public void TransformInPlace(Span<float> features, int columns)
    {
        if (columns != Columns)
            throw new ArgumentException($"The data has {columns} columns but the standardizer was fitted on {Columns}.", nameof(columns));
        int rows = Scalers.CheckShape(features, columns, allowEmpty: true);
        for (int r = 0; r < rows; r++)
        {
            Span<float> row = features.Slice(r * columns, columns);
            for (int c = 0; c < columns; c++)
                row[c] = (float)((row[c] - _mean[c]) / _scale[c]);
        }
    }
}

/// <summary>
/// Min-max scaling: fitted on training data, it maps each column's [min, max] linearly onto [<see cref="Low"/>,
/// <see cref="High"/>] (default [0, 1]), as scikit-learn's <c>MinMaxScaler</c>. Values outside the fitted range
/// map outside the target range (not clipped). A constant column maps to <see cref="Low"/> plus its offset from the fitted value.
/// </summary>
public sealed class MinMaxScaler
{
    private readonly double[] _min;
    private readonly double[] _range;

    private MinMaxScaler(double[] min, double[] range, double low, double high)
    {
        _min = min;
        _range = range;
        Low = low;
        High = high;
    }

    /// <summary>Number of columns fitted.</summary>
    public int Columns => _min.Length;

    /// <summary>Lower end of the target range.</summary>
    public double Low { get; }

    /// <summary>Upper end of the target range.</summary>
    public double High { get; }

    /// <summary>The fitted column minima.</summary>
    public ReadOnlySpan<double> Min => _min;

    /// <summary>The fitted column ranges (max - min); 1 for constant columns.</summary>
    public ReadOnlySpan<double> Range => _range;

    /// <summary>Fits the column minima and maxima of <paramref name="train"/>.</summary>
    public static MinMaxScaler Fit(Dataset train, double low = 0, double high = 1)
    {
        ArgumentNullException.ThrowIfNull(train);
        return Fit(train.Features, train.Columns, low, high);
    }

    /// <summary>Fits the column minima and maxima of row-major <paramref name="features"/>.</summary>
    public static MinMaxScaler Fit(ReadOnlySpan<float> features, int columns, double low = 0, double high = 1)
    {
        if (!(low < high) || !double.IsFinite(low) || !double.IsFinite(high))
            throw new ArgumentException($"The target range [{low}, {high}] must be finite with low < high.", nameof(low));
        int rows = Scalers.CheckShape(features, columns);
        var min = new double[columns];
        var max = new double[columns];
        for (int c = 0; c < columns; c++)
            min[c] = max[c] = features[c];
        for (int r = 1; r < rows; r++)
        {
            ReadOnlySpan<float> row = features.Slice(r * columns, columns);
            for (int c = 0; c < columns; c++)
            {
                min[c] = Math.Min(min[c], row[c]);
                max[c] = Math.Max(max[c], row[c]);
            }
        }
        var range = new double[columns];
        for (int c = 0; c < columns; c++)
            range[c] = max[c] > min[c] ? max[c] - min[c] : 1;
        return new MinMaxScaler(min, range, low, high);
    }

    /// <summary>A new dataset with scaled features and the same targets.</summary>
    public Dataset Transform(Dataset data) => Scalers.Transformed(data, TransformInPlace);

    /// <summary>Scales row-major <paramref name="features"/> in place.</summary>
    public void TransformInPlace(Span<float> features, int columns)
    {
        if (columns != Columns)
            throw new ArgumentException($"The data has {columns} columns but the scaler was fitted on {Columns}.", nameof(columns));
        int rows = Scalers.CheckShape(features, columns, allowEmpty: true);
        double width = High - Low;
        for (int r = 0; r < rows; r++)
        {
            Span<float> row = features.Slice(r * columns, columns);
            for (int c = 0; c < columns; c++)
                row[c] = (float)(Low + (row[c] - _min[c]) / _range[c] * width);
        }
    }
}

internal static class Scalers
{
    public static int CheckShape(ReadOnlySpan<float> features, int columns, bool allowEmpty = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        if (features.Length % columns != 0)
            throw new ArgumentException($"{features.Length} values do not divide into rows of {columns}.", nameof(features));
        if (features.Length == 0 && !allowEmpty)
            throw new ArgumentException("Cannot fit on an empty dataset.", nameof(features));
        return features.Length / columns;
    }

    /// <summary>A copy of <paramref name="data"/> whose features (a new array) <paramref name="transformInPlace"/> has mapped.</summary>
    public static Dataset Transformed(Dataset data, Action<Span<float>, int> transformInPlace)
    {
        ArgumentNullException.ThrowIfNull(data);
        var features = (float[])data.Features.Clone();
        transformInPlace(features, data.Columns);
        return WithFeatures(data, features);
    }

    private static Dataset WithFeatures(Dataset data, float[] features)
        => data.Labels is int[] labels
            ? new Dataset(features, data.Columns, (int[])labels.Clone(), data.ClassCount, data.ClassNames, data.Source)
            : new Dataset(features, data.Columns, null, (float[])data.Targets!.Clone(), null, data.Source);
}

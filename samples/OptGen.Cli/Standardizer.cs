using System;
using OptGen.Data;

namespace OptGen.Cli;

/// <summary>
/// Per-column scaling fitted on the training set: z-scores (a constant column is only centred), or min-max to [0, 1].
/// </summary>
internal sealed class Standardizer
{
    private readonly float[] _mean;
    private readonly float[] _scale;

    private Standardizer(float[] mean, float[] scale)
    {
        _mean = mean;
        _scale = scale;
    }

    public static Standardizer Fit(Dataset data, string method) => method switch
    {
        "standard" => FitStandard(data),
        "minmax" => FitMinMax(data),
        _ => throw new ArgumentException($"Unknown scaling '{method}'."),
    };

    private static Standardizer FitMinMax(Dataset data)
    {
        int cols = data.Columns;
        var min = new float[cols];
        var max = new float[cols];
        min.AsSpan().Fill(float.PositiveInfinity);
        max.AsSpan().Fill(float.NegativeInfinity);
        for (int r = 0; r < data.Rows; r++)
        {
            ReadOnlySpan<float> row = data.Row(r);
            for (int c = 0; c < cols; c++)
            {
                min[c] = Math.Min(min[c], row[c]);
                max[c] = Math.Max(max[c], row[c]);
            }
        }
        var scale = new float[cols];
        for (int c = 0; c < cols; c++)
            scale[c] = max[c] > min[c] ? 1f / (max[c] - min[c]) : 1f;
        return new Standardizer(min, scale);
    }

    private static Standardizer FitStandard(Dataset data)
    {
        int cols = data.Columns;
        var sum = new double[cols];
        var squares = new double[cols];
        for (int r = 0; r < data.Rows; r++)
        {
            ReadOnlySpan<float> row = data.Row(r);
            for (int c = 0; c < cols; c++)
            {
                sum[c] += row[c];
                squares[c] += (double)row[c] * row[c];
            }
        }
        var mean = new float[cols];
        var scale = new float[cols];
        for (int c = 0; c < cols; c++)
        {
            double m = sum[c] / data.Rows;
            double variance = Math.Max(squares[c] / data.Rows - m * m, 0);
            mean[c] = (float)m;
            scale[c] = variance > 1e-12 ? (float)(1 / Math.Sqrt(variance)) : 1f;
        }
        return new Standardizer(mean, scale);
    }

    public Dataset Apply(Dataset data)
    {
        if (data.Columns != _mean.Length)
            throw new ArgumentException($"The data has {data.Columns} columns; the scaler was fitted on {_mean.Length}.");
        var features = (float[])data.Features.Clone();
        for (int i = 0; i < features.Length; i++)
        {
            int c = i % data.Columns;
            features[i] = (features[i] - _mean[c]) * _scale[c];
        }
        return new Dataset(features, data.Columns, data.Labels, data.Targets, data.ClassNames, data.Source);
    }
}

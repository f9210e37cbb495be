using System;
using OptGen.Data;

namespace OptGen.Training;

/// <summary>Running sums over evaluation batches, in double so that thousands of rows add up exactly enough.</summary>
internal struct EvaluationTotals
{
    private double _lossSum;
    private int _rows;
    private double _squaredError, _targetSum, _targetSquares;

    public long Correct;

    public void Add(double meanLoss, int rows)
    {
        _lossSum += meanLoss * rows;
        _rows += rows;
    }

    public void AddRegression(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets)
    {
        for (int i = 0; i < targets.Length; i++)
        {
            double t = targets[i], d = predictions[i] - t;
            _squaredError += d * d;
            _targetSum += t;
            _targetSquares += t * t;
        }
    }

    public readonly Metrics ToMetrics(Dataset data)
    {
        double loss = _lossSum / _rows;
        if (data.Labels is not null)
            return new Metrics(loss, (double)Correct / _rows, null, null);
        double mse = _squaredError / _rows;
        double totalVariance = _targetSquares - _targetSum * _targetSum / _rows;
        // A constant target has no variance to explain: R² is 1 for a perfect fit and undefined otherwise.
        double r2 = totalVariance > 0 ? 1 - _squaredError / totalVariance : (_squaredError == 0 ? 1 : double.NaN);
        return new Metrics(loss, null, mse, r2);
    }
}

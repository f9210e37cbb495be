namespace OptGen.Training;

/// <summary>
/// How well a model fits a dataset: the mean loss, plus accuracy for classification or mean squared error and R²
/// for regression (the others are null).
/// </summary>
public sealed record Metrics(double Loss, double? Accuracy, double? MeanSquaredError, double? RSquared)
{
    /// <inheritdoc />
    public override string ToString() => Accuracy is { } a
        ? $"loss {Loss:F4}, accuracy {a:F4}"
        : $"loss {Loss:F4}, mse {MeanSquaredError:F4}, R² {RSquared:F4}";
}

using System;

namespace OptGen.Nn;

/// <summary>
/// A loss over a batch of output rows, averaged as PyTorch's <c>reduction='mean'</c> does. Targets are either one
/// float per output value or one integer class label per row. <c>Compute</c> returns the mean loss and, unless
/// <c>gradient</c> is empty, writes the gradient of that mean with respect to every output value.
/// </summary>
public abstract class Loss
{
    /// <summary>A short name for reports.</summary>
    public abstract string Name { get; }

    /// <summary>Loss against float targets laid out like <paramref name="outputs"/> (<c>batch × width</c>).</summary>
    public abstract double Compute(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradient, int batch);

    /// <summary>Loss against one class label per row.</summary>
    public abstract double Compute(ReadOnlySpan<float> outputs, ReadOnlySpan<int> labels, Span<float> gradient, int batch);

    /// <summary>The row width, after checking that the spans hold exactly <paramref name="batch"/> rows.</summary>
    internal static int Width(ReadOnlySpan<float> outputs, int targets, bool perRow, Span<float> gradient, int batch)
    {
        if (batch <= 0 || outputs.Length == 0 || outputs.Length % batch != 0)
            throw new ArgumentException($"{outputs.Length} output values do not split into {batch} rows.", nameof(outputs));
        int width = outputs.Length / batch;
        int expected = perRow ? batch : outputs.Length;
        if (targets != expected)
            throw new ArgumentException($"Expected {expected} targets for {batch} rows of {width} outputs, got {targets}.");
        if (!gradient.IsEmpty && gradient.Length != outputs.Length)
            throw new ArgumentException($"The gradient holds {gradient.Length} values; the outputs {outputs.Length}.", nameof(gradient));
        return width;
    }

    /// <summary>The target of output <paramref name="j"/> for a row labelled <paramref name="label"/>: the label itself for a single output, else one-hot.</summary>
    internal static float LabelTarget(int label, int j, int width) => width == 1 ? label : (j == label ? 1f : 0f);

    /// <summary>Checks every class label against the row width before anything is computed.</summary>
    internal static void CheckLabels(ReadOnlySpan<int> labels, int width)
    {
        for (int row = 0; row < labels.Length; row++)
        {
            int label = labels[row];
            if ((uint)label >= (uint)Math.Max(width, 2))
                throw new ArgumentOutOfRangeException(nameof(labels), label, $"Row {row} has label {label}, outside the {Math.Max(width, 2)} classes the outputs allow.");
        }
    }
}

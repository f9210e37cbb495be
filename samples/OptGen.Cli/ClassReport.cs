using System;
using System.Collections.Generic;
using OptGen.Data;
using OptGen.Nn;
using Spectre.Console;

namespace OptGen.Cli;

/// <summary>One class's share of the test set and how much of it the model got right.</summary>
internal sealed record ClassScore(string Name, int Rows, int Correct)
{
    public double? Accuracy => Rows == 0 ? null : (double)Correct / Rows;
}

/// <summary>
/// Test accuracy per class, by the names the data gave its classes (a CSV file's string labels or scikit-learn's
/// header), so a report says which species or digit the model confuses.
/// </summary>
internal static class ClassReport
{
    /// <summary>The scores of <paramref name="model"/> on <paramref name="test"/>, or null when the classes have no names.</summary>
    public static IReadOnlyList<ClassScore>? Score(Sequential model, Dataset test)
    {
        if (test.ClassNames is not { } names || test.Labels is not { } labels)
            return null;
        var rows = new int[test.ClassCount];
        var correct = new int[test.ClassCount];
        bool wasTraining = model.Training;
        model.Training = false; // no dropout
        try
        {
            const int Chunk = 256;
            for (int start = 0; start < test.Rows; start += Chunk)
            {
                int batch = Math.Min(Chunk, test.Rows - start);
                ReadOnlySpan<float> outputs = model.Forward(test.Features.AsSpan(start * test.Columns, batch * test.Columns), batch);
                for (int r = 0; r < batch; r++)
                {
                    int label = labels[start + r];
                    rows[label]++;
                    if (ArgMax(outputs.Slice(r * model.OutputSize, model.OutputSize)) == label)
                        correct[label]++;
                }
            }
        }
        finally
        {
            model.Training = wasTraining;
        }
        var scores = new ClassScore[test.ClassCount];
        for (int c = 0; c < scores.Length; c++)
            scores[c] = new ClassScore(c < names.Length ? names[c] : c.ToString(System.Globalization.CultureInfo.InvariantCulture), rows[c], correct[c]);
        return scores;
    }

    /// <summary>A table of <paramref name="scores"/> titled with the optimizer that earned them.</summary>
    public static Table ToTable(string title, IReadOnlyList<ClassScore> scores)
    {
        var table = new Table().Title(Markup.Escape($"{title}: test accuracy per class")).AddColumns("class", "test rows", "correct", "accuracy");
        foreach (ClassScore s in scores)
            table.AddRow(Markup.Escape(s.Name), s.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Correct.ToString(System.Globalization.CultureInfo.InvariantCulture), ProgressView.Format(s.Accuracy));
        return table;
    }

    /// <summary>The index of the largest output (the first of equal ones).</summary>
    private static int ArgMax(ReadOnlySpan<float> outputs)
    {
        int best = 0;
        for (int i = 1; i < outputs.Length; i++)
        {
            if (outputs[i] > outputs[best])
                best = i;
        }
        return best;
    }
}

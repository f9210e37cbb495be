using System;
using OptGen.Nn;

namespace OptGen.Training;

/// <summary>
/// Puts an <see cref="IEvaluationWeights"/> optimizer's evaluation point (schedule-free's average <c>x</c>) into the
/// model and the training weights back: the training weights are copied aside and the copy put back, so training
/// continues bit for bit as if nothing had been evaluated. The copies are made once, up front.
/// </summary>
internal sealed class EvaluationWeightSwap(Sequential model, IEvaluationWeights source)
{
    private readonly Sequential _model = model;
    private readonly IEvaluationWeights _source = source;
    private readonly WeightCopy _saved = new(model);

    /// <summary>
    /// Keeps the training weights and writes the evaluation weights over them; false (nothing changed) when the
    /// optimizer has none yet. If writing fails part-way, the training weights are put back before the exception
    /// propagates.
    /// </summary>
    public bool SwapIn()
    {
        if (!_source.HasEvaluationWeights)
            return false;
        _saved.Save();
        try
        {
            WriteAll();
        }
        catch
        {
            SwapOut();
            throw;
        }
        return true;
    }

    /// <summary>Puts back the training weights kept by the last <see cref="SwapIn"/> that returned true.</summary>
    public void SwapOut() => _saved.Restore();

    /// <summary>Leaves the model at the evaluation weights for good (training is over); false when there are none.</summary>
    public bool MoveIn()
    {
        if (!_source.HasEvaluationWeights)
            return false;
        WriteAll();
        return true;
    }

    private void WriteAll()
    {
        ReadOnlySpan<Parameter> parameters = _model.Parameters;
        for (int k = 0; k < parameters.Length; k++)
            _source.WriteEvaluationWeights(k, parameters[k].Value);
    }
}

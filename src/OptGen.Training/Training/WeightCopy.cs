using System;
using OptGen.Nn;

namespace OptGen.Training;

/// <summary>
/// A copy of a model's weights, allocated once, taken and put back exactly: what SAM and the evaluation swap use to
/// return to the training weights bit for bit (copying back rather than undoing an update, which would round).
/// </summary>
internal sealed class WeightCopy
{
    private readonly Sequential _model;
    private readonly float[][] _saved;

    public WeightCopy(Sequential model)
    {
        _model = model;
        ReadOnlySpan<Parameter> parameters = model.Parameters;
        _saved = new float[parameters.Length][];
        for (int k = 0; k < _saved.Length; k++)
            _saved[k] = new float[parameters[k].Length];
    }

    /// <summary>Copies the model's weights aside.</summary>
    public void Save()
    {
        ReadOnlySpan<Parameter> parameters = _model.Parameters;
        for (int k = 0; k < parameters.Length; k++)
            parameters[k].Value.CopyTo(_saved[k]);
    }

    /// <summary>Puts back the weights copied by the last <see cref="Save"/>.</summary>
    public void Restore()
    {
        ReadOnlySpan<Parameter> parameters = _model.Parameters;
        for (int k = 0; k < parameters.Length; k++)
            _saved[k].AsSpan().CopyTo(parameters[k].Value);
    }
}

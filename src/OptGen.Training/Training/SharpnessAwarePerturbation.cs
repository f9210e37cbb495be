using System;
using OptGen.Nn;

namespace OptGen.Training;

/// <summary>
/// Moves a model's weights to the SAM point <c>w + e</c> and back. The weights are copied before the move and the
/// copy is put back (not <c>e</c> subtracted), so they return bit for bit. The copies are made once, up front, so a
/// step allocates nothing. The norm is summed in double precision, tensor by tensor and element by element in order,
/// so it does not depend on vector width or core count.
/// </summary>
internal sealed class SharpnessAwarePerturbation(Sequential model, SamOptions options)
{
    // davda54/sam divides by (‖g‖ + 1e-12); kept so results match the reference.
    private const double NormEpsilon = 1e-12;

    private readonly Sequential _model = model;
    private readonly SamOptions _options = options;
    private readonly WeightCopy _saved = new(model);

    /// <summary>
    /// Saves the weights and adds <c>e</c> computed from the gradients in <see cref="Parameter.Grad"/>. Returns false
    /// (and changes nothing) when the gradient norm is zero or not finite: there is no direction to move in.
    /// </summary>
    public bool Perturb()
    {
        ReadOnlySpan<Parameter> parameters = _model.Parameters;
        bool adaptive = _options.Adaptive;
        double sum = 0;
        foreach (Parameter p in parameters)
        {
            ReadOnlySpan<float> w = p.Value, g = p.Grad;
            for (int i = 0; i < g.Length; i++)
            {
                double scaled = adaptive ? Math.Abs((double)w[i]) * g[i] : g[i];
                sum += scaled * scaled;
            }
        }
        double norm = Math.Sqrt(sum);
        if (!(norm > 0) || !double.IsFinite(norm))
            return false;
        double scale = _options.Rho / (norm + NormEpsilon);
        _saved.Save();
        for (int k = 0; k < parameters.Length; k++)
        {
            Span<float> w = parameters[k].Value;
            ReadOnlySpan<float> g = parameters[k].Grad;
            for (int i = 0; i < w.Length; i++)
            {
                double factor = adaptive ? (double)w[i] * w[i] : 1.0;
                w[i] = (float)(w[i] + factor * g[i] * scale);
            }
        }
        return true;
    }

    /// <summary>Puts back the weights saved by the last <see cref="Perturb"/> that returned true.</summary>
    public void Restore() => _saved.Restore();
}

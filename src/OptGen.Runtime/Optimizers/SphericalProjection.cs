namespace OptGen.Optimizers;

/// <summary>
/// The projection <see cref="AdamP"/> and <see cref="SgdP"/> share (timm <c>adamp.projection</c>, its spherical caution
/// included), written once as formulas their updates splice in. It reads <c>perturb</c> (the step before projection),
/// <c>g</c>, <c>w</c> and the hyperparameters <c>Eps</c>, <c>Delta</c> and <c>Caution</c> (with <c>WdRatio</c>), and
/// sets <c>u</c> (the step) and <c>ratio</c> (the factor of the weight decay). Seen as channels (rows: the first
/// dimension, columns: the rest; <c>View = TensorView.Channels</c>), a tensor of rank ≥ 2 whose largest per-channel
/// |cos(g, w)| is below <c>Delta / √cols</c> loses each channel's component of the step along its own weights; else,
/// if the whole tensor's |cos| is below <c>Delta / √n</c>, the tensor's component; a projected tensor's decay is scaled
/// by <c>WdRatio</c>. With <c>Caution</c> the step is kept only where it agrees in sign with the gradient (a projected
/// tensor's: with the gradient's part orthogonal to the weights, then projected again), divided by the share kept (at
/// least 1e-3). Rank-1 tensors are not projected.
/// </summary>
internal static class SphericalProjection
{
    /// <summary>The statements, from <c>perturb</c> to <c>u</c> and <c>ratio</c> (a line break before and after them).</summary>
    public const string Formulas = """

        if rank >= 2
            channelCos = abs(row_dot(g, w)) / (max(row_norm(g), Eps) * max(row_norm(w), Eps))
            byChannel = mat_max(channelCos) < Delta / sqrt(cols)
            layerCos = abs(mat_dot(g, w)) / (max(mat_norm(g), Eps) * max(mat_norm(w), Eps))
            byLayer = layerCos < Delta / sqrt(n)
            channelUnit = w / (row_norm(w) + Eps)
            layerUnit = w / (mat_norm(w) + Eps)
            projected = byChannel ? perturb - channelUnit * row_sum(channelUnit * perturb) : (byLayer ? perturb - layerUnit * mat_sum(layerUnit * perturb) : perturb)
            gPerp = byChannel ? g - channelUnit * row_sum(channelUnit * g) : (byLayer ? g - layerUnit * mat_sum(layerUnit * g) : g)
            kept = projected * gPerp > 0 ? 1 : 0
            masked = projected * kept / max(mean(kept), 1e-3)
            u = Caution ? (byChannel ? masked - channelUnit * row_sum(channelUnit * masked) : (byLayer ? masked - layerUnit * mat_sum(layerUnit * masked) : masked)) : projected
            ratio = byChannel || byLayer ? WdRatio : 1
        else
            kept = perturb * g > 0 ? 1 : 0
            u = Caution ? perturb * kept / max(mean(kept), 1e-3) : perturb
            ratio = 1
        end

        """;
}

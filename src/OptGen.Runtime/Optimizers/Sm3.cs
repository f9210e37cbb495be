namespace OptGen.Optimizers;

/// <summary>
/// SM3 (Anil et al. 2019), as <c>optax.sm3</c> (Optax 0.2.8: <c>scale_by_sm3(momentum)</c>, then <c>−lr</c>): an
/// Adagrad-like accumulator kept per index of each dimension (a cover of the tensor) instead of per element. Each step
/// an element's sum of squares is <c>g² + min</c> of its indices' accumulators (with <see cref="Beta2"/> ≠ 1,
/// <c>(1 − β2) g² + β2 min</c>); each accumulator becomes the largest such sum over the elements it covers; the
/// update <c>g / √(sum + ε)</c> (0 where the sum is 0) is averaged into <c>nu</c> with <see cref="Momentum"/>. A
/// rank-1 tensor keeps a sum per element; rank 2 one per row and one per column; rank 3 one per index of each of its
/// three dimensions, exactly as Optax. For rank ≥ 4 the leading dimensions share one accumulator per combination of
/// their indices (see docs/library.md).
/// </summary>
[Optimizer(LearningRate = 3e-3)]
[State("muLead", Shape = StateShape.Matrix), State("muRow", Shape = StateShape.RowIndex), State("muCol", Shape = StateShape.ColumnIndex)]
[State("mu"), State("nu")]
[Update("""
    c0 = Beta2 == 1 ? 1 : 1 - Beta2
    if rank >= 3
        s = c0 * g * g + Beta2 * min(muLead, min(muRow, muCol))
        muLead = mat_max(s)
        muRow = stack_max(row_max(s))
        muCol = stack_max(col_max(s))
    else if rank == 2
        s = c0 * g * g + Beta2 * min(muRow, muCol)
        muRow = stack_max(row_max(s))
        muCol = stack_max(col_max(s))
    else
        s = c0 * g * g + Beta2 * mu
        mu = s
    end
    nu = Momentum * nu + (1 - Momentum) * (s > 0 ? g / sqrt(s + Eps) : 0)
    w -= lr * nu
    """)]
public sealed partial class Sm3
{
    /// <summary>Decay of the average of the scaled updates, <c>nu</c> (Optax <c>momentum</c>, <c>b1</c> of <c>scale_by_sm3</c>; default 0.9).</summary>
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Momentum { get; set; }

    /// <summary>
    /// Weight of the accumulators against the new squares (Optax <c>b2</c> of <c>scale_by_sm3</c>, default 1, which
    /// <c>optax.sm3</c> always uses: then both weights are 1 and the sums only grow, as in the paper).
    /// </summary>
    [Hyperparameter(1, Min = 0, Max = 1)] public partial float Beta2 { get; set; }

    /// <summary>Added to the sum under the square root (Optax <c>eps</c> of <c>scale_by_sm3</c>, default 1e-8).</summary>
    [Hyperparameter(1e-8, Min = 0)] public partial float Eps { get; set; }
}

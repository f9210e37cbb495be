using System.Globalization;

namespace OptGen.Generator.Tests.Reliability;

/// <summary>
/// The transform attributes (dsl.md §9) a random update of <see cref="ReferenceSemanticsTests"/> may carry, written as
/// attributes for the generator and applied plainly around <see cref="ReferenceEvaluation"/> by what the table of §9
/// says each does, in its order: the generator inlines them as statements of the update, which the planner then
/// fuses, moves and cuts into passes like the update's own.
/// </summary>
internal static class ReferenceTransforms
{
    [Flags]
    public enum TransformSet
    {
        None = 0,
        SkipNonFinite = 1,
        AccumulateGradients = 2,
        ClipGradientValue = 4,
        ClipGradientNorm = 8,
        L2Penalty = 16,
        DecoupledWeightDecay = 32,
        ClipWeights = 64,
        WeightEma = 128,
    }

    // Settings that act on these tensors: gradients are about 0.3 w (|w| ≤ 0.5 at first), so a clip at 0.1 and a norm
    // of 0.5 cut some; the decay is large enough to see at lr 0.01; the weight clip cuts the largest weights.
    public const int MicroBatches = 2;
    private const float ClipValue = 0.1f, MaxNorm = 0.5f, L2 = 0.05f, Decay = 5f, WeightClip = 0.45f, EmaDecay = 0.8f;

    /// <summary>Each transform with probability one in four.</summary>
    public static TransformSet Pick(Random random)
    {
        TransformSet picked = TransformSet.None;
        foreach (TransformSet one in Enum.GetValues<TransformSet>().Where(t => t != TransformSet.None))
            picked |= random.Next(4) == 0 ? one : TransformSet.None;
        return picked;
    }

    /// <summary>The attribute list (without brackets), or null for none; the order is not theirs to choose (§9).</summary>
    public static string? Attributes(TransformSet transforms)
    {
        string F(float value) => value.ToString("R", CultureInfo.InvariantCulture);
        var list = new List<string>();
        void Add(TransformSet one, string attribute)
        {
            if (transforms.HasFlag(one))
                list.Add(attribute);
        }
        // Written in the reverse of their order: the generator orders them.
        Add(TransformSet.WeightEma, $"WeightEma({F(EmaDecay)})");
        Add(TransformSet.ClipWeights, $"ClipWeights({F(WeightClip)})");
        Add(TransformSet.DecoupledWeightDecay, $"DecoupledWeightDecay({F(Decay)})");
        Add(TransformSet.L2Penalty, $"L2Penalty({F(L2)})");
        Add(TransformSet.ClipGradientNorm, $"ClipGradientNorm({F(MaxNorm)})");
        Add(TransformSet.ClipGradientValue, $"ClipGradientValue({F(ClipValue)})");
        Add(TransformSet.AccumulateGradients, $"AccumulateGradients({MicroBatches})");
        Add(TransformSet.SkipNonFinite, "SkipNonFinite");
        return list.Count == 0 ? null : string.Join(", ", list);
    }

    /// <summary>
    /// The gradient transforms, in order, on each tensor's <c>g</c> (already the mean of the micro-batches) and, for
    /// the decay, its <c>w</c>. (Skipping a non-finite step is the caller's: nothing runs.)
    /// </summary>
    public static void Before(TransformSet transforms, ReferenceEvaluation.Tensor[] tensors, float lr)
    {
        if (transforms.HasFlag(TransformSet.ClipGradientValue))
            Map(tensors, "g", (x, i) => Math.Clamp(x.Arrays["g"][i], -ClipValue, ClipValue));
        if (transforms.HasFlag(TransformSet.ClipGradientNorm))
        {
            // One norm over every tensor of the step (squares in float, summed in double), a per-step factor.
            double squares = tensors.Sum(x => x.Arrays["g"].Sum(v => (double)(v * v)));
            float factor = (float)Math.Min(1, MaxNorm / (Math.Sqrt(squares) + 1e-6));
            Map(tensors, "g", (x, i) => x.Arrays["g"][i] * factor);
        }
        if (transforms.HasFlag(TransformSet.L2Penalty))
            Map(tensors, "g", (x, i) => x.Arrays["g"][i] + L2 * x.Arrays["w"][i]);
        if (transforms.HasFlag(TransformSet.DecoupledWeightDecay))
        {
            float keep = (float)(1 - (double)lr * Decay);
            Map(tensors, "w", (x, i) => x.Arrays["w"][i] * keep);
        }
    }

    /// <summary>
    /// The weight transforms, in order, after the update of step <paramref name="t"/>: the clip, then the average
    /// (<see cref="Ema"/>), which starts as the first step's weights.
    /// </summary>
    public static void After(TransformSet transforms, ReferenceEvaluation.Tensor[] tensors, long t)
    {
        if (transforms.HasFlag(TransformSet.ClipWeights))
            Map(tensors, "w", (x, i) => Math.Clamp(x.Arrays["w"][i], -WeightClip, WeightClip));
        if (transforms.HasFlag(TransformSet.WeightEma))
        {
            float rest = (float)(1 - (double)EmaDecay);
            foreach (ReferenceEvaluation.Tensor x in tensors)
            {
                float[] w = x.Arrays["w"], ema = Ema(x);
                for (int i = 0; i < w.Length; i++)
                    ema[i] = t == 1 ? w[i] : EmaDecay * ema[i] + rest * w[i];
            }
        }
    }

    /// <summary>A tensor's weight average ([WeightEma]); not a name an update reads.</summary>
    public static float[] Ema(ReferenceEvaluation.Tensor x)
    {
        if (!x.Arrays.TryGetValue(EmaArray, out float[]? ema))
            x.Arrays[EmaArray] = ema = new float[x.Length];
        return ema;
    }

    private const string EmaArray = "ema (transform)";

    // Each tensor's array 'name' set element by element, from the values before.
    private static void Map(ReferenceEvaluation.Tensor[] tensors, string name, Func<ReferenceEvaluation.Tensor, int, float> value)
    {
        foreach (ReferenceEvaluation.Tensor x in tensors)
        {
            var result = new float[x.Length];
            for (int i = 0; i < result.Length; i++)
                result[i] = value(x, i);
            x.Arrays[name] = result;
        }
    }
}

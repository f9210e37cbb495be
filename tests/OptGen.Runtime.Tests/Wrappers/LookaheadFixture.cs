namespace OptGen.Runtime.Tests.Wrappers;

/// <summary>Tensors of ranks 1 to 3 and gradients that depend on the weights, computed in float64 for the reference too.</summary>
internal static class LookaheadFixture
{
    public static readonly (string Name, int[] Shape)[] Layout =
        [("dense0.weight", [6, 5]), ("dense0.bias", [6]), ("dense1.weight", [3, 6]), ("conv.kernel", [2, 3, 4]), ("gain", [1])];

    public static Parameter[] Tensors()
    {
        var tensors = new Parameter[Layout.Length];
        for (int t = 0; t < tensors.Length; t++)
        {
            var p = new Parameter(Layout[t].Shape, Layout[t].Name);
            for (int i = 0; i < p.Length; i++)
                p.Value[i] = (float)InitialValue(t, i);
            tensors[t] = p;
        }
        return tensors;
    }

    public static double InitialValue(int tensor, int i) => Math.Sin(0.7 * i + tensor) * 0.5;

    /// <summary>
    /// The gradient of element <paramref name="i"/> of tensor <paramref name="tensor"/> at step <paramref name="step"/>
    /// (0-based) and weight <paramref name="w"/>: noise plus a pull towards a target away from 0, so that relative errors
    /// measure the update and not a cancellation near 0.
    /// </summary>
    public static double Gradient(int step, int tensor, int i, double w) =>
        Math.Cos(0.37 * i + 1.3 * step + 2.1 * tensor) + 0.3 * (w - (1 + 0.5 * Math.Sin(1.1 * i + tensor)));

    public static void SetGradients(Parameter[] tensors, int step)
    {
        for (int t = 0; t < tensors.Length; t++)
        {
            for (int i = 0; i < tensors[t].Length; i++)
                tensors[t].Grad[i] = (float)Gradient(step, t, i, tensors[t].Value[i]);
        }
    }

    public static void Run(IOptimizer optimizer, Parameter[] tensors, int steps, int from = 0)
    {
        for (int s = from; s < from + steps; s++)
        {
            SetGradients(tensors, s);
            optimizer.Step(tensors);
        }
    }

    public static float[][] Snapshot(Parameter[] tensors) => Array.ConvertAll(tensors, p => p.Value.ToArray());

    public static void AssertSameBits(Parameter[] expected, Parameter[] actual)
    {
        for (int t = 0; t < expected.Length; t++)
        {
            for (int i = 0; i < expected[t].Length; i++)
            {
                if (BitConverter.SingleToInt32Bits(expected[t].Value[i]) != BitConverter.SingleToInt32Bits(actual[t].Value[i]))
                    Assert.Fail($"{expected[t].Name}[{i}]: {expected[t].Value[i]:R} != {actual[t].Value[i]:R}");
            }
        }
    }

    public static byte[] Save(Parameter[] tensors, IOptimizer optimizer)
    {
        var stream = new MemoryStream();
        Checkpoint.Save(stream, tensors, optimizer);
        return stream.ToArray();
    }
}

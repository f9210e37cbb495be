namespace OptGen.Generator.Tests.Emitting;

/// <summary>
/// <c>newton_schulz</c> reads its matrix where it lives — the gradient, the weights, a state, a bfloat16 state — and
/// gives the bits it gives from a float copy of it. Found by <c>ReferenceSemanticsTests</c>: of <c>g</c> or <c>w</c> in a
/// phase run tensor by tensor the generated code named a variable that is not there (<c>parameters</c>, CS0103); of a
/// bfloat16 state it read the state's memory as floats (nonsense, and past the end of its array).
/// </summary>
public class MatrixOpInputTests
{
    private const string Orthogonalise = "3.4445, -4.775, 2.0315, 2, 1e-7";

    public static readonly TheoryData<string, string, string> Inputs = new()
    {
        // states, the update reading the input where it lives, the same reading a float copy of it
        { """[State("v")]""", $"v = g * g\nw -= lr * (newton_schulz(g, {Orthogonalise}) + v)", $"v = g * g\ncopy = g + 0\nw -= lr * (newton_schulz(copy, {Orthogonalise}) + v)" },
        { """[State("v")]""", $"v = g * g\nw -= lr * (newton_schulz(w, {Orthogonalise}) + v)", $"v = g * g\ncopy = w + 0\nw -= lr * (newton_schulz(copy, {Orthogonalise}) + v)" },
        { """[State("m", Storage = StateStorage.BFloat16)]""", $"m = 0.5 * m + g\nw -= lr * newton_schulz(m, {Orthogonalise})", $"m = 0.5 * m + g\ncopy = m + 0\nw -= lr * newton_schulz(copy, {Orthogonalise})" },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void ReadsItsInputWhereItLives(string states, string update, string fromCopy)
    {
        float[] direct = Step(states, update), copied = Step(states, fromCopy);
        Assert.Equal(copied, direct);
    }

    // Two steps of the update on a [6, 10] and a [9, 4] tensor (the latter transposed), from gradients whose values a
    // bfloat16 holds exactly (so that the state holds them exactly too); the weights after.
    private static float[] Step(string states, string update)
    {
        IOptimizer optimizer = EmittedOptimizer.Create(states, update);
        Parameter[] parameters = [new Parameter([6, 10]), new Parameter([9, 4])];
        for (int step = 0; step < 2; step++)
        {
            foreach (Parameter p in parameters)
            {
                for (int i = 0; i < p.Length; i++)
                {
                    p.Value[i] = step == 0 ? (i % 7 - 3) / 8f : p.Value[i];
                    p.Grad[i] = ((i * 5 + step) % 11 - 5) / 16f;
                }
            }
            optimizer.Step(parameters);
        }
        return [.. parameters.SelectMany(p => p.Value.ToArray())];
    }
}

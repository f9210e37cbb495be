namespace OptGen.Generator.Tests.Emitting;

/// <summary>
/// Which phases run as a program per tensor (<c>Kernels.RunTensorPrograms</c>, short tensors in groups on several
/// cores): per-tensor work between passes, per-row and per-column values and matrix built-ins included (the program
/// then tells the driver it keeps buffers per thread: column partials, a workspace, packing); not a reduction over every
/// tensor, and not a single element pass (which runs with its tensors side by side as one kernel).
/// </summary>
public class TensorProgramsTests
{
    private static string Generate(string update, string states = "[State(\"m\"), State(\"r\", Shape = StateShape.Row), State(\"c\", Shape = StateShape.Column)]") =>
        EmittedOptimizer.Generate(states, update);

    [Theory]
    [InlineData("a = norm(w)\nu = g / (a + 1)\nw -= lr * u / (norm(u) + 1)", "Kernels.RunTensorPrograms(ref phase0, tensors);")] // LAMB's shape
    [InlineData("if rank >= 2\nr = 0.9 * r + 0.1 * row_mean(g * g)\nc = 0.9 * c + 0.1 * col_mean(g * g)\nw -= lr * g / sqrt(r * c / mat_mean(r) + 1e-30)\nelse\nm = 0.9 * m + 0.1 * g * g\nw -= lr * g / sqrt(m + 1e-30)\nend",
        "Kernels.RunTensorPrograms(ref phase0, tensors, perThreadBuffers: true);")] // Adafactor's shape
    [InlineData("u = g - row_mean(g)\nw -= lr * u / (norm(u) + 1)", "Kernels.RunTensorPrograms(ref phase0, tensors, perThreadBuffers: true);")]
    public void PerTensorWorkBetweenPassesRunsAsAProgram(string update, string call) =>
        Assert.Contains(call, Generate(update), StringComparison.Ordinal);

    [Theory]
    [InlineData("w -= lr * g / (global_norm(g) + 1)")] // a reduction over every tensor
    [InlineData("m = 0.9 * m + g\nw -= lr * m")] // one element pass: its tensors run together as one kernel
    public void OtherPhasesDoNotRunAsPrograms(string update) =>
        Assert.DoesNotContain("RunTensorPrograms", Generate(update), StringComparison.Ordinal);

    [Fact]
    public void AMatrixBuiltInRunsAsAProgramWithBuffersPerThread() =>
        Assert.Contains("Kernels.RunTensorPrograms(ref phase0, tensors, perThreadBuffers: true);",
            Generate("m = 0.9 * m + g\nif rank >= 2\nw -= lr * newton_schulz(m, 3.4445, -4.775, 2.0315, 5, 1e-7)\nelse\nw -= lr * m\nend"),
            StringComparison.Ordinal);
}

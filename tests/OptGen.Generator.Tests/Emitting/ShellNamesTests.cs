using OptGen.Testing;

namespace OptGen.Generator.Tests.Emitting;

/// <summary>
/// The shell of a class with errors gets <c>Loss</c> (and <c>ILossAware</c>) and <c>Seed</c> when its formulas name
/// <c>loss</c> or a draw: the names are read from the formulas' tokens, so a broken statement counts and a longer name
/// that merely contains one does not.
/// </summary>
public class ShellNamesTests
{
    private static string Shell(string update)
    {
        string source = $$""""
            using OptGen;

            [Optimizer]
            [Update("""
                {{update}}
                """)]
            public partial class Broken { }
            """";
        GeneratorOutput output = GeneratorHarness.Run(source);
        Assert.Contains(output.GeneratorDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.Contains("it cannot compute", output.Single, StringComparison.Ordinal);
        return output.Single;
    }

    // A broken statement (a parenthesis left open) still names loss and uniform; lossy and normality name neither.
    [Theory]
    [InlineData("w -= lr * (loss * uniform() * g", true)]
    [InlineData("w -= lr * lossy * normality * g", false)]
    public void TheShellHasLossAndSeedExactlyWhenTheFormulasNameLossAndADraw(string update, bool named)
    {
        string shell = Shell(update);
        Assert.Equal(named, shell.Contains("OptGen::ILossAware", StringComparison.Ordinal));
        Assert.Equal(named, shell.Contains("public double Loss { get; set; }", StringComparison.Ordinal));
        Assert.Equal(named, shell.Contains("public ulong Seed { get; set; }", StringComparison.Ordinal));
    }
}

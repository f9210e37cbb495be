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

    [Fact]
    public void A_statement_with_a_syntax_error_still_gives_the_shell_its_loss_and_seed()
    {
        string shell = Shell("w -= lr * (loss * uniform() * g");
        Assert.Contains("global::OptGen.ILossAware", shell, StringComparison.Ordinal);
        Assert.Contains("public double Loss { get; set; }", shell, StringComparison.Ordinal);
        Assert.Contains("public ulong Seed { get; set; }", shell, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_that_only_contains_loss_or_normal_adds_nothing()
    {
        string shell = Shell("w -= lr * lossy * normality * g");
        Assert.DoesNotContain("ILossAware", shell, StringComparison.Ordinal);
        Assert.DoesNotContain(" Loss ", shell, StringComparison.Ordinal);
        Assert.DoesNotContain(" Seed ", shell, StringComparison.Ordinal);
    }
}

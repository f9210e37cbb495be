using System.Threading;
using OptGen.Generator.Model;
using OptGen.Generator.Parsing;
using OptGen.Testing;

namespace OptGen.Generator.Tests;

public class CancellationTests
{
    [Fact]
    public void Driver_with_a_cancelled_token_throws_OperationCanceledException()
    {
        var compilation = GeneratorHarness.CreateCompilation(Samples.Adam);
        Exception e = Record.Exception(() => GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out _, out _, new CancellationToken(canceled: true)));
        Assert.IsAssignableFrom<OperationCanceledException>(e);
    }

    [Fact]
    public void Formula_compiler_with_a_cancelled_token_throws_OperationCanceledException()
    {
        var spec = new ClassSpec(null, "Opt", false, 1e-3, EquatableArray<HyperparameterSpec>.Empty, EquatableArray<StateSpec>.Empty,
            new[] { new FormulaText("w -= lr * g", null, EquatableArray<PositionSegment>.Empty) }.ToEquatableArray(), null, EquatableArray<DiagnosticInfo>.Empty);
        Assert.NotNull(FormulaCompiler.Compile(spec, CancellationToken.None).Source);
        Exception e = Record.Exception(() => FormulaCompiler.Compile(spec, new CancellationToken(canceled: true)));
        Assert.IsAssignableFrom<OperationCanceledException>(e);
    }

    [Fact]
    public void Parser_of_a_long_formula_observes_cancellation()
    {
        string text = "w -= " + string.Join(" + ", Enumerable.Repeat("g", 5000));
        Exception e = Record.Exception(() => Parser.ParseStatements(text, 0, new List<SyntaxError>(), new CancellationToken(canceled: true)));
        Assert.IsAssignableFrom<OperationCanceledException>(e);
    }
}

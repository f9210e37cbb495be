using System.Threading;
using OptGen.Generator.Model;
using OptGen.Generator.Parsing;
using OptGen.Testing;

namespace OptGen.Generator.Tests;

public class CancellationTests
{
    [Fact]
    public void DriverWithACancelledTokenThrowsOperationCanceledException()
    {
        var compilation = GeneratorHarness.CreateCompilation(Samples.Adam);
        Exception e = Record.Exception(() => GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out _, out _, new CancellationToken(canceled: true)));
        Assert.IsAssignableFrom<OperationCanceledException>(e);
    }

    [Fact]
    public void FormulaCompilerWithACancelledTokenThrowsOperationCanceledException()
    {
        var spec = new ClassSpec(null, "Opt", false, 1e-3, EquatableArray<HyperparameterSpec>.Empty, EquatableArray<StateSpec>.Empty,
            new[] { new FormulaText("w -= lr * g", null, EquatableArray<PositionSegment>.Empty) }.ToEquatableArray(), null, EquatableArray<DiagnosticInfo>.Empty);
        Assert.NotNull(FormulaCompiler.Compile(spec, CancellationToken.None).Source);
        Exception e = Record.Exception(() => FormulaCompiler.Compile(spec, new CancellationToken(canceled: true)));
        Assert.IsAssignableFrom<OperationCanceledException>(e);
    }

    [Fact]
    public void ParserOfALongFormulaObservesCancellation()
    {
        string text = "w -= " + string.Join(" + ", Enumerable.Repeat("g", 5000));
        Exception e = Record.Exception(() => Parser.ParseStatements(text, 0, new List<SyntaxError>(), new CancellationToken(canceled: true)));
        Assert.IsAssignableFrom<OperationCanceledException>(e);
    }
}

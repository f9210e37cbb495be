using System.Threading;
using Microsoft.CodeAnalysis;
using OptGen.Testing;

namespace OptGen.Generator.Tests.Reliability;

/// <summary>Hostile nesting is an OPTG diagnostic, never a stack overflow (run in-process on a normal 1.5 MB test thread).</summary>
public sealed class DeepNestingTests
{
    private const int Depth = 10_000;

    // Runs on a thread with a small stack, so that a recursion that is not bounded would overflow here too.
    private static GeneratorOutput OnSmallStack(string source)
    {
        GeneratorOutput? run = null;
        System.Exception? error = null; // the harness throws if the generator does: bring it to the test thread
        var thread = new Thread(() =>
        {
            try
            {
                run = GeneratorRuns.Generate(source);
            }
            catch (System.Exception e)
            {
                error = e;
            }
        }, 1024 * 1024);
        thread.Start();
        thread.Join();
        return error is null ? run! : throw new System.InvalidOperationException("the generator run failed", error);
    }

    private static void AssertDiagnosed(string rhs, string id)
    {
        GeneratorOutput run = OnSmallStack(Sources.Optimizer(Sources.Update(rhs)));
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == id);
        Assert.False(run.Implemented());
    }

    [Fact]
    public void TenThousandParentheses() => AssertDiagnosed(Sources.Repeat("(", Depth) + "g" + Sources.Repeat(")", Depth), "OPTG0018");

    [Fact]
    public void TenThousandUnaryMinusSigns() => AssertDiagnosed(Sources.Repeat("-", Depth) + "g", "OPTG0018");

    [Fact]
    public void TenThousandDeepConditionalChain() => AssertDiagnosed(Sources.Repeat("g > 0 ? 1 : ", Depth) + "g", "OPTG0018");

    [Fact]
    public void TenThousandNestedCalls() => AssertDiagnosed(Sources.Repeat("sqrt(", Depth) + "g" + Sources.Repeat(")", Depth), "OPTG0018");

    [Fact]
    public void TenThousandPowers() => AssertDiagnosed(Sources.Repeat("g ^ ", Depth) + "g", "OPTG0018");

    // A long flat chain is not nesting in the source, but it is a left-deep tree that binding, planning and emitting
    // walk recursively: 10,000 terms overflowed the stack in Binder.Bind (and took the compiler down with it).
    [Theory]
    [InlineData("+")]
    [InlineData("*")]
    [InlineData("-")]
    [InlineData("&&")]
    public void TenThousandTermChain(string op) =>
        AssertDiagnosed(op == "&&" ? "(" + string.Join(" && ", Enumerable.Repeat("g > 0", Depth)) + " ? 1 : 0)" : string.Join($" {op} ", Enumerable.Repeat("g", Depth)), "OPTG0018");

    // Up to the cap, a chain is an ordinary formula: it compiles cleanly.
    [Fact]
    public void ALongChainBelowTheCapCompiles()
    {
        GeneratorOutput run = OnSmallStack(Sources.Optimizer(Sources.Update(string.Join(" + ", Enumerable.Repeat("g", 150)))));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(run.CompileDiagnostics());
    }
}

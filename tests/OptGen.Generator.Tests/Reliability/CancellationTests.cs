using System.Diagnostics;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace OptGen.Generator.Tests.Reliability;

/// <summary>The generator honours cancellation: the driver throws OperationCanceledException, promptly.</summary>
public sealed class CancellationTests(ITestOutputHelper output)
{
    private static string Huge(int statements, string statement)
    {
        var sb = new StringBuilder("m = g\n");
        for (int i = 0; i < statements; i++)
            sb.Append(statement.Replace("#", i.ToString())).Append('\n');
        sb.Append("w -= lr * m");
        return Sources.Optimizer(Sources.Literal(sb.ToString()));
    }

    [Fact]
    public void ACancelledTokenMakesTheDriverThrow()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => GeneratorRuns.Generate(Sources.Optimizer(Sources.Update("g")), cts.Token));
    }

    [Theory]
    [InlineData("x# = g * 2")]           // many locals: binding and planning
    [InlineData("m = m * 0.5 + g")]      // one state rebound 100k times
    [InlineData("w = w - lr * g")]       // 4 tokens a statement
    public void AHundredThousandStatementsAreInterruptedPromptly(string statement)
    {
        string source = Huge(100_000, statement);
        SyntaxTree tree = CSharpSyntaxTree.ParseText(source, GeneratorRuns.ParseOptions, GeneratorRuns.InputPath);
        GeneratorRuns.Generate(Sources.Optimizer(Sources.Update("g"))); // warm up the driver

        // The run is on its own thread and the test thread cancels directly: a CancellationTokenSource timer could be
        // delayed by a busy thread pool, which is not what is measured here.
        using var cts = new CancellationTokenSource();
        Exception? e = null;
        using var done = new ManualResetEventSlim();
        var worker = new Thread(() =>
        {
            try
            {
                GeneratorRuns.Generate(tree, cts.Token);
            }
            catch (Exception x)
            {
                e = x;
            }
            finally
            {
                done.Set();
            }
        });
        var clock = Stopwatch.StartNew();
        worker.Start();
        bool finishedFirst = done.Wait(300);
        cts.Cancel();
        TimeSpan cancelledAt = clock.Elapsed;
        done.Wait();
        TimeSpan late = clock.Elapsed - cancelledAt;
        output.WriteLine($"'{statement}' x 100,000: {(e is null ? "finished" : "cancelled")} after {clock.ElapsedMilliseconds} ms ({late.TotalMilliseconds:F0} ms after the cancellation)");
        Assert.False(finishedFirst, "the run finished before it was cancelled: nothing was tested");
        Assert.IsAssignableFrom<OperationCanceledException>(e);
        // Generous for a shared 2-core machine: the point is "not after the whole run", which takes over 10 s here.
        Assert.True(late < TimeSpan.FromSeconds(3), $"cancellation took effect {late.TotalMilliseconds:F0} ms late");
    }
}

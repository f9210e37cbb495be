using System.Diagnostics;
using System.Threading;
using Xunit.Abstractions;

namespace OptGen.Runtime.Tests.Reliability;

/// <summary>
/// Two threads released together by a barrier call Step on one optimizer, many times. A call that overlaps another is
/// detected (InvalidOperationException) and changes nothing; whichever call wins completes correctly: at the end the
/// weights and state are bit-identical to stepping a twin, on one thread, once per successful call.
/// </summary>
// In the one non-parallel collection: its steps are split across the process-wide ParallelRunner workers, whose
// allocation counts other tests measure (tests/README.md).
[Collection(SimdPolicyCollection.Name)]
public sealed class ConcurrencyTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("Adam")]
    [InlineData("ManyStates")]
    public void ConcurrentStepsAreDetectedAndNeverCorrupt(string name)
    {
        Func<IOptimizer> create = name == "Adam" ? () => new Adam() : () => new ManyStates();
        const int n = 1 << 18; // a step long enough (~0.1 ms) for the two calls to overlap often
        Parameter Make()
        {
            var p = new Parameter(n);
            for (int i = 0; i < n; i++)
            {
                p.Value[i] = MathF.Sin(i);
                p.Grad[i] = MathF.Cos(i * 0.37f);
            }
            return p;
        }
        Parameter[] ps = [Make(), new Parameter([1f, 2f, 3f], [0.1f, -0.2f, 0.3f])];
        IOptimizer opt = create();
        int successes = 0, collisions = 0, iterations = 0;
        using var barrier = new Barrier(2);
        Exception? unexpected = null;
        var clock = Stopwatch.StartNew();
        bool stop = false;

        void Worker()
        {
            while (true)
            {
                barrier.SignalAndWait();
                if (Volatile.Read(ref stop))
                    return;
                try
                {
                    opt.Step(ps);
                    Interlocked.Increment(ref successes);
                }
                catch (InvalidOperationException e) when (e.Message.Contains("not thread-safe", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref collisions);
                }
                catch (Exception e)
                {
                    unexpected ??= e;
                }
                barrier.SignalAndWait();
                if (Thread.CurrentThread.Name == "first")
                {
                    iterations++;
                    // Stop after 200 rounds with at least 10 collisions seen, or after 1,500 rounds / 10 s.
                    Volatile.Write(ref stop, (iterations >= 200 && collisions >= 10) || iterations >= 1500 || clock.Elapsed.TotalSeconds > 10);
                }
            }
        }

        var first = new Thread(Worker) { Name = "first" };
        var second = new Thread(Worker) { Name = "second" };
        first.Start();
        second.Start();
        first.Join();
        second.Join();
        output.WriteLine($"{name}: {iterations} rounds, {successes} steps, {collisions} collisions detected, {clock.Elapsed.TotalSeconds:F1} s");

        Assert.Null(unexpected);
        Assert.Equal(2 * iterations, successes + collisions);
        Assert.True(collisions > 0, "the two threads never overlapped, so nothing was tested");
        Assert.Equal(successes, opt.StepCount);

        Parameter[] twinPs = [Make(), new Parameter([1f, 2f, 3f], [0.1f, -0.2f, 0.3f])];
        IOptimizer twin = create();
        for (int i = 0; i < successes; i++)
            twin.Step(twinPs);
        OptimizerSnapshot.Take(twin, twinPs).AssertSame(OptimizerSnapshot.Take(opt, ps), "after the concurrent steps");
    }
}

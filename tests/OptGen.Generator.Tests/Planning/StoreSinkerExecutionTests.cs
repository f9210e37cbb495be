using System.Threading;
using CsCheck;
using OptGen.Generator.Planning;
using OptGen.TestSupport;

namespace OptGen.Generator.Tests.Planning;

/// <summary>
/// Moving a write of the weights to the later pass that next reads them changes which loop computes it, never its
/// bits: each update below is generated with and without <see cref="StoreSinker"/> and stepped
/// (<see cref="PlanExecution"/>); every weight and state value must be bit for bit the same. Each case is one the
/// planner does move (the generated code differs).
/// </summary>
public class StoreSinkerExecutionTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "decoupled decay before a norm of the gradient", "w *= 1 - lr * 0.1\na = norm(g)\nw -= lr * g / (a + 1)" },
        { "decay after the norm of the weights it precedes", "a = norm(w) / sqrt(n)\nw *= 0.99\nm = 0.9 * m + g\nb = mean(m)\nw -= lr * a * m / (b * b + 1)" },
        { "Adafactor's shape: factored rows and columns, then the update's norm", "a = max(1e-3, norm(w) / sqrt(n))\nw *= 1 - lr * 0.01\nr = r + 0.2 * (row_mean(g * g) - r)\nc = c + 0.2 * (col_mean(g * g) - c)\nrs = 1 / sqrt(r + 1e-30)\ncs = 1 / sqrt(c + 1e-30)\nu = g * min(rs * cs, 1000)\nw -= lr * a / max(1, norm(u) / sqrt(n)) * u" },
        { "a select and a state read there anyway", "w = m > 0 ? w * 0.9 : w\na = norm(g)\nm = 0.9 * m + g / (a + 1)\nw -= lr * m" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MovingTheWriteGivesTheBitsOfStoringItEarlier(string name, string update)
    {
        (string with, string without) = PlanExecution.AssertStepKeepsBits(name, update, StoreSinker.SkippedForTests);
        Assert.True(with != without, $"{name}: the planner moved nothing");
    }

    // Element expressions over w, g, the state m, numbers and per-step values (no draws: their numbering is not this test's subject).
    private static readonly Gen<string> Expr = Gen.Recursive<string>((depth, self) => depth > 2
        ? Gen.OneOf("w", "g", "m", "t", "lr", "n", "0.5", "2", "1e-3")
        : Gen.Frequency(
            (4, Gen.OneOf("w", "g", "m", "t", "lr", "0.5", "2")),
            (4, Gen.Select(self, Gen.OneOf("+", "-", "*", "/"), self, (a, op, b) => $"({a} {op} {b})")),
            (1, Gen.Select(Gen.OneOf("abs", "sqrt", "exp", "sign"), self, (f, a) => $"{f}({a})")),
            (1, Gen.Select(Gen.OneOf("min", "max"), self, self, (f, a, b) => $"{f}({a}, {b})")),
            (1, Gen.Select(self, self, self, (c, a, b) => $"({c} > 0 ? {a} : {b})"))));

    // A write of w ahead of a per-tensor reduction and a later write of w that needs it, with the state m written before
    // it, after it in its pass, or in the later pass.
    private static readonly Gen<string> Update = Gen.Select(Gen.OneOf("", "m = 0.9 * m + {0}\n"), Gen.OneOf("w = w * {0}", "w = {0}", "w -= lr * {0}"),
        Gen.OneOf("", "\nm = m * {0}"), Gen.OneOf("sum", "mean", "norm", "maxabs"), Gen.OneOf("", "m = m + a * {0}\n"), Expr.Array[5],
        (pre, write, post, reduction, mid, e) =>
            string.Format(pre, e[0]) + string.Format(write, e[1]) + string.Format(post, e[2]) + $"\na = {reduction}({e[3]})\n" + string.Format(mid, e[4]) +
            $"w -= lr * {e[4]} / (abs(a) + 1)");

    [Fact]
    public void RandomUpdatesGiveTheSameBitsWithTheWriteMovedOrNot()
    {
        int moved = 0;
        Update.Sample(update =>
        {
            if (PlanExecution.TryBuild(update, StoreSinker.SkippedForTests, skipped: false) is not { } with)
                return true; // rejected (an OPTG error): not this test's subject
            (string withoutCode, IOptimizer without) = PlanExecution.Build(update, StoreSinker.SkippedForTests, skipped: true);
            if (with.Code == withoutCode)
                return true;
            Interlocked.Increment(ref moved);
            PlanExecution.AssertSameBits(update, without, with.Optimizer, anyNaN: true);
            return true;
        }, iter: Long.Pick(40, 2000), threads: 1);
        Assert.True(moved > 0, "no generated update had its write of w moved");
    }
}

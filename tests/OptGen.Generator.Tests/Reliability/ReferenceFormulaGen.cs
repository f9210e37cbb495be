using static OptGen.Generator.Tests.Reliability.ReferenceFormulas;

namespace OptGen.Generator.Tests.Reliability;

/// <summary>
/// Random updates for <see cref="ReferenceSemanticsTests"/>: statements writing states of every shape (per element, per
/// row, per column, per matrix, per row or column index, per tensor) and locals of any level, up to two branches on
/// the tensor's shape or the bool (one at times inside another), <c>w -= lr * …</c> among them, <c>g</c> rebound,
/// <c>w</c> set and the shared state set to per-step values (outside shape branches, OPTG0042); values of every level,
/// made of names, numbers, arithmetic, functions, choices, reductions over the tensor, over every tensor of the step
/// (<c>global_…</c>, outside branches on the shape) and along its axes (of element values and of per-row, per-column and per-matrix ones) and <c>newton_schulz</c>. Everything made is valid: each reduction reduces axes its operand
/// varies along, each state is assigned a value varying along its axes only, a factored state is not read where the
/// rank is 1 (OPTG0035), a local is read after a branch only when both sides assign it (OPTG0033).
/// </summary>
internal static class ReferenceFormulaGen
{
    /// <summary>Three to seven statements (a branch in place of one or two of them), with <c>w -= lr * …</c> among them.</summary>
    public static List<Line> Update(Random random)
    {
        var lines = new List<Line>();
        var scope = new Scope();
        int count = random.Next(3, 8), wAt = random.Next(2, count + 1);
        // No branch in a quarter of the updates, two in a quarter (up to four shape classes, whose plans must cut the
        // step into phases alike), one in the others.
        var branchAt = new HashSet<int>();
        for (int b = random.Next(4) switch { 0 => 0, 3 => 2, _ => 1 }; b > 0; b--)
            branchAt.Add(random.Next(1, count));
        for (int k = 0; k <= count; k++)
        {
            if (k == wAt) // reading what is defined so far; the statements after it read the new weights
                lines.Add(new Statement("w", Varying(random, scope, Axes.All, 3)));
            if (k == count)
                break;
            if (branchAt.Contains(k))
            {
                lines.Add(Branch(random, scope, "b" + k));
                continue;
            }
            string target = k == 0 ? (random.Next(2) == 0 ? "m" : "v")
                : k == 1 ? States[random.Next(2, 7)].Name
                : random.Next(10) switch { < 4 => "e" + k, 4 => Rebound(random, scope), _ => States[random.Next(States.Length)].Name };
            lines.Add(Assign(random, scope, target));
        }
        return lines;
    }

    // The names an expression may read, with the axes each varies along; a side of a branch on rank 1 hides the
    // factored states.
    private sealed class Scope
    {
        public readonly Dictionary<string, Axes> Names = new()
        {
            ["g"] = Axes.All, ["w"] = Axes.All, ["n"] = Axes.None, ["rows"] = Axes.None, ["cols"] = Axes.None,
            ["matrices"] = Axes.None, ["t"] = Axes.None, [Beta] = Axes.None, ["lr"] = Axes.None, ["loss"] = Axes.None,
            [SharedState] = Axes.None,
        };
        public bool RankOne, NoGlobals;

        public Scope()
        {
            foreach ((string name, Axes axes, _) in States)
                Names[name] = axes;
        }

        // A side of a branch on the shape holds no global reduction (OPTG0037); one of a branch on the bool may, where
        // the branch is not inside a shape branch.
        public Scope Copy(bool rankOne, bool shapeBranch)
        {
            var copy = new Scope { RankOne = RankOne || rankOne, NoGlobals = NoGlobals || shapeBranch };
            foreach (var kv in Names)
                copy.Names[kv.Key] = kv.Value;
            return copy;
        }

        public List<string> Readable(Axes axes) =>
            Names.Where(kv => kv.Value == axes && !(RankOne && IsFactored(kv.Key))).Select(kv => kv.Key).OrderBy(n => n, StringComparer.Ordinal).ToList();
    }

    // What a value can vary along: one of these (rows and columns together are an element).
    private static readonly Axes[] Levels =
        [Axes.None, Axes.Matrix, Axes.Row, Axes.Column, Axes.Matrix | Axes.Row, Axes.Matrix | Axes.Column, Axes.All];

    private static Axes Within(Random random, Axes axes)
    {
        Axes[] options = Levels.Where(l => (l & ~axes) == Axes.None).ToArray();
        return options[random.Next(options.Length)];
    }

    // g rebound, w set, or the shared state (where a global reduction may be: not in a branch on the shape, OPTG0042).
    private static string Rebound(Random random, Scope scope) => random.Next(scope.NoGlobals ? 2 : 3) switch
    {
        0 => "g",
        1 => SetWeights,
        _ => SharedState,
    };

    // target = a value varying along the target's axes or fewer (most often all of them); a local's level is random;
    // the shared state, a per-step value.
    private static Statement Assign(Random random, Scope scope, string target)
    {
        if (target == SharedState)
            return new Statement(target, PerStep(random, scope, 2));
        Axes axes = target == SetWeights ? Axes.All : scope.Names.TryGetValue(target, out Axes held) ? held
            : random.Next(5) < 2 ? Axes.All : Levels[random.Next(Levels.Length)];
        if (IsState(target) && random.Next(4) == 0)
            axes = Within(random, axes);
        Node value = Varying(random, scope, axes, 3);
        if (!Clamped(target))
            scope.Names[target] = value.Axes; // a state holds its own axes, whatever it is assigned
        return new Statement(target, value);
    }

    private static readonly string[] Conditions = ["rank >= 2", "rank == 1", "rows > 4", "matrices > 1", "cols < 20", "n > 100", Flag];

    // if … else … end: on each side a statement or two of its own (states, locals read on that side only; in one 'then'
    // side of four, a branch of its own: two branches of an update then hold at most four conditions, OPTG0036's limit),
    // then the locals both sides assign, which the statements after 'end' may read.
    private static Branch Branch(Random random, Scope scope, string prefix, bool nested = false)
    {
        string condition = Conditions[random.Next(Conditions.Length)];
        Scope then = scope.Copy(rankOne: condition == "rank == 1", shapeBranch: condition != Flag);
        Scope otherwise = scope.Copy(rankOne: condition == "rank >= 2", shapeBranch: condition != Flag);
        string[] shared = Enumerable.Range(0, random.Next(1, 3)).Select(j => $"{prefix}s{j}").ToArray();
        List<Line> thenLines = Side(random, then, prefix + "t", shared, nest: !nested && random.Next(4) == 0);
        List<Line> elseLines = Side(random, otherwise, prefix + "e", shared, nest: false);
        foreach (string name in shared)
            scope.Names[name] = Join(new Name(name, then.Names[name]), new Name(name, otherwise.Names[name]));
        return new Branch(condition, thenLines, elseLines);
    }

    private static List<Line> Side(Random random, Scope scope, string prefix, string[] shared, bool nest)
    {
        var lines = new List<Line>();
        int own = random.Next(3);
        for (int j = 0; j < own; j++)
        {
            // A factored state may be written where the rank is 1 (it holds one value per row: one), not read.
            string target = random.Next(6) switch { < 2 => $"{prefix}{j}", 2 => Rebound(random, scope), _ => States[random.Next(States.Length)].Name };
            lines.Add(Assign(random, scope, target));
        }
        if (nest)
            lines.Add(Branch(random, scope, prefix + "n", nested: true));
        foreach (string name in shared)
            lines.Add(Assign(random, scope, name));
        return lines;
    }

    private static readonly double[] Numbers = [0.5, 2, 0.1, 1.5, 3, 0.9];

    private static readonly string[] UnaryOps = ["-", "abs", "sqrt", "exp", "log", "tanh"];

    // global_sum, global_norm or global_maxabs of an element value: one number over every tensor of the step.
    private static Reduction GlobalReduction(Random random, Scope scope, int depth) =>
        new("global_" + new[] { "sum", "norm", "maxabs" }[random.Next(3)], Varying(random, scope, Axes.All, depth), null);

    // A value the same for every tensor of the step (what a shared state may be assigned): numbers, t, lr, loss, the
    // hyperparameter, the shared state, global reductions, and arithmetic of them.
    private static Node PerStep(Random random, Scope scope, int depth)
    {
        if (depth == 0 || random.Next(3) == 0)
        {
            string[] names = ["t", "lr", "loss", Beta, SharedState];
            return random.Next(4) switch
            {
                0 => new Number(Numbers[random.Next(Numbers.Length)]),
                1 when !scope.NoGlobals =>
                    GlobalReduction(random, scope, 1),
                _ => new Name(names[random.Next(names.Length)], Axes.None),
            };
        }
        return random.Next(3) == 0
            ? new Unary(UnaryOps[random.Next(UnaryOps.Length)], PerStep(random, scope, depth - 1))
            : new Binary("+-*/nx"[random.Next(6)], PerStep(random, scope, depth - 1), PerStep(random, scope, depth - 1));
    }

    // A value varying along exactly these axes: a seed that does, combined with values that vary along them or fewer.
    private static Node Varying(Random random, Scope scope, Axes axes, int depth)
    {
        if (depth == 0 || random.Next(4) == 0)
            return Seed(random, scope, axes, depth);
        Node a = Varying(random, scope, axes, depth - 1);
        Node b = random.Next(3) == 0 ? Varying(random, scope, axes, depth - 1) : Seed(random, scope, Within(random, axes), 0);
        if (random.Next(2) == 0)
            (a, b) = (b, a);
        return random.Next(9) switch
        {
            0 => new Unary(UnaryOps[random.Next(UnaryOps.Length)], a.Axes == axes ? a : b),
            1 => new Choice(a, b, Seed(random, scope, Within(random, axes), 0), Varying(random, scope, axes, 0)),
            2 => new Binary("nxp"[random.Next(3)], a, b),
            _ => new Binary("+-*/"[random.Next(4)], a, b),
        };
    }

    // A name varying along exactly these axes, or something made to: a reduction, an outer product, newton_schulz.
    private static Node Seed(Random random, Scope scope, Axes axes, int depth)
    {
        List<string> names = scope.Readable(axes);
        int below = Math.Max(depth - 1, 0);
        if (axes == Axes.None)
        {
            return random.Next(5) switch
            {
                0 or 1 => new Number(Numbers[random.Next(Numbers.Length)]),
                2 => new Name(names[random.Next(names.Count)], Axes.None),
                // Over every tensor of the step: not in a branch on the shape, which not every tensor takes, nor after
                // one, where the shape classes' plans may cut their phases differently (OPTG0037).
                3 when !scope.NoGlobals && random.Next(3) == 0 =>
                    GlobalReduction(random, scope, Math.Min(below, 2)),
                _ => ReductionTo(random, scope, Axes.None, below),
            };
        }
        if (axes == Axes.All)
        {
            return random.Next(12) switch
            {
                // One iteration: each multiplies a rounding difference by up to a = 3.4 (small singular values), and
                // a state written from newton_schulz and read back by it the next step compounds that (3 steps of 3
                // iterations: 41³, 1e-3 apart from the double evaluation, a close call this test cannot see).
                0 when depth > 0 => new NewtonSchulz(Varying(random, scope, Axes.All, Math.Min(below, 1)), Steps: 1),
                1 => new Binary("*+n"[random.Next(3)], Varying(random, scope, random.Next(2) == 0 ? Axes.Row : Axes.Matrix | Axes.Row, Math.Min(below, 1)),
                    Varying(random, scope, random.Next(2) == 0 ? Axes.Column : Axes.Matrix | Axes.Column, Math.Min(below, 1))),
                _ => new Name(names[random.Next(names.Count)], Axes.All),
            };
        }
        if (names.Count > 0 && random.Next(2) == 0)
            return new Name(names[random.Next(names.Count)], axes);
        if (axes is (Axes.Matrix | Axes.Row) or (Axes.Matrix | Axes.Column) && random.Next(4) == 0) // a per-matrix and a row- or column-index value
            return new Binary("*+x"[random.Next(3)], Varying(random, scope, Axes.Matrix, 0), Varying(random, scope, axes & ~Axes.Matrix, 0));
        return ReductionTo(random, scope, axes, below);
    }

    private static readonly string[] Prefixes = ["", "row_", "col_", "mat_", "stack_"];

    // A reduction leaving exactly these axes: a prefix and an operand level it can take (one it varies along; stack_
    // not of an element value), the operand made at that level.
    private static Reduction ReductionTo(Random random, Scope scope, Axes axes, int depth)
    {
        (string Prefix, Axes Operand)[] options =
            [.. from prefix in Prefixes
                from operand in Levels
                let reduces = Reduces(prefix)
                where (operand & reduces) != Axes.None && (operand & ~reduces) == axes && !(prefix == "stack_" && operand == Axes.All)
                select (prefix, operand)];
        (string p, Axes level) = options[random.Next(options.Length)];
        string[] kinds = p == "" ? ["sum", "mean", "norm", "maxabs", "dot"] : p == "stack_" ? ["sum", "mean", "max", "min"] : ["sum", "mean", "norm", "max", "min", "dot"];
        string kind = kinds[random.Next(kinds.Length)];
        Node x = Varying(random, scope, level, Math.Min(depth, p == "" ? 2 : 1));
        Node? y = kind == "dot" ? Varying(random, scope, Within(random, level), Math.Min(depth, 1)) : null;
        return new Reduction(p + kind, x, y);
    }
}

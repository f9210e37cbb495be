using System.Globalization;
using System.Runtime.Intrinsics;
using System.Text;

namespace OptGen.Generator.Tests.Reliability;

/// <summary>
/// Random updates made as trees, each written two ways: as the language's text, for the generator, and as a plain
/// evaluation of what the language says it means (dsl.md §5), element by element with no planning: each statement over
/// the whole tensor before the next, per-element values in float, per-step and per-tensor ones in double (rounded to
/// float where they meet an element), reductions summed in double in index order. What a plan does to an update (fused
/// loops, values kept or recomputed, reductions moved to earlier passes, statements dropped) must not change what it
/// computes beyond rounding (multiply-adds fused, a division by a per-tensor value made a multiplication).
/// </summary>
/// <remarks>
/// The formulas keep their values finite and away from the points where a small rounding changes much: square roots
/// and divisors are of <c>abs(x) + 1</c>, states are clamped to [-4, 4] as they are written, and no more than three
/// operations nest.
/// </remarks>
internal static class ReferenceFormulas
{
    /// <summary>Per step (constants, <c>t</c>), per tensor (reductions and what they alone make) or per element.</summary>
    public enum Level { Step, Tensor, Element }

    public abstract record Node(Level Level);

    /// <summary><c>g</c>, <c>w</c>, <c>m</c>, <c>v</c>, an element local <c>eK</c>, a tensor local <c>sK</c> or <c>t</c>.</summary>
    public sealed record Name(string Text, Level At) : Node(At);

    public sealed record Number(double Value) : Node(Level.Step);

    /// <summary>
    /// <c>-x</c>, <c>abs(x)</c>, <c>sqrt(abs(x) + 1)</c>, <c>exp(-abs(x))</c>, <c>log(abs(x) + 1)</c> or <c>tanh(x)</c>.
    /// </summary>
    public sealed record Unary(string Op, Node X) : Node(X.Level);

    /// <summary>
    /// <c>a + b</c>, <c>a - b</c>, <c>a * b</c>, <c>a / (abs(b) + 1)</c>, <c>min(a, b)</c>, <c>max(a, b)</c> or
    /// <c>pow(min(abs(a), 3) + 1, min(abs(b), 2))</c>.
    /// </summary>
    public sealed record Binary(char Op, Node A, Node B) : Node((Level)Math.Max((int)A.Level, (int)B.Level));

    /// <summary><c>a &gt; b ? x : y</c>.</summary>
    public sealed record Choice(Node A, Node B, Node X, Node Y)
        : Node((Level)new[] { A.Level, B.Level, X.Level, Y.Level }.Max(l => (int)l));

    /// <summary><c>sum</c>, <c>mean</c>, <c>norm</c> or <c>maxabs</c> of an element value, or <c>dot</c> of two.</summary>
    public sealed record Reduction(string Function, Node X, Node? Y) : Node(Level.Tensor);

    /// <summary>
    /// <c>row_…</c>, <c>col_…</c> or <c>mat_…</c> <c>sum</c>, <c>mean</c>, <c>norm</c>, <c>max</c> or <c>min</c> of an
    /// element value, broadcast back to the elements (never itself reduced: a reduction of a per-row value takes each
    /// row's value once, which this evaluation, element by element, does not model).
    /// </summary>
    public sealed record AxisReduction(string Function, Node X) : Node(Level.Element);

    /// <summary>One statement: <c>target = value</c> (a state written is clamped to [-4, 4]); <c>w</c>: <c>w -= lr * value</c>.</summary>
    public sealed record Statement(string Target, Node Value);

    // ----- the text -----

    public static string Text(IEnumerable<Statement> statements)
    {
        var sb = new StringBuilder();
        foreach (Statement s in statements)
        {
            sb.Append(s.Target switch
            {
                "w" => $"w -= lr * {Text(s.Value)}",
                "m" or "v" => $"{s.Target} = clamp({Text(s.Value)}, -4, 4)",
                _ => $"{s.Target} = {Text(s.Value)}",
            });
            sb.Append('\n');
        }
        return sb.ToString();
    }

    public static string Text(Node node) => node switch
    {
        Name n => n.Text,
        Number c => c.Value.ToString("R", CultureInfo.InvariantCulture),
        Unary { Op: "-" } u => $"(-{Text(u.X)})",
        Unary { Op: "abs" } u => $"abs({Text(u.X)})",
        Unary { Op: "exp" } u => $"exp(-abs({Text(u.X)}))",
        Unary { Op: "log" } u => $"log(abs({Text(u.X)}) + 1)",
        Unary { Op: "tanh" } u => $"tanh({Text(u.X)})",
        Unary u => $"sqrt(abs({Text(u.X)}) + 1)",
        Binary { Op: '/' } b => $"({Text(b.A)} / (abs({Text(b.B)}) + 1))",
        Binary { Op: 'n' } b => $"min({Text(b.A)}, {Text(b.B)})",
        Binary { Op: 'x' } b => $"max({Text(b.A)}, {Text(b.B)})",
        Binary { Op: 'p' } b => $"pow(min(abs({Text(b.A)}), 3) + 1, min(abs({Text(b.B)}), 2))",
        Binary b => $"({Text(b.A)} {b.Op} {Text(b.B)})",
        Choice c => $"({Text(c.A)} > {Text(c.B)} ? {Text(c.X)} : {Text(c.Y)})",
        Reduction { Y: { } y } r => $"{r.Function}({Text(r.X)}, {Text(y)})",
        Reduction r => $"{r.Function}({Text(r.X)})",
        AxisReduction a => $"{a.Function}({Text(a.X)})",
        _ => throw new ArgumentException(node.ToString()),
    };

    // ----- the meaning -----

    /// <summary>
    /// The arrays and per-tensor values of one tensor while its update runs, and its matrix view (rank 1: one row;
    /// rank ≥ 2: a stack of matrices over the last two dimensions).
    /// </summary>
    public sealed class Tensor(float[] w, float[] g, float[] m, float[] v, int[] shape)
    {
        public readonly Dictionary<string, float[]> Arrays = new() { ["w"] = w, ["g"] = g, ["m"] = m, ["v"] = v };
        public readonly Dictionary<string, double> Values = new();
        public readonly Dictionary<Node, float[]> Broadcast = new(ReferenceEqualityComparer.Instance); // this statement's axis reductions

        /// <summary>
        /// Set when a choice compared two values so close that rounding may decide it (<see cref="CloseCall"/>): the
        /// generated code may then take the other branch and be right.
        /// </summary>
        public bool CloseCallMade;
        public int Length => Arrays["w"].Length;
        public int Cols => shape[^1];
        public int Rows => shape.Length == 1 ? 1 : shape[^2];
    }

    /// <summary>Applies the statements to one tensor at step <paramref name="t"/> with learning rate <paramref name="lr"/>.</summary>
    public static void Apply(IEnumerable<Statement> statements, Tensor tensor, long t, float lr)
    {
        tensor.Values.Clear();
        tensor.Values["t"] = t;
        tensor.Values["n"] = tensor.Length;
        tensor.Values["rows"] = tensor.Rows;
        tensor.Values["cols"] = tensor.Cols;
        foreach (Statement s in statements)
        {
            tensor.Broadcast.Clear();
            if (s.Value.Level != Level.Element)
            {
                tensor.Values[s.Target] = Scalar(s.Value, tensor);
                continue;
            }
            var result = new float[tensor.Length];
            for (int i = 0; i < result.Length; i++)
                result[i] = Element(s.Value, tensor, i);
            if (s.Target == "w")
            {
                float[] w = tensor.Arrays["w"];
                for (int i = 0; i < w.Length; i++)
                    w[i] -= lr * result[i]; // lr, a per-step value, meets the element as a float
            }
            else
            {
                if (s.Target is "m" or "v")
                {
                    for (int i = 0; i < result.Length; i++)
                        result[i] = Math.Clamp(result[i], -4f, 4f);
                }
                tensor.Arrays[s.Target] = result;
            }
        }
    }

    // A per-step or per-tensor value, in double.
    private static double Scalar(Node node, Tensor x) => node switch
    {
        Name n => x.Values[n.Text],
        Number c => c.Value,
        Unary { Op: "-" } u => -Scalar(u.X, x),
        Unary { Op: "abs" } u => Math.Abs(Scalar(u.X, x)),
        Unary { Op: "exp" } u => Math.Exp(-Math.Abs(Scalar(u.X, x))),
        Unary { Op: "log" } u => Math.Log(Math.Abs(Scalar(u.X, x)) + 1),
        Unary { Op: "tanh" } u => Math.Tanh(Scalar(u.X, x)),
        Unary u => Math.Sqrt(Math.Abs(Scalar(u.X, x)) + 1),
        Binary b => Apply(b.Op, Scalar(b.A, x), Scalar(b.B, x)),
        Choice c => Greater(Scalar(c.A, x), Scalar(c.B, x), x) ? Scalar(c.X, x) : Scalar(c.Y, x),
        Reduction r => Reduce(r, x),
        _ => throw new ArgumentException(node.ToString()),
    };

    // A per-element value at element i, in float.
    private static float Element(Node node, Tensor x, int i)
    {
        if (node.Level != Level.Element)
            return (float)Scalar(node, x);
        return node switch
        {
            Name n => x.Arrays[n.Text][i],
            Unary { Op: "-" } u => -Element(u.X, x, i),
            Unary { Op: "abs" } u => MathF.Abs(Element(u.X, x, i)),
            Unary { Op: "exp" } u => MathF.Exp(-MathF.Abs(Element(u.X, x, i))),
            // log is .NET's vector function, whatever the width (dsl.md §6), which can differ from MathF.Log in the last
            // bit, and a last bit can decide a choice.
            Unary { Op: "log" } u => Vector128.Log(Vector128.CreateScalar(MathF.Abs(Element(u.X, x, i)) + 1f)).ToScalar(),
            Unary { Op: "tanh" } u => MathF.Tanh(Element(u.X, x, i)),
            Unary u => MathF.Sqrt(MathF.Abs(Element(u.X, x, i)) + 1f),
            Binary b => Apply(b.Op, Element(b.A, x, i), Element(b.B, x, i)),
            Choice c => Greater(Element(c.A, x, i), Element(c.B, x, i), x) ? Element(c.X, x, i) : Element(c.Y, x, i),
            AxisReduction a => Broadcast(a, x)[i],
            _ => throw new ArgumentException(node.ToString()),
        };
    }

    // An axis reduction's value at every element: each group (a row, a column of one matrix, a matrix) reduced in
    // double in index order, then rounded to float where elements read it.
    private static float[] Broadcast(AxisReduction a, Tensor x)
    {
        if (x.Broadcast.TryGetValue(a, out float[]? known))
            return known;
        int matrix = x.Rows * x.Cols;
        Func<int, int> group = a.Function[..3] switch
        {
            "row" => i => i / x.Cols,
            "col" => i => i / matrix * x.Cols + i % x.Cols,
            _ => i => i / matrix,
        };
        int count = a.Function[..3] switch { "row" => x.Cols, "col" => x.Rows, _ => matrix };
        string function = a.Function[4..];
        var totals = new Dictionary<int, double>();
        for (int i = 0; i < x.Length; i++)
        {
            float e = Element(a.X, x, i);
            double term = function == "norm" ? e * e : e;
            int at = group(i);
            totals[at] = totals.TryGetValue(at, out double total) ? Fold(function, total, term) : term;
        }
        var values = new float[x.Length];
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)Finish(function, totals[group(i)], count);
        x.Broadcast[a] = values;
        return values;
    }

    private static bool Greater(double a, double b, Tensor x)
    {
        x.CloseCallMade |= CloseCall(a, b);
        return a > b;
    }

    /// <summary>
    /// Whether rounding may decide <c>a &gt; b</c>: the two within 1e-4 of each other (as the comparison of results),
    /// unless they are the same whole number (t, n, rows, a zero: made exactly, whatever the order of operations).
    /// </summary>
    public static bool CloseCall(double a, double b) =>
        a == b ? a != Math.Floor(a) || Math.Abs(a) > 1 << 24 : Math.Abs(a - b) <= 1e-4 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    private static double Apply(char op, double a, double b) => op switch
    {
        '+' => a + b, '-' => a - b, '*' => a * b, '/' => a / (Math.Abs(b) + 1), 'n' => Math.Min(a, b), 'x' => Math.Max(a, b),
        _ => Math.Pow(Math.Min(Math.Abs(a), 3) + 1, Math.Min(Math.Abs(b), 2)),
    };

    private static float Apply(char op, float a, float b) => op switch
    {
        '+' => a + b, '-' => a - b, '*' => a * b, '/' => a / (MathF.Abs(b) + 1f), 'n' => MathF.Min(a, b), 'x' => MathF.Max(a, b),
        _ => MathF.Pow(MathF.Min(MathF.Abs(a), 3f) + 1f, MathF.Min(MathF.Abs(b), 2f)),
    };

    private static double Reduce(Reduction r, Tensor x)
    {
        double total = 0;
        for (int i = 0; i < x.Length; i++)
        {
            float e = Element(r.X, x, i);
            total = Fold(r.Function, total, r.Function switch
            {
                "maxabs" => MathF.Abs(e),
                "norm" => e * e, // squared in float, as the kernels do
                "dot" => e * Element(r.Y!, x, i),
                _ => e,
            });
        }
        return Finish(r.Function, total, x.Length);
    }

    // A term into a running reduction (a norm's term already squared), and the reduction's value from its total.
    private static double Fold(string function, double total, double term) => function switch
    {
        "max" or "maxabs" => Math.Max(total, term), "min" => Math.Min(total, term), _ => total + term,
    };

    private static double Finish(string function, double total, int count) => function switch
    {
        "mean" => total / count, "norm" => Math.Sqrt(total), _ => total,
    };

    // ----- random updates -----

    /// <summary>
    /// An update of three to seven statements writing <c>m</c>, <c>v</c> (each at least once) and locals, with
    /// <c>w -= lr * …</c> among them.
    /// </summary>
    public static List<Statement> Random(Random random)
    {
        var statements = new List<Statement>();
        var scope = new Scope();
        int count = random.Next(3, 8), wAt = random.Next(2, count + 1);
        for (int k = 0; k <= count; k++)
        {
            if (k == wAt) // reading what is defined so far; the statements after it read the new weights
                statements.Add(new Statement("w", ElementValue(random, scope, depth: 3, axes: true)));
            if (k == count)
                break;
            string target = k == 0 ? "m" : k == 1 ? "v" : random.Next(4) switch { 0 => "m", 1 => "v", 2 => "e" + k, _ => "s" + k };
            Node value = target.StartsWith('s')
                ? Combine(random, Reduce(random, scope), scope)
                : ElementValue(random, scope, depth: 3, axes: true);
            statements.Add(new Statement(target, value));
            if (target.StartsWith('e'))
            {
                scope.Elements.Add(target);
                if (!HasAxisReduction(value))
                    scope.Plain.Add(target);
            }
            else if (target.StartsWith('s'))
            {
                scope.Tensors.Add(target);
            }
        }
        return statements;
    }

    // The names an expression may read: element values (those made without an axis reduction, which a reduction may
    // take: one made of per-row values alone would be a per-row local), per-tensor values.
    private sealed class Scope
    {
        public readonly List<string> Elements = ["g", "w", "m", "v"], Plain = ["g", "w", "m", "v"];
        public readonly List<string> Tensors = ["n", "rows", "cols"];
    }

    private static bool HasAxisReduction(Node node) => node switch
    {
        AxisReduction => true,
        Unary u => HasAxisReduction(u.X),
        Binary b => HasAxisReduction(b.A) || HasAxisReduction(b.B),
        Choice c => HasAxisReduction(c.A) || HasAxisReduction(c.B) || HasAxisReduction(c.X) || HasAxisReduction(c.Y),
        _ => false,
    };

    private static readonly double[] Numbers = [0.5, 2, 0.1, 1.5, 3, 0.9];

    private static readonly string[] AxisFunctions =
        [.. from axis in new[] { "row", "col", "mat" } from f in new[] { "sum", "mean", "norm", "max", "min" } select axis + "_" + f];

    // An expression with at least one element value in it; with 'axes', per-row, per-column and per-matrix values too.
    private static Node ElementValue(Random random, Scope scope, int depth, bool axes)
    {
        List<string> elements = axes ? scope.Elements : scope.Plain;
        if (depth == 0 || random.Next(4) == 0)
        {
            return axes && random.Next(5) == 0
                ? new AxisReduction(AxisFunctions[random.Next(AxisFunctions.Length)], ElementValue(random, scope, 1, axes: false))
                : new Name(elements[random.Next(elements.Count)], Level.Element);
        }
        Node a = ElementValue(random, scope, depth - 1, axes);
        Node b = random.Next(3) == 0 ? ElementValue(random, scope, depth - 1, axes) : Any(random, scope, elements);
        if (random.Next(2) == 0)
            (a, b) = (b, a);
        return random.Next(9) switch
        {
            0 => new Unary(new[] { "-", "abs", "sqrt", "exp", "log", "tanh" }[random.Next(6)], a.Level == Level.Element ? a : b),
            1 => new Choice(a, b, Any(random, scope, elements), ElementValue(random, scope, 0, axes)),
            2 => new Binary("nxp"[random.Next(3)], a, b),
            _ => new Binary("+-*/"[random.Next(4)], a, b),
        };
    }

    // A leaf of any level: an element value, a per-tensor one (n, rows, cols among them), t or a number.
    private static Node Any(Random random, Scope scope, List<string> elements) => random.Next(5) switch
    {
        0 => new Name(scope.Tensors[random.Next(scope.Tensors.Count)], Level.Tensor),
        1 => new Name("t", Level.Step),
        2 => new Name(elements[random.Next(elements.Count)], Level.Element),
        _ => new Number(Numbers[random.Next(Numbers.Length)]),
    };

    private static Reduction Reduce(Random random, Scope scope)
    {
        string function = new[] { "sum", "mean", "norm", "maxabs", "dot" }[random.Next(5)];
        Node x = ElementValue(random, scope, 2, axes: false);
        return new Reduction(function, x, function == "dot" ? ElementValue(random, scope, 1, axes: false) : null);
    }

    // A per-tensor value: the reduction, maybe with another per-tensor value or a number.
    private static Node Combine(Random random, Node reduction, Scope scope) => random.Next(3) switch
    {
        0 => new Binary("+*/"[random.Next(3)], reduction, new Name(scope.Tensors[random.Next(scope.Tensors.Count)], Level.Tensor)),
        1 => new Binary('/', new Number(Numbers[random.Next(Numbers.Length)]), reduction),
        _ => reduction,
    };
}

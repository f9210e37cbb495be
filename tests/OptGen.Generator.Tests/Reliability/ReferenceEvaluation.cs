using System.Runtime.Intrinsics;
using static OptGen.Generator.Tests.Reliability.ReferenceFormulas;

namespace OptGen.Generator.Tests.Reliability;

/// <summary>
/// What an update (<see cref="ReferenceFormulas"/>) means (dsl.md §5, §7), evaluated plainly with no planning: each
/// statement over the whole tensor before the next, the branch its condition picks for the tensor's shape, values
/// that vary in float (one per element, a per-row value repeated along its row), per-step and per-tensor ones in
/// double (rounded to float where they meet an element), reductions in double in index order over the elements, of
/// their operand broadcast back. What a plan does to an update (fused loops, values kept or recomputed, reductions moved
/// to earlier passes, statements dropped, per-row values computed between passes) must not change what it computes
/// beyond rounding.
/// </summary>
internal static class ReferenceEvaluation
{
    /// <summary>
    /// One tensor's arrays (every value that varies, repeated over the elements it is the same for), its per-step and
    /// per-tensor values while its update runs, its scalar state, and its matrix view (rank 1: one row; otherwise a
    /// stack of matrices over the last two dimensions, or with <c>channels</c> one matrix whose rows are the first).
    /// </summary>
    public sealed class Tensor
    {
        public Tensor(float[] w, int[] shape, bool channels)
        {
            Arrays["w"] = w;
            Arrays["g"] = new float[w.Length];
            foreach ((string name, Axes axes, _) in States.Where(s => s.Axes != Axes.None))
                Arrays[name] = new float[w.Length];
            Rank = shape.Length;
            (Rows, Cols) = Rank == 1 ? (1, w.Length) : channels ? (shape[0], w.Length / shape[0]) : (shape[^2], shape[^1]);
            Matrices = w.Length / (Rows * Cols);
        }

        public readonly Dictionary<string, float[]> Arrays = new();
        /// <summary>The states the update wrote on this tensor (its branches may leave others alone).</summary>
        public readonly HashSet<string> Written = new();
        public readonly Dictionary<string, double> Values = new();
        public double K; // the scalar state
        // This statement's reductions (each group's value) and matrix built-ins (every element's), computed once.
        public readonly Dictionary<Node, double[]> Reduced = new(ReferenceEqualityComparer.Instance);
        public readonly Dictionary<Node, float[]> Orthogonalised = new(ReferenceEqualityComparer.Instance);

        /// <summary>
        /// Set when a choice compared two values so close that rounding may decide it (<see cref="CloseCall"/>): the
        /// generated code may then take the other branch and be right.
        /// </summary>
        public bool CloseCallMade;
        public readonly int Rank, Matrices, Rows, Cols;
        public bool Flag = true; // the bool hyperparameter
        public int Length => Arrays["w"].Length;

        /// <summary>
        /// The index of the element that stands for element <paramref name="i"/> in a value varying along
        /// <paramref name="axes"/> only: its coordinates along the other axes set to 0. Each distinct value has one.
        /// </summary>
        public int Key(Axes axes, int i)
        {
            int matrix = Rows * Cols;
            return ((axes & Axes.Matrix) != 0 ? i / matrix * matrix : 0) + ((axes & Axes.Row) != 0 ? i / Cols % Rows * Cols : 0)
                + ((axes & Axes.Column) != 0 ? i % Cols : 0);
        }
    }

    /// <summary>
    /// Applies the update to the tensors of one step, <paramref name="t"/>, with learning rate <paramref name="lr"/>
    /// and <paramref name="loss"/>: statement by statement over every tensor, so that a reduction over all of them
    /// (<c>global_…</c>) sees each tensor's values at its place in the update. <paramref name="shared"/> is the shared
    /// state, read and left as the update leaves it.
    /// </summary>
    public static void Apply(IEnumerable<Line> lines, Tensor[] tensors, long t, float lr, double loss, ref double shared)
    {
        foreach (Tensor x in tensors)
        {
            x.Values.Clear();
            x.Values["lr"] = lr;
            x.Values["loss"] = loss;
            x.Values[SharedState] = shared;
            x.Values["t"] = t;
            x.Values["n"] = x.Length;
            x.Values["rank"] = x.Rank;
            x.Values["rows"] = x.Rows;
            x.Values["cols"] = x.Cols;
            x.Values["matrices"] = x.Matrices;
            x.Values["k"] = x.K;
            x.Values[Beta] = 0.9f; // a float hyperparameter, widened
        }
        ApplyLines(lines, tensors, lr);
        shared = tensors[0].Values[SharedState];
    }

    private static void ApplyLines(IEnumerable<Line> lines, Tensor[] tensors, float lr)
    {
        foreach (Line line in lines)
        {
            if (line is Branch { Condition: Flag } flagged)
            {
                // A bool hyperparameter picks one side for the whole step, which may reduce over all tensors.
                ApplyLines(tensors[0].Flag ? flagged.Then : flagged.Else, tensors, lr);
                continue;
            }
            if (line is Statement s)
            {
                foreach (Tensor x in tensors)
                    Clear(x);
                foreach (Reduction global in Globals(s.Value))
                    ReduceOverAll(global, tensors);
                if (s.Target == SharedState)
                {
                    // A per-step value, the same for every tensor; each reads it from then on.
                    double value = Math.Clamp(Scalar(s.Value, tensors[0]), -4, 4);
                    foreach (Tensor x in tensors)
                        x.Values[SharedState] = value;
                    continue;
                }
            }
            foreach (Tensor x in tensors) // a shape branch holds no global reduction (OPTG0037): each tensor runs its side alone
                Run([line], x, lr, clear: line is not Statement);
        }
    }

    private static void Clear(Tensor x)
    {
        x.Reduced.Clear();
        x.Orthogonalised.Clear();
    }

    // The global reductions of a value, inner ones first.
    private static IEnumerable<Reduction> Globals(Node node)
    {
        foreach (Node part in Parts(node))
        {
            foreach (Reduction inner in Globals(part))
                yield return inner;
        }
        if (node is Reduction { Function: ['g', 'l', 'o', 'b', 'a', 'l', '_', ..] } global)
            yield return global;
    }

    // global_sum, global_norm or global_maxabs: each tensor's sum, sum of squares or largest magnitude (as its sum,
    // norm or maxabs folds them), combined in tensor order; every tensor then reads it as its own.
    private static void ReduceOverAll(Reduction global, Tensor[] tensors)
    {
        var each = new Reduction(global.Kind == "maxabs" ? "maxabs" : "sum", global.Kind == "norm" ? new Binary('*', global.X, global.X) : global.X, null);
        double total = 0;
        foreach (Tensor x in tensors)
        {
            double part = Reduce(each, x)[0];
            total = global.Kind == "maxabs" ? Math.Max(total, part) : total + part;
        }
        total = global.Kind == "norm" ? Math.Sqrt(total) : total;
        foreach (Tensor x in tensors)
            x.Reduced[global] = [total];
    }

    private static void Run(IEnumerable<Line> lines, Tensor x, float lr, bool clear = true)
    {
        foreach (Line line in lines)
        {
            if (line is Branch b)
            {
                Run(Holds(b.Condition, x) ? b.Then : b.Else, x, lr);
                continue;
            }
            var s = (Statement)line;
            if (clear)
                Clear(x);
            if (s.Target == "k")
            {
                x.Values["k"] = x.K = Math.Clamp(Scalar(s.Value, x), -4, 4);
                continue;
            }
            if (s.Target != "w" && !IsState(s.Target) && s.Value.Axes == Axes.None)
            {
                x.Values[s.Target] = Scalar(s.Value, x);
                continue;
            }
            var result = new float[x.Length];
            for (int i = 0; i < result.Length; i++)
                result[i] = Element(s.Value, x, i);
            if (s.Target == "w")
            {
                float[] w = x.Arrays["w"];
                for (int i = 0; i < w.Length; i++)
                    w[i] -= lr * result[i]; // lr, a per-step value, meets the element as a float
                continue;
            }
            if (Clamped(s.Target))
            {
                for (int i = 0; i < result.Length; i++)
                    result[i] = Math.Clamp(result[i], -4f, 4f);
            }
            x.Arrays[s.Target == SetWeights ? "w" : s.Target] = result; // g rebound, w set, a state or a local
            if (IsState(s.Target))
                x.Written.Add(s.Target);
        }
    }

    // "name op number", of the shape built-ins, or the bool hyperparameter.
    private static bool Holds(string condition, Tensor x)
    {
        if (condition == Flag)
            return x.Flag;
        string[] parts = condition.Split(' ');
        double a = x.Values[parts[0]], b = double.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
        return parts[1] switch { ">=" => a >= b, ">" => a > b, "<" => a < b, "==" => a == b, _ => throw new ArgumentException(condition) };
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
        Reduction r => Reduce(r, x)[0],
        _ => throw new ArgumentException(node.ToString()),
    };

    // A value that varies, at element i, in float.
    private static float Element(Node node, Tensor x, int i)
    {
        if (node.Axes == Axes.None)
            return (float)Scalar(node, x);
        if (node.Axes != Axes.All)
            return (float)Axis(node, x, i);
        return node switch
        {
            Name n => Read(n, x, i),
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
            // A reduction drops an axis, so it is an Axis value, never reached here.
            NewtonSchulz ns => Orthogonalised(ns, x)[i],
            _ => throw new ArgumentException(node.ToString()),
        };
    }

    // A per-row, per-column, per-matrix or per-index value at element i: computed in double from its parts as they are
    // kept (states, locals and reductions along axes in float, per-step and per-tensor values in double), as the
    // generated code computes such values between passes (dsl.md §7).
    private static double Axis(Node node, Tensor x, int i)
    {
        if (node.Axes == Axes.None)
            return Scalar(node, x);
        return node switch
        {
            Name n => Read(n, x, i),
            Unary { Op: "-" } u => -Axis(u.X, x, i),
            Unary { Op: "abs" } u => Math.Abs(Axis(u.X, x, i)),
            Unary { Op: "exp" } u => Math.Exp(-Math.Abs(Axis(u.X, x, i))),
            Unary { Op: "log" } u => Math.Log(Math.Abs(Axis(u.X, x, i)) + 1),
            Unary { Op: "tanh" } u => Math.Tanh(Axis(u.X, x, i)),
            Unary u => Math.Sqrt(Math.Abs(Axis(u.X, x, i)) + 1),
            Binary b => Apply(b.Op, Axis(b.A, x, i), Axis(b.B, x, i)),
            Choice c => Greater(Axis(c.A, x, i), Axis(c.B, x, i), x) ? Axis(c.X, x, i) : Axis(c.Y, x, i),
            Reduction r => Group(r, x, i),
            _ => throw new ArgumentException(node.ToString()),
        };
    }

    // The value of element i's group (the elements that differ from it only along the reduced axes), kept in float.
    private static float Group(Reduction r, Tensor x, int i) => (float)Reduce(r, x)[x.Key(Axes.All & ~Reduces(r.Function), i)];

    // A local one side of a branch assigned a per-tensor value, the other one that varies, is read as it was kept.
    private static float Read(Name n, Tensor x, int i) => x.Arrays.TryGetValue(n.Text, out float[]? values) ? values[i] : (float)x.Values[n.Text];

    // Each group's value (the elements that differ only along the reduced axes), at the index of the element that
    // stands for the group: the operand at every element of the group (a per-row value repeated along its row, as it
    // broadcasts back: sum(r) is cols times the rows' sum), in index order, folded in double.
    private static double[] Reduce(Reduction r, Tensor x)
    {
        if (x.Reduced.TryGetValue(r, out double[]? known))
            return known;
        var totals = new double[x.Length];
        var counts = new int[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            float e = Element(r.X, x, i);
            double term = r.Kind switch
            {
                "maxabs" => MathF.Abs(e),
                "norm" => e * e, // squared in float, as the kernels do
                "dot" => e * Element(r.Y!, x, i),
                _ => e,
            };
            int at = x.Key(Axes.All & ~Reduces(r.Function), i); // the index Group reads
            totals[at] = counts[at]++ == 0 ? term : r.Kind switch
            {
                "max" or "maxabs" => Math.Max(totals[at], term),
                "min" => Math.Min(totals[at], term),
                _ => totals[at] + term,
            };
        }
        for (int at = 0; at < totals.Length; at++)
            totals[at] = r.Kind switch { "mean" => totals[at] / counts[at], "norm" => Math.Sqrt(totals[at]), _ => totals[at] };
        x.Reduced[r] = totals;
        return totals;
    }

    // newton_schulz of each matrix, in double (dsl.md §7): X / max(‖X‖, eps), transposed when it has more rows than
    // columns, then 'steps' times A = X Xᵀ, X = a X + (b A + c A²) X.
    private static float[] Orthogonalised(NewtonSchulz ns, Tensor x)
    {
        if (x.Orthogonalised.TryGetValue(ns, out float[]? known))
            return known;
        var result = new float[x.Length];
        bool transpose = x.Rows > x.Cols;
        int p = transpose ? x.Cols : x.Rows, q = transpose ? x.Rows : x.Cols, size = x.Rows * x.Cols;
        for (int m = 0; m < x.Matrices; m++)
        {
            int At(int i, int j) => m * size + (transpose ? j * x.Cols + i : i * x.Cols + j); // element (i, j) of the matrix (p × q)
            var matrix = new double[p, q];
            double squares = 0;
            for (int i = 0; i < p; i++)
            {
                for (int j = 0; j < q; j++)
                {
                    matrix[i, j] = Element(ns.X, x, At(i, j));
                    squares += matrix[i, j] * matrix[i, j];
                }
            }
            matrix = DoubleMatrix.Scale(matrix, 1 / Math.Max(Math.Sqrt(squares), NewtonSchulz.Eps));
            for (int step = 0; step < ns.Steps; step++)
            {
                double[,] gram = DoubleMatrix.Multiply(matrix, DoubleMatrix.Transpose(matrix));
                matrix = DoubleMatrix.Add(DoubleMatrix.Scale(matrix, NewtonSchulz.A),
                    DoubleMatrix.Multiply(DoubleMatrix.Add(DoubleMatrix.Scale(gram, NewtonSchulz.B), DoubleMatrix.Scale(DoubleMatrix.Multiply(gram, gram), NewtonSchulz.C)), matrix));
            }
            for (int i = 0; i < p; i++)
            {
                for (int j = 0; j < q; j++)
                    result[At(i, j)] = (float)matrix[i, j];
            }
        }
        x.Orthogonalised[ns] = result;
        return result;
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
}

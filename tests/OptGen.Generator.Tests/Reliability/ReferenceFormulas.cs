using System.Globalization;
using System.Text;

namespace OptGen.Generator.Tests.Reliability;

/// <summary>
/// Updates made as trees (by <see cref="ReferenceFormulaGen"/>), written two ways: as the language's text, for the
/// generator (here), and as a plain evaluation of what the language says it means (<see cref="ReferenceEvaluation"/>).
/// </summary>
/// <remarks>
/// The formulas keep their values finite and away from the points where a small rounding changes much: square roots
/// and divisors are of <c>abs(x) + 1</c>, states are clamped to [-4, 4] as they are written, and no more than three
/// operations nest.
/// </remarks>
internal static class ReferenceFormulas
{
    /// <summary>
    /// The axes of a tensor's matrix view a value varies along (dsl.md §7): none (per step or per tensor), the matrix of
    /// the stack, the row, the column; an element value varies along all three.
    /// </summary>
    [Flags]
    public enum Axes { None = 0, Matrix = 1, Row = 2, Column = 4, All = Matrix | Row | Column }

    /// <summary>The axes of a value made of parts: their union, where rows and columns together make an element value.</summary>
    public static Axes Join(params Node[] parts)
    {
        Axes axes = parts.Aggregate(Axes.None, (a, p) => a | p.Axes);
        return (axes & (Axes.Row | Axes.Column)) == (Axes.Row | Axes.Column) ? Axes.All : axes;
    }

    public abstract record Node(Axes Axes);

    /// <summary>A state, <c>g</c>, <c>w</c>, a local, a shape built-in or <c>t</c>.</summary>
    public sealed record Name(string Text, Axes At) : Node(At);

    public sealed record Number(double Value) : Node(Axes.None);

    /// <summary>
    /// <c>-x</c>, <c>abs(x)</c>, <c>sqrt(abs(x) + 1)</c>, <c>exp(-abs(x))</c>, <c>log(abs(x) + 1)</c> or <c>tanh(x)</c>.
    /// </summary>
    public sealed record Unary(string Op, Node X) : Node(X.Axes);

    /// <summary>
    /// <c>a + b</c>, <c>a - b</c>, <c>a * b</c>, <c>a / (abs(b) + 1)</c>, <c>min(a, b)</c>, <c>max(a, b)</c> or
    /// <c>pow(min(abs(a), 3) + 1, min(abs(b), 2))</c>.
    /// </summary>
    public sealed record Binary(char Op, Node A, Node B) : Node(Join(A, B));

    /// <summary><c>a &gt; b ? x : y</c>.</summary>
    public sealed record Choice(Node A, Node B, Node X, Node Y) : Node(Join(A, B, X, Y));

    /// <summary>
    /// <c>sum</c>, <c>mean</c>, <c>norm</c>, <c>maxabs</c> or <c>dot</c> over the tensor, or <c>row_</c>, <c>col_</c>,
    /// <c>mat_</c>, <c>stack_</c> <c>sum</c>, <c>mean</c>, <c>norm</c>, <c>max</c>, <c>min</c>, <c>dot</c> along axes:
    /// it varies along the axes its operands vary along, less those it reduces.
    /// </summary>
    public sealed record Reduction(string Function, Node X, Node? Y) : Node(Operand(X, Y) & ~Reduces(Function))
    {
        /// <summary>What it does to each group: sum, mean, norm, max, min, maxabs or dot.</summary>
        public string Kind => Function[(Function.IndexOf('_') + 1)..];
    }

    /// <summary><c>newton_schulz(x, 3.4445, -4.775, 2.0315, steps, 1e-7)</c>: Muon's coefficients.</summary>
    public sealed record NewtonSchulz(Node X, int Steps) : Node(Axes.All)
    {
        public const double A = 3.4445, B = -4.775, C = 2.0315, Eps = 1e-7;
    }

    public abstract record Line;

    /// <summary>
    /// <c>target = value</c>; <c>w</c>: <c>w -= lr * value</c>; <see cref="SetWeights"/>: <c>w = value</c>. What a
    /// state, <c>g</c> or <c>w</c> is set to is clamped to [-4, 4] (<see cref="Clamped"/>).
    /// </summary>
    public sealed record Statement(string Target, Node Value) : Line;

    /// <summary>The target of <c>w = value</c> (<c>w</c> alone is <c>w -= lr * value</c>).</summary>
    public const string SetWeights = "w=";

    /// <summary>
    /// The shared state (<c>[State("d", Shared = true)]</c>, dsl.md §1): one value for the whole step, assigned only
    /// per-step values, outside branches on the shape.
    /// </summary>
    public const string SharedState = "d";

    /// <summary>Whether what a statement sets is clamped to [-4, 4] as it is written: states, <c>g</c> and <c>w = …</c>.</summary>
    public static bool Clamped(string target) => IsState(target) || target is "g" or SetWeights or SharedState;

    /// <summary><c>if condition … else … end</c>, decided once per tensor by its shape, or once per step by the bool.</summary>
    public sealed record Branch(string Condition, List<Line> Then, List<Line> Else) : Line;

    /// <summary>
    /// The states every update declares, with the axes each holds: <c>m</c>, <c>v</c> per element, <c>r</c> per row,
    /// <c>c</c> per column, <c>q</c> per matrix, <c>ri</c> per row index, <c>ci</c> per column index, <c>k</c> one per tensor;
    /// and <see cref="SharedState"/>, declared apart.
    /// </summary>
    public static readonly (string Name, Axes Axes, string Declaration)[] States =
    [
        ("m", Axes.All, """State("m")"""), ("v", Axes.All, """State("v")"""),
        ("r", Axes.Matrix | Axes.Row, """State("r", Shape = StateShape.Row)"""),
        ("c", Axes.Matrix | Axes.Column, """State("c", Shape = StateShape.Column)"""),
        ("q", Axes.Matrix, """State("q", Shape = StateShape.Matrix)"""),
        ("ri", Axes.Row, """State("ri", Shape = StateShape.RowIndex)"""),
        ("ci", Axes.Column, """State("ci", Shape = StateShape.ColumnIndex)"""),
        ("k", Axes.None, """State("k", Scalar = true)"""),
    ];

    /// <summary>
    /// The hyperparameters every update declares: <c>Beta</c>, a float (0.9), and <c>Flag</c>, a bool a branch may be
    /// decided by (the generator then writes one update per value), set at random on each instance.
    /// </summary>
    public const string Beta = "Beta", Flag = "Flag";

    public const string Hyperparameters = """
        [Hyperparameter(0.9)] public partial float Beta { get; set; }
        [Hyperparameter(true)] public partial bool Flag { get; set; }
        """;

    public static bool IsState(string name) => States.Any(s => s.Name == name);

    /// <summary>A state of one value per row, column, matrix, row index or column index.</summary>
    public static bool IsFactored(string name) => States.Any(s => s.Name == name && s.Axes is not (Axes.All or Axes.None));

    /// <summary>The axes a reduction's prefix reduces (none: the whole tensor).</summary>
    public static Axes Reduces(string function) => function[..(function.IndexOf('_') + 1)] switch
    {
        "row_" => Axes.Column,
        "col_" => Axes.Row,
        "mat_" => Axes.Row | Axes.Column,
        "stack_" => Axes.Matrix,
        _ => Axes.All,
    };

    private static Axes Operand(Node x, Node? y) => y is null ? x.Axes : Join(x, y);

    /// <summary>A node's operands, in order (none for a name or a number).</summary>
    public static Node[] Parts(Node node) => node switch
    {
        Unary u => [u.X],
        Binary b => [b.A, b.B],
        Choice c => [c.A, c.B, c.X, c.Y],
        Reduction { Y: { } y } r => [r.X, y],
        Reduction r => [r.X],
        NewtonSchulz ns => [ns.X],
        _ => [],
    };

    // ----- the text -----

    public static string Text(IEnumerable<Line> lines)
    {
        var sb = new StringBuilder();
        Write(lines, sb, "");
        return sb.ToString();
    }

    private static void Write(IEnumerable<Line> lines, StringBuilder sb, string indent)
    {
        foreach (Line line in lines)
        {
            if (line is Branch b)
            {
                sb.Append(indent).Append("if ").Append(b.Condition).Append('\n');
                Write(b.Then, sb, indent + "    ");
                sb.Append(indent).Append("else\n");
                Write(b.Else, sb, indent + "    ");
                sb.Append(indent).Append("end\n");
                continue;
            }
            var s = (Statement)line;
            sb.Append(indent).Append(s.Target switch
            {
                "w" => $"w -= lr * {Text(s.Value)}",
                SetWeights => $"w = clamp({Text(s.Value)}, -4, 4)",
                _ when Clamped(s.Target) => $"{s.Target} = clamp({Text(s.Value)}, -4, 4)",
                _ => $"{s.Target} = {Text(s.Value)}",
            }).Append('\n');
        }
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
        NewtonSchulz ns => $"newton_schulz({Text(ns.X)}, 3.4445, -4.775, 2.0315, {ns.Steps}, 1e-7)", // NewtonSchulz's constants
        _ => throw new ArgumentException(node.ToString()),
    };
}

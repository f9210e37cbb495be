using System.Text;
using System.Text.RegularExpressions;
using CsCheck;

namespace OptGen.Generator.Tests.Reliability;

/// <summary>
/// Formula text: grammatical updates over the names the standard test class declares (m, v, p, q, d, Beta1, Eps, K,
/// Flag), random token streams, and valid updates with random mutations.
/// </summary>
internal static partial class FormulaGen
{
    public static readonly string[] Garbage =
    [
        "@", "#", "$", "\"", "\\", "`", "~", "[", "]", "{", "}", "'", "ü", "Ω", "😀", "\uD800", "\u2028", "\u2029", "\u0085", "\v", "\f",
        "\0", "\u200B", "\u202E", "\u00A0", "\r", "\r\n", "1e999", "-1e999", "1e-999", "99999999999999999999999999999", ".", "..",
        "1.2.3", "0x10", "1e", "e5", "1e+", "=", "==", "=>", "&", "|", "%", "<>", ":::", "??", "?.", "*/", "/*", "//", "\t",
    ];

    /// <summary>Names that exist in the language, in C#, or in the generated code.</summary>
    public static readonly string[] ShadowNames =
    [
        "w", "g", "t", "lr", "n", "pi", "e", "lr0", "T", "sqrt", "sum", "dot", "global_norm", "uniform", "LearningRate", "Step",
        "State", "StepCount", "__state", "__skip", "__acc", "ema", "k", "st", "acc0", "acc0_1", "gacc", "w_in", "g_in", "m_in",
        "hp_Beta1", "t_", "lr_", "step", "completed", "tensors", "parameters", "schedule", "variant", "value", "i", "x_1", "rW",
        "float", "double", "class", "return", "null", "true", "Math", "System", "global", "Vector256", "_", "__", "Beta1", "K",
        "loss", "Loss", "__loss", "__lossSet", "Seed", "RandomKey", "mod", "f32", "normal", "x0",
    ];

    private static readonly string[] Leaves = ["w", "g", "m", "v", "p", "q", "d", "t", "lr", "n", "pi", "e", "Beta1", "Eps", "K", "1", "0.5", "2", "1e-8", "0", "x", "loss", "uniform()", "normal()"];
    internal static readonly string[] BinaryOps = ["+", "-", "*", "/", "^"];
    internal static readonly string[] Compare = ["<", "<=", ">", ">=", "==", "!="];
    internal static readonly string[] Unary = ["sqrt", "abs", "sign", "exp", "log", "floor", "cos", "sin", "tanh", "f32"];
    internal static readonly string[] Binary = ["min", "max", "pow", "dot", "mod"];
    internal static readonly string[] Reductions = ["sum", "mean", "norm", "maxabs", "global_sum", "global_norm", "global_maxabs"];

    public static readonly Gen<string> Expr = Gen.Recursive<string>((depth, self) => depth > 3
        ? Gen.OneOf(Leaves)
        : Gen.Frequency(
            (5, Gen.OneOf(Leaves)),
            (4, Gen.Select(self, Gen.OneOf(BinaryOps), self, (a, op, b) => $"{a} {op} {b}")),
            (1, self.Select(a => $"({a})")),
            (1, self.Select(a => $"-{a}")),
            (2, Gen.Select(Gen.OneOf(Unary), self, (f, a) => $"{f}({a})")),
            (1, Gen.Select(Gen.OneOf(Binary), self, self, (f, a, b) => $"{f}({a}, {b})")),
            (1, Gen.Select(self, self, self, (a, b, c) => $"clamp({a}, {b}, {c})")),
            (1, Gen.Select(Gen.OneOf(Reductions), self, (f, a) => $"{f}({a})")),
            (2, Gen.Select(Condition(self), self, self, (c, a, b) => $"({c} ? {a} : {b})"))));

    internal static Gen<string> Condition(Gen<string> expr) => Gen.Frequency(
        (4, Gen.Select(expr, Gen.OneOf(Compare), expr, (a, op, b) => $"{a} {op} {b}")),
        (1, Gen.OneOf("Flag", "!Flag", "Flag && t > 1", "t == 1 || Flag", "!(w > 0)")));

    private static readonly Gen<string> Statement = Gen.Select(
        Gen.OneOf("w", "w", "g", "m", "v", "p", "d", "x", "y"), Gen.OneOf("=", "=", "+=", "-=", "*=", "/="), Expr,
        (target, op, value) => $"{target} {op} {value}");

    /// <summary>An update that uses every declared state and writes w, so it is often accepted.</summary>
    public static readonly Gen<string> Update = Gen.Select(Statement.Array[0, 4], Expr, Gen.OneOf("\n", "; ", "\n\n", " ;\n"),
        (body, last, separator) => string.Join(separator,
            new[] { "x = g * 1" }.Concat(body).Append("m = Beta1 * m + (1 - Beta1) * g + p * 0 + q * 0").Append("v = v + g * g").Append("d = max(d, global_maxabs(g))")
                .Append($"w -= lr * m / (sqrt(v) + Eps) + {last} * 0")));

    /// <summary>A schedule formula over t, lr0, T and the hyperparameters.</summary>
    public static readonly Gen<string> Schedule = Gen.Select(Gen.OneOf("", "warm = min(1, t / 10)\n", "a = 1; b = a * 2\n"), Expr,
        (locals, e) => locals + e.Replace("w", "lr0").Replace("g", "T").Replace("m", "t").Replace("v", "uniform()").Replace("p", "normal()").Replace("lr", "lr0"));

    public static readonly Gen<string> TokenStream = Gen.Frequency(
            (6, Gen.OneOf(Leaves)), (5, Gen.OneOf(BinaryOps)), (2, Gen.OneOf(Compare)),
            (2, Gen.OneOf("(", ")", ",", "?", ":", "=", "+=", "-=", "*=", "/=", ";", "\n", "&&", "||", "!")),
            (2, Gen.OneOf(Unary.Concat(Binary).Concat(Reductions).ToArray())), (2, Gen.OneOf(ShadowNames)), (2, Gen.OneOf(Garbage)))
        .Array[0, 40].Select(tokens => string.Join(" ", tokens));

    private static readonly Gen<string> Nest = Gen.Select(Gen.Int[150, 260], Gen.OneOf("(", "-", "+", "!", "sqrt(", "x ? 1 : "),
        (depth, open) => string.Concat(Enumerable.Repeat(open, depth)) + "g" + (open.EndsWith('(') ? new string(')', depth) : ""));

    private enum Mutation { Delete, Swap, Duplicate, Insert, Huge, Nest, Unicode, Empty, Shadow, Truncate }

    /// <summary>A valid update with 1 to 4 random mutations.</summary>
    public static readonly Gen<string> Mutated = MutationsOf(Update);

    /// <summary>Formulas from <paramref name="valid"/> with 1 to 4 random mutations.</summary>
    internal static Gen<string> MutationsOf(Gen<string> valid) => Gen.Select(valid, Gen.Select(Gen.Enum<Mutation>(), Gen.UInt, Gen.UInt, Gen.Int[0, 4096]).Array[1, 4], Nest,
        (text, mutations, nest) =>
        {
            var tokens = Tokens().Matches(text).Select(m => m.Value).ToList();
            foreach ((Mutation kind, uint a, uint b, int c) in mutations)
            {
                int i = tokens.Count == 0 ? 0 : (int)(a % (uint)tokens.Count);
                int j = tokens.Count == 0 ? 0 : (int)(b % (uint)tokens.Count);
                switch (kind)
                {
                    case Mutation.Delete when tokens.Count > 0: tokens.RemoveAt(i); break;
                    case Mutation.Swap when tokens.Count > 0: (tokens[i], tokens[j]) = (tokens[j], tokens[i]); break;
                    case Mutation.Duplicate when tokens.Count > 0: tokens.Insert(i, tokens[i]); break;
                    case Mutation.Insert: tokens.Insert(i, Garbage[c % Garbage.Length]); break;
                    case Mutation.Huge: tokens.Insert(i, new[] { "1e308 * 10", "1e309", "179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000", "4.9e-324", "0.000000000000000000000000000000000000000000000001", new string('9', 400), "1e-400" }[c % 7]); break;
                    case Mutation.Nest: tokens.Insert(i, nest); break;
                    case Mutation.Unicode: tokens.Insert(i, new[] { "ü", "Ωmega", "\u2028", "\u0085", "\v", "\f", "😀", "\u00A0", "\u3000", "ｗ", "\u202E" }[c % 11]); break;
                    case Mutation.Empty: tokens.Clear(); break;
                    case Mutation.Shadow: tokens.Insert(i, ShadowNames[c % ShadowNames.Length] + (c % 2 == 0 ? " = " : "")); break;
                    case Mutation.Truncate: tokens.RemoveRange(i, tokens.Count - i); break;
                }
            }
            return string.Concat(tokens);
        });

    [GeneratedRegex(@"\s+|[A-Za-z_][A-Za-z0-9_]*|[0-9.]+(e[-+]?[0-9]+)?|[-+*/<>=!]=|&&|\|\||.", RegexOptions.Singleline)]
    private static partial Regex Tokens();

    /// <summary>Any formula: grammatical, mutated or a random token stream.</summary>
    public static readonly Gen<string> Any = Gen.Frequency((4, Update), (4, Mutated), (2, TokenStream));

    /// <summary>The formula as a C# expression of one of the literal kinds an attribute can take.</summary>
    public static Gen<string> AsArgument(string formula, bool many) => Gen.Int[0, 5].Select(kind => kind switch
    {
        0 when formula.Length > 0 && formula.All(c => c == '\n' || Plain(c)) => "\"\"\"\n" + Indent(formula) + "\n    \"\"\"",
        1 when formula.All(Plain) => "@\"" + formula + "\"",
        2 when formula.Length > 2 => Regular(formula[..(formula.Length / 2)]) + " + " + Regular(formula[(formula.Length / 2)..]),
        3 when many && formula.Contains('\n') => string.Join(", ", formula.Split('\n').Select(Regular)),
        _ => Regular(formula),
    });

    private static bool Plain(char c) => c != '"' && ((c >= 32 && c < 127) || char.IsLetter(c));

    private static string Indent(string text) => string.Join("\n", text.Split('\n').Select(l => "    " + l));

    /// <summary>A regular C# string literal with every unusual character escaped.</summary>
    public static string Regular(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in text)
        {
            if (c is '"' or '\\')
                sb.Append('\\').Append(c);
            else if (c < 32 || c > 126)
                sb.Append($"\\u{(int)c:X4}");
            else
                sb.Append(c);
        }
        return sb.Append('"').ToString();
    }
}

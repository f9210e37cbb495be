using CsCheck;

namespace OptGen.Generator.Tests.Reliability;

/// <summary>One random [Optimizer] or [Schedule] class. <see cref="ValidCSharp"/> is false when the C# itself is wrong
/// (an attribute argument of the wrong type, two [Update]s...), so only "never crashes" is required of it.</summary>
internal sealed record ClassCase(string Declaration, string Namespace, bool IsSchedule, bool ValidCSharp);

internal static class ClassGen
{
    private record struct Piece(string Text, bool Valid = true);

    private static Gen<Piece> Ok(params string[] texts) => Gen.OneOf(texts).Select(t => new Piece(t));

    private static readonly string[] HyperNames =
    [
        "Beta1", "Beta1", "Eps", "K", "Flag", "Alpha", "beta1", "BETA1", "t", "lr", "w", "LearningRate", "Step", "State", "Schedule",
        "StepCount", "Reset", "SkippedSteps", "GradientClipValue", "MaxGradientNorm", "L2Penalty", "DecoupledWeightDecay",
        "WeightClipValue", "EmaDecay", "AccumulationSteps", "GetWeightEma", "Ünï", "@float", "@class", "__state", "_beta1Value",
        "__learningRate", "value", "k", "TotalSteps", "Seed", "GetLearningRate", "Run", "Pass0", "Loss", "loss", "RandomKey", "F1", "F2", "F3", "F4", "F5", "F6", "F7",
    ];

    // (type, valid default expressions, bad default expressions): bad ones are still valid C#.
    private static readonly (string Type, string[] Defaults)[] Types =
    [
        ("float", ["0.9", "1e-8", "0", "-1", "1e300", "double.NaN", "double.PositiveInfinity", "double.NegativeInfinity", "true", "3.4028234663852886e38", "1e-46"]),
        ("double", ["0.9", "1e300", "double.NaN", "double.NegativeInfinity", "false", "-0.0", "4.9e-324"]),
        ("int", ["3", "2.5", "3e9", "-3e9", "double.NaN", "true", "2147483647", "-2147483648"]),
        ("long", ["3", "1e19", "9.2233720368547758e18", "-9.2233720368547758e18", "2.5", "false"]),
        ("bool", ["false", "true", "0", "1"]),
        ("decimal", ["1"]), ("string?", ["1"]), ("float?", ["1"]), ("uint", ["1"]), ("global::System.Half", ["1"]), ("object?", ["1"]),
    ];

    private static readonly string[] Bounds = ["", "", ", Min = 0", ", Max = 1", ", Min = 0, Max = 1", ", Min = 1, Max = 0", ", Min = double.NaN", ", Max = double.NegativeInfinity", ", Min = -1e300, Max = 1e300", ", Min = 5"];

    private static readonly string[] Shapes =
    [
        "public partial {T} {N} { get; set; }", "public partial {T} {N} { get; set; }", "public partial {T} {N} { get; set; }",
        "internal partial {T} {N} { get; set; }", "partial {T} {N} { get; set; }", "public {T} {N} { get; set; }",
        "public static partial {T} {N} { get; set; }", "public partial {T} {N} { get; }", "public partial {T} {N} { get; private set; }",
        "public {T} {N} => default!;", "public partial {T} {N} { get; init; }",
    ];

    private static readonly Gen<Piece> Hyperparameter = Gen.Select(Gen.OneOf(HyperNames), Gen.Int[0, Types.Length - 1], Gen.Int[0, 99], Gen.OneOf(Bounds), Gen.OneOf(Shapes),
        (name, typeIndex, pick, bounds, shape) =>
        {
            (string type, string[] defaults) = typeIndex >= 5 && pick % 4 != 0 ? Types[pick % 5] : Types[typeIndex];
            string value = pick % 17 == 0 ? "\"x\"" : defaults[pick % defaults.Length];
            bool valid = value != "\"x\"" && !(shape.Contains("static") && false);
            return new Piece($"/// <summary>h</summary>\n    [Hyperparameter({value}{bounds})] {shape.Replace("{T}", type).Replace("{N}", name)}", valid);
        });

    private static readonly string[] StateNames = ["m", "v", "p", "m", "", " ", "1x", "ü", "w", "lr", "g", "t", "e", "Step", "__state", "k", "st", "acc0", "class", "x y", "m\n", "__acc", "ema", "Beta1", "m_in", "w_in"];

    private static readonly Gen<Piece> State = Gen.Select(Gen.OneOf(StateNames), Gen.Int[0, 9], Gen.OneOf("", "", ", Scalar = true", ", Init = 1", ", Scalar = true, Init = 1", ", Init = double.NaN", ", Init = 1e300", ", Scalar = true, Init = double.PositiveInfinity",
        ", InitFromWeights = true", ", Scalar = true, InitFromWeights = true", ", Init = 1, InitFromWeights = true", ", InitFromWeights = false",
        ", Shared = true", ", Shared = true, Init = 1", ", Scalar = true, Shared = true", ", Shared = true, InitFromWeights = true"),
        (name, how, named) => how switch
        {
            0 => new Piece("State(null!)"),
            1 => new Piece("State(1)", false),
            _ => new Piece($"State({FormulaGen.Regular(name)}{named})"),
        });

    private static readonly Gen<Piece> Transform = Gen.Select(
        Gen.OneOf("ClipGradientValue", "ClipGradientNorm", "L2Penalty", "DecoupledWeightDecay", "ClipWeights", "SkipNonFinite", "AccumulateGradients", "WeightEma"),
        Gen.OneOf("", "()", "(1.0)", "(0)", "(-1)", "(double.NaN)", "(1e300)", "(4)", "(-5)", "(int.MaxValue)", "(\"x\")", "(2)"),
        (kind, arg) =>
        {
            bool intArg = kind == "AccumulateGradients";
            bool valid = arg != "(\"x\")" && !(kind == "SkipNonFinite" && arg.Length > 2)
                && !(intArg && arg is "(1.0)" or "(double.NaN)" or "(1e300)");
            return new Piece(kind + arg, valid);
        });

    private static Gen<Piece> UpdateAttribute(Gen<string> formula) => Gen.Int[0, 19].SelectMany(kind => kind switch
    {
        0 => Ok("Update()", "Update(null!)", "Update((string)null!)", "Update(new string[0])", "Update(\"\")", "Update(\"w -= lr * g\", null!)"),
        1 => formula.SelectMany(f => FormulaGen.AsArgument(f, many: true)).Select(a => new Piece($"Update({a}), Update(\"w -= g\")", false)),
        _ => formula.SelectMany(f => FormulaGen.AsArgument(f, many: true)).Select(a => new Piece($"Update({a})")),
    });

    private static readonly string[] ClassNames = ["Opt", "Adam", "Parameter", "IOptimizer", "Ünïcødé", "Math", "System", "OptGen", "Vector256", "MemoryMarshal", "@class", "_", "Ω"];
    private static readonly string[] Namespaces = ["", "", "", ".Inner", ".Ünï", ".System", ".@class", ".OptGen"];

    /// <summary>The standard class around a formula: every name the formula generator uses is declared.</summary>
    private static readonly Piece[] StandardMembers =
    [
        new("/// <summary>h</summary>\n    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta1 { get; set; }"),
        new("/// <summary>h</summary>\n    [Hyperparameter(1e-8, Min = 0)] public partial double Eps { get; set; }"),
        new("/// <summary>h</summary>\n    [Hyperparameter(3, Min = 1)] public partial int K { get; set; }"),
        new("/// <summary>h</summary>\n    [Hyperparameter(false)] public partial bool Flag { get; set; }"),
    ];

    private static readonly Piece[] StandardStates = [new("State(\"m\")"), new("State(\"v\")"), new("State(\"p\", Scalar = true, Init = 1)"), new("State(\"q\", InitFromWeights = true)"), new("State(\"d\", Shared = true, Init = 1)")];

    private static ClassCase Build(string ns, string primary, Piece[] attributes, string kind, string name, Piece[] members, string outer, bool schedule, bool valid = true)
    {
        string attrs = string.Join("", attributes.Select(a => $"[{a.Text}]\n"));
        string body = string.Join("\n\n    ", members.Select(m => m.Text));
        string decl = $"/// <summary>c</summary>\n[{primary}]\n{attrs}{kind} {name}\n{{\n    {body}\n}}\n";
        if (outer.Length > 0)
            decl = $"/// <summary>o</summary>\n{outer} Outer\n{{\n{decl}}}\n";
        return new ClassCase(decl, ns, schedule, valid && attributes.All(a => a.Valid) && members.All(m => m.Valid));
    }

    /// <summary>The standard class (states m, v, p, q initialised from w and d shared by all tensors; hyperparameters Beta1, Eps, K, Flag) around random formulas, with
    /// random transforms; one in six is a schedule instead.</summary>
    public static Gen<ClassCase> Standard(Gen<string> updates) => Gen.Select(updates.SelectMany(f => FormulaGen.AsArgument(f, many: true)),
        FormulaGen.Schedule.SelectMany(f => FormulaGen.AsArgument(f, many: false)), Gen.Int[0, 99], Transform.Array[0, 3],
        (update, schedule, pick, transforms) => pick % 6 == 0
            ? Build(pick % 4 == 0 ? ".Ünï" : "", $"Schedule({schedule})", [], "public partial class", "Opt", StandardMembers, "", true)
            : Build(pick % 3 == 0 ? ".Ünï" : "", pick % 5 == 0 ? "Optimizer(LearningRate = 0.5)" : "Optimizer",
                StandardStates.Append(new Piece($"Update({update})")).Concat(transforms.DistinctBy(t => t.Text.Split('(')[0])).ToArray(),
                pick % 7 == 0 ? "internal sealed partial class" : "public partial class", "Opt", StandardMembers, "", false));

    private static readonly Piece[] ShapedStates =
    [
        new("State(\"m\")"), new("State(\"v\")"), new("State(\"rs\", Shape = StateShape.Row)"), new("State(\"cs\", Shape = StateShape.Column)"),
        new("State(\"ms\", Shape = StateShape.Matrix)"), new("State(\"ri\", Shape = StateShape.RowIndex)"), new("State(\"ci\", Shape = StateShape.ColumnIndex)"),
    ];

    private static readonly string[] ShapedPrimaries =
    [
        "Optimizer", "Optimizer", "Optimizer(View = TensorView.Channels)", "Optimizer(MinRank = 2, MaxRank = 2)", "Optimizer(MinRank = 2)",
        "Optimizer(MaxRank = 1)", "Optimizer(View = TensorView.Channels, MinRank = 1, MaxRank = 3)",
    ];

    /// <summary>The standard hyperparameters with the factored states of docs/dsl.md §7 around random shaped formulas,
    /// in either view and with rank limits, with random transforms.</summary>
    public static Gen<ClassCase> Shaped(Gen<string> updates) => Gen.Select(updates.SelectMany(f => FormulaGen.AsArgument(f, many: true)),
        Gen.OneOf(ShapedPrimaries), Transform.Array[0, 2],
        (update, primary, transforms) => Build("", primary,
            ShapedStates.Append(new Piece($"Update({update})")).Concat(transforms.DistinctBy(t => t.Text.Split('(')[0])).ToArray(),
            "public partial class", "Opt", StandardMembers, "", false));

    /// <summary>Attribute and declaration misuse around a (usually valid) formula.</summary>
    public static readonly Gen<ClassCase> Misused = Gen.Select(
        UpdateAttribute(Gen.Frequency((3, FormulaGen.Update), (1, FormulaGen.Any))), State.Array[0, 5], Hyperparameter.Array[0, 8],
        Transform.Array[0, 4], Gen.Int[0, 999], Gen.OneOf(ClassNames), Gen.OneOf(Namespaces),
        (update, states, hypers, transforms, pick, name, ns) =>
        {
            string kind = (pick % 23) switch
            {
                0 => "public class", 1 => "public static partial class", 2 => "public abstract partial class",
                3 => "public partial record", 4 => "public partial record class", 5 => "public partial struct",
                6 => "public sealed partial class", 7 => "internal partial class", _ => "public partial class",
            };
            bool valid = kind != "public partial struct" && !(kind.Contains("static") && hypers.Length > 0);
            string typeParams = pick % 19 == 0 ? "<T>" : "";
            string outer = (pick / 23 % 13) switch { 0 => "public partial class", 1 => "public static partial class", _ => "" };
            string primary = (pick / 7 % 11) switch
            {
                0 => "Optimizer(LearningRate = -1)", 1 => "Optimizer(LearningRate = double.NaN)", 2 => "Optimizer(LearningRate = 1e300)",
                3 => "Optimizer, Schedule(\"lr0\")", 4 => "Optimizer(LearningRate = double.PositiveInfinity)", 5 => "Optimizer(LearningRate = 0)",
                _ => "Optimizer",
            };
            Piece[] attrs = transforms.DistinctBy(t => t.Text.Split('(')[0]).Prepend(update).Concat(states).ToArray();
            // Two members with one name is a C# error (CS0102) whatever the generator does.
            bool unique = hypers.Select(h => System.Text.RegularExpressions.Regex.Match(h.Text, @"(\S+) (\{|=>)").Groups[1].Value).Distinct().Count() == hypers.Length;
            return Build(ns, primary, attrs, kind, name + typeParams, hypers, outer, false, valid && unique);
        });

}

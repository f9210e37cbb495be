namespace OptGen.Generator.Binding;

/// <summary>What a built-in call is, which decides how the binder checks it.</summary>
internal enum CallKind
{
    /// <summary>An element-wise function of numbers (<c>sqrt</c>, <c>min</c>, ...).</summary>
    Scalar,

    /// <summary>A reduction over a tensor, every tensor (<c>global_</c>), or rows, columns or matrices of its view.</summary>
    Reduction,

    /// <summary>A matrix-valued built-in run on whole matrices (<c>newton_schulz</c>).</summary>
    Matrix,

    /// <summary>A random draw (<c>uniform()</c>, <c>normal()</c>).</summary>
    Random,

    /// <summary>Written out by the binder from other operations (<c>mod</c>) or a rounding (<c>f32</c>).</summary>
    Rounding,
}

/// <summary>One built-in function of the language: its name as written, what it is and how many arguments it takes.</summary>
internal sealed record BuiltinFunction(string Name, CallKind Kind, int Arity)
{
    public Function Function { get; init; }
    public ReductionKind Reduction { get; init; }

    /// <summary>For a reduction: over every tensor of the step.</summary>
    public bool Global { get; init; }

    /// <summary>For a reduction: the axes it reduces away (all for a per-tensor or global one).</summary>
    public Axes Reduces { get; init; } = Axes.All;

    public MatrixFunction Matrix { get; init; }

    /// <summary>For a matrix built-in: how it is called, for the messages.</summary>
    public string? Usage { get; init; }
}

/// <summary>
/// The language's built-in names and functions, in one table that the binder, the declaration checks, the "did you
/// mean" suggestions and the emitters read (docs/dsl.md §3–§7 and /work/shared/spec/DSL.md describe them).
/// </summary>
internal static class Builtins
{
    /// <summary>The loss the caller set for this step (<c>ILossAware.Loss</c>), a per-step value.</summary>
    public const string Loss = "loss";

    /// <summary>Constants, in updates and schedules alike.</summary>
    public const string Pi = "pi", E = "e";

    /// <summary>The random draws, and the two calls the binder writes out itself (<c>mod</c>, <c>f32</c>).</summary>
    public const string Uniform = "uniform", Normal = "normal", Mod = "mod", F32 = "f32";

    /// <summary>The tensor's element count, per tensor.</summary>
    public const string Length = "n";

    /// <summary>The tensor's shape, per tensor: rank, and its matrix view (matrices of rows × cols).</summary>
    public static readonly string[] ShapeNames = ["rank", "rows", "cols", "matrices"];

    /// <summary>The per-step names of a schedule: the step, the base rate and the total steps.</summary>
    public static readonly string[] ScheduleInputs = ["t", "lr0", "T"];

    /// <summary>Names with a fixed meaning in updates (and what assigning them would mean).</summary>
    public static readonly string[] UpdateNames = ["w", "g", "t", "lr", Length, Pi, E, .. ShapeNames, Loss];

    /// <summary>Names with a fixed meaning in schedules.</summary>
    public static readonly string[] ScheduleNames = [.. ScheduleInputs, Pi, E];

    /// <summary>Names that only an update knows: an error in a schedule, which has no tensor.</summary>
    public static readonly string[] PerElementNames = ["w", "g", Length];

    /// <summary>What a built-in value means, for messages (the name itself where it says enough).</summary>
    public static string Describe(string builtin) => builtin switch
    {
        "t" => "the step number",
        "lr" => "the learning rate of this step",
        Length => "the number of elements of the tensor",
        "lr0" => "the optimizer's base learning rate",
        "T" => "the schedule's TotalSteps",
        Loss => "the loss of this step, set by the caller",
        _ => builtin,
    };

    /// <summary>Every built-in function by name.</summary>
    public static readonly IReadOnlyDictionary<string, BuiltinFunction> Functions = BuildFunctions().ToDictionary(f => f.Name);

    /// <summary>The names a call may use: reductions and matrix built-ins only in updates.</summary>
    public static IEnumerable<string> FunctionNames(bool schedule) =>
        Functions.Values.Where(f => !schedule || f.Kind is not (CallKind.Reduction or CallKind.Matrix)).Select(f => f.Name);

    /// <summary>
    /// The name a per-tensor or axis reduction is written with, for comments in the generated code (a global one is
    /// named by its per-tensor kind; one the planner derived without a name of its own by its kind).
    /// </summary>
    public static string ReductionName(ReductionKind kind, Axes reduces) =>
        Functions.Values.FirstOrDefault(f => f.Kind == CallKind.Reduction && !f.Global && f.Reduction == kind && f.Reduces == reduces)?.Name
        ?? kind.ToString().ToLowerInvariant();

    private static IEnumerable<BuiltinFunction> BuildFunctions()
    {
        (string Name, Function Function, int Arity)[] scalar =
        [
            ("sqrt", Function.Sqrt, 1), ("abs", Function.Abs, 1), ("sign", Function.Sign, 1), ("exp", Function.Exp, 1),
            ("log", Function.Log, 1), ("floor", Function.Floor, 1), ("cos", Function.Cos, 1), ("sin", Function.Sin, 1),
            ("tanh", Function.Tanh, 1), ("min", Function.Min, 2), ("max", Function.Max, 2), ("pow", Function.Pow, 2),
            ("clamp", Function.Clamp, 3),
        ];
        foreach ((string name, Function function, int arity) in scalar)
            yield return new BuiltinFunction(name, CallKind.Scalar, arity) { Function = function };
        yield return new BuiltinFunction(Mod, CallKind.Rounding, 2);
        yield return new BuiltinFunction(F32, CallKind.Rounding, 1) { Function = Function.F32 };
        yield return new BuiltinFunction(Uniform, CallKind.Random, 0);
        yield return new BuiltinFunction(Normal, CallKind.Random, 0);

        // sum, mean, ... over a tensor (or all tensors); and row_/col_/mat_/stack_ variants along the axes of the matrix view.
        (string Name, ReductionKind Kind, int Arity)[] perTensor =
        [
            ("sum", ReductionKind.Sum, 1), ("mean", ReductionKind.Mean, 1), ("norm", ReductionKind.Norm, 1),
            ("maxabs", ReductionKind.MaxAbs, 1), ("dot", ReductionKind.Dot, 2),
        ];
        foreach ((string name, ReductionKind kind, int arity) in perTensor)
            yield return new BuiltinFunction(name, CallKind.Reduction, arity) { Reduction = kind };
        foreach ((string name, ReductionKind kind, int arity) in perTensor.Where(r => r.Kind is not (ReductionKind.Mean or ReductionKind.Dot)))
            yield return new BuiltinFunction("global_" + name, CallKind.Reduction, arity) { Reduction = kind, Global = true };
        (string Prefix, Axes Reduces, bool Norms)[] axes =
        [
            ("row_", Axes.Column, true), ("col_", Axes.Row, true), ("mat_", Axes.Row | Axes.Column, true), ("stack_", Axes.Matrix, false),
        ];
        (string Name, ReductionKind Kind, int Arity, bool IsNorm)[] alongAxes =
        [
            ("sum", ReductionKind.Sum, 1, false), ("mean", ReductionKind.Mean, 1, false), ("max", ReductionKind.Max, 1, false),
            ("min", ReductionKind.Min, 1, false), ("norm", ReductionKind.Norm, 1, true), ("dot", ReductionKind.Dot, 2, true),
        ];
        foreach ((string prefix, Axes reduces, bool norms) in axes)
        {
            foreach ((string name, ReductionKind kind, int arity, bool isNorm) in alongAxes.Where(r => norms || !r.IsNorm))
                yield return new BuiltinFunction(prefix + name, CallKind.Reduction, arity) { Reduction = kind, Reduces = reduces };
        }

        yield return new BuiltinFunction("newton_schulz", CallKind.Matrix, 6) { Matrix = MatrixFunction.NewtonSchulz, Usage = "newton_schulz(x, a, b, c, steps, eps)" };
    }
}

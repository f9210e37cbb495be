using System.Collections.Generic;
using System.Linq;
using OptGen.Generator.Model;
using OptGen.Generator.Parsing;

namespace OptGen.Generator.Binding;

/// <summary>
/// Resolves names, gives every expression a type (number or condition) and a level (constant, per step,
/// per tensor, per element), checks targets and arity, and rewrites the statements into single-assignment
/// form. Reports every problem it finds as a diagnostic located in the formula.
/// </summary>
internal sealed class Binder
{
    private static readonly Dictionary<string, (Function Function, int Arity)> s_functions = new()
    {
        ["sqrt"] = (Function.Sqrt, 1),
        ["abs"] = (Function.Abs, 1),
        ["sign"] = (Function.Sign, 1),
        ["exp"] = (Function.Exp, 1),
        ["log"] = (Function.Log, 1),
        ["floor"] = (Function.Floor, 1),
        ["cos"] = (Function.Cos, 1),
        ["sin"] = (Function.Sin, 1),
        ["tanh"] = (Function.Tanh, 1),
        ["min"] = (Function.Min, 2),
        ["max"] = (Function.Max, 2),
        ["pow"] = (Function.Pow, 2),
        ["clamp"] = (Function.Clamp, 3),
    };

    private static readonly Dictionary<string, (ReductionKind Kind, bool Global, int Arity, Axes Reduces)> s_reductions = BuildReductions();

    // sum, mean, ... over a tensor (or all tensors); and row_/col_/mat_/stack_ variants along the axes of the matrix view.
    private static Dictionary<string, (ReductionKind, bool, int, Axes)> BuildReductions()
    {
        var table = new Dictionary<string, (ReductionKind, bool, int, Axes)>
        {
            ["sum"] = (ReductionKind.Sum, false, 1, Axes.All),
            ["mean"] = (ReductionKind.Mean, false, 1, Axes.All),
            ["norm"] = (ReductionKind.Norm, false, 1, Axes.All),
            ["maxabs"] = (ReductionKind.MaxAbs, false, 1, Axes.All),
            ["dot"] = (ReductionKind.Dot, false, 2, Axes.All),
            ["global_sum"] = (ReductionKind.Sum, true, 1, Axes.All),
            ["global_norm"] = (ReductionKind.Norm, true, 1, Axes.All),
            ["global_maxabs"] = (ReductionKind.MaxAbs, true, 1, Axes.All),
        };
        (string Prefix, Axes Reduces, bool Norms)[] axes =
        [
            ("row_", Axes.Column, true), ("col_", Axes.Row, true), ("mat_", Axes.Row | Axes.Column, true), ("stack_", Axes.Matrix, false),
        ];
        foreach ((string prefix, Axes reduces, bool norms) in axes)
        {
            table[prefix + "sum"] = (ReductionKind.Sum, false, 1, reduces);
            table[prefix + "mean"] = (ReductionKind.Mean, false, 1, reduces);
            table[prefix + "max"] = (ReductionKind.Max, false, 1, reduces);
            table[prefix + "min"] = (ReductionKind.Min, false, 1, reduces);
            if (norms)
            {
                table[prefix + "norm"] = (ReductionKind.Norm, false, 1, reduces);
                table[prefix + "dot"] = (ReductionKind.Dot, false, 2, reduces);
            }
        }
        return table;
    }

    /// <summary>Matrix-valued built-ins: the matrix, then per-step arguments.</summary>
    private static readonly Dictionary<string, (MatrixFunction Function, int Arity, string Usage)> s_matrixFunctions = new()
    {
        ["newton_schulz"] = (MatrixFunction.NewtonSchulz, 6, "newton_schulz(x, a, b, c, steps, eps)"),
    };

    /// <summary>The tensor's shape, per tensor: rank, and its matrix view (matrices of rows × cols).</summary>
    public static readonly string[] ShapeBuiltins = ["rank", "rows", "cols", "matrices"];

    /// <summary>Names with a fixed meaning in updates (and what assigning them would mean).</summary>
    public static readonly string[] UpdateBuiltins = ["w", "g", "t", "lr", "n", "pi", "e", "rank", "rows", "cols", "matrices", Loss];

    /// <summary>The loss the caller set for this step (<c>ILossAware.Loss</c>), a per-step value.</summary>
    public const string Loss = "loss";

    /// <summary>Names with a fixed meaning in schedules.</summary>
    public static readonly string[] ScheduleBuiltins = ["t", "lr0", "T", "pi", "e"];

    private readonly ClassSpec _spec;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly Dictionary<string, Value> _current = new();
    private readonly Dictionary<string, int> _versions = new();
    private readonly HashSet<string> _read = new();
    private int _formula;
    private int _randomSites;

    private Binder(ClassSpec spec, List<DiagnosticInfo> diagnostics)
    {
        _spec = spec;
        _diagnostics = diagnostics;
        for (int i = 0; i < spec.Hyperparameters.Count; i++)
        {
            HyperparameterSpec h = spec.Hyperparameters[i];
            _current[h.Name] = new Value(ValueKind.Hyperparameter, h.Name, 0, Level.Step,
                h.Type == HyperparameterType.Bool ? ValueType.Bool : ValueType.Number, i);
        }
        if (spec.IsSchedule)
        {
            foreach (string name in new[] { "t", "lr0", "T" })
                _current[name] = new Value(ValueKind.Builtin, name, 0, Level.Step, ValueType.Number);
            return;
        }
        _current["w"] = new Value(ValueKind.Weight, "w", 0, Level.Element, ValueType.Number);
        _current["g"] = new Value(ValueKind.Gradient, "g", 0, Level.Element, ValueType.Number);
        _current["t"] = new Value(ValueKind.Builtin, "t", 0, Level.Step, ValueType.Number);
        _current["lr"] = new Value(ValueKind.Builtin, "lr", 0, Level.Step, ValueType.Number);
        _current["n"] = new Value(ValueKind.Builtin, "n", 0, Level.Tensor, ValueType.Number);
        _current[Loss] = new Value(ValueKind.Builtin, Loss, 0, Level.Step, ValueType.Number);
        foreach (string shape in ShapeBuiltins)
            _current[shape] = new Value(ValueKind.Builtin, shape, 0, Level.Tensor, ValueType.Number);
        int buffer = 0, scalar = 0, shared = 0;
        foreach (StateSpec s in spec.States)
        {
            if (_current.ContainsKey(s.Name) || s.Name is "pi" or "e")
                continue; // reported by CheckDeclarations
            Axes axes = AxesOf(s.Shape);
            _current[s.Name] = s.Shared ? new Value(ValueKind.SharedState, s.Name, 0, Level.Step, ValueType.Number, shared++)
                : s.Scalar
                ? new Value(ValueKind.ScalarState, s.Name, 0, Level.Tensor, ValueType.Number, scalar++)
                : new Value(ValueKind.Buffer, s.Name, 0, Levels.Of(axes), ValueType.Number, buffer++, axes);
        }
    }

    /// <summary>The axes a state of this shape varies along.</summary>
    public static Axes AxesOf(StateShapeKind shape) => shape switch
    {
        StateShapeKind.Row => Axes.Matrix | Axes.Row,
        StateShapeKind.Column => Axes.Matrix | Axes.Column,
        StateShapeKind.Matrix => Axes.Matrix,
        StateShapeKind.RowIndex => Axes.Row,
        StateShapeKind.ColumnIndex => Axes.Column,
        _ => Axes.All,
    };

    /// <summary>Binds an optimizer's update statements (branches kept as <see cref="BBranch"/> nodes).</summary>
    public static List<BNode> BindUpdate(ClassSpec spec, IReadOnlyList<Stmt> statements, List<DiagnosticInfo> diagnostics, bool checkUsage = true,
        System.Threading.CancellationToken cancellationToken = default)
    {
        var binder = new Binder(spec, diagnostics) { _cancellationToken = cancellationToken };
        List<BNode> bound = binder.BindBlock(statements);
        if (checkUsage)
            binder.CheckUsage(bound);
        return bound;
    }

    private System.Threading.CancellationToken _cancellationToken;
    private int _bound;

    private List<BNode> BindBlock(IReadOnlyList<Stmt> statements)
    {
        var bound = new List<BNode>();
        foreach (Stmt s in statements)
        {
            if ((++_bound & 255) == 0)
                _cancellationToken.ThrowIfCancellationRequested();
            BNode? b = s is IfStatement branch ? BindBranch(branch) : BindStatement((Statement)s);
            if (b is not null)
                bound.Add(b);
        }
        return bound;
    }

    /// <summary>Binds a schedule: its local statements, then the rate expression.</summary>
    public static (List<BStatement> Statements, BExpr? Rate) BindSchedule(ClassSpec spec, IReadOnlyList<Statement> statements, Expr rate, int rateFormula, List<DiagnosticInfo> diagnostics)
    {
        var binder = new Binder(spec, diagnostics);
        var bound = new List<BStatement>();
        foreach (Statement s in statements)
        {
            BStatement? b = binder.BindStatement(s);
            if (b is not null)
                bound.Add(b);
        }
        binder._formula = rateFormula;
        BExpr? e = binder.Bind(rate);
        if (e is not null && e.Type != ValueType.Number)
        {
            binder.Report(DiagnosticDescriptors.TypeMismatch, rate, "A schedule must compute a number, but this formula is a condition");
            return (bound, null);
        }
        return (bound, e);
    }

    /// <summary>Whether <see cref="CheckDeclarations"/> reports a hyperparameter of this name as a generated member.</summary>
    public static bool ReportsAsHyperparameter(string name, bool isSchedule) => GeneratedMembers(isSchedule).Contains(name);

    // Members of the generated class that a hyperparameter must not be named like (CheckDeclarations reports them).
    private static string[] GeneratedMembers(bool isSchedule) => isSchedule
        ? ["TotalSteps", "Seed", "GetLearningRate", "Hyperparameters", "GetHyperparameter", "SetHyperparameter"]
        : ["LearningRate", "Schedule", "StepCount", "State", "Step", "Reset", "Run", "Hyperparameters", "GetHyperparameter", "SetHyperparameter", "Seed", "Loss"];

    /// <summary>Declaration-level checks that need no formula: clashes between states, hyperparameters and built-ins.</summary>
    public static void CheckDeclarations(ClassSpec spec, List<DiagnosticInfo> diagnostics)
    {
        string[] builtins = spec.IsSchedule ? ScheduleBuiltins : UpdateBuiltins;
        string[] generatedMembers = GeneratedMembers(spec.IsSchedule);
        var seen = new HashSet<string>();
        foreach (HyperparameterSpec h in spec.Hyperparameters)
        {
            if (builtins.Contains(h.Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameConflict, h.Location, h.Name, "is a built-in name of the formula language; choose another name for the hyperparameter"));
            else if (generatedMembers.Contains(h.Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameConflict, h.Location, h.Name, "is a member OptGen generates; choose another name for the hyperparameter"));
            seen.Add(h.Name);
        }
        foreach (StateSpec s in spec.States)
        {
            if (builtins.Contains(s.Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameConflict, s.Location, s.Name, "is a built-in name of the formula language; choose another name for the state"));
            else if (!IsIdentifier(s.Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameConflict, s.Location, s.Name, "is not a valid name: use letters, digits and '_', starting with a letter or '_'"));
            else if (!seen.Add(s.Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateDeclaration, s.Location, s.Name));
            if (s.FromWeights && InitFromWeightsProblem(s) is { } problem)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BadStateInit, s.Location, s.Name, problem));
        }
    }

    // A state copied from w must hold one value per element of w, and start from nothing else.
    private static string? InitFromWeightsProblem(StateSpec s) =>
        s.Shared ? "it is shared by all tensors (Shared = true), one value per step; only a per-element state can hold a copy of w"
        : s.Scalar ? "it is a scalar (Scalar = true), one value per tensor; only a per-element state can hold a copy of w"
        : s.Shape != StateShapeKind.Element ? $"it is factored (Shape = StateShape.{s.Shape}); only a per-element state can hold a copy of w"
        : s.Init != 0 ? "it also has an Init value; a state starts either from Init or from w"
        : null;

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => (c < 128 && char.IsLetterOrDigit(c)) || c == '_')
        && (name[0] < 128);

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, int start, int length, params string[] args) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, _spec.Formulas[_formula].Locate(start, length), args));

    // An unknown name or function: args are (name, hint); with no hint of its own, the nearest candidate becomes
    // "; did you mean '...'?" and the code fix's replacement.
    private void ReportUnknown(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, int start, int length, string name, string hint, IEnumerable<string> candidates)
    {
        string? suggestion = hint.Length == 0 || hint.StartsWith(":", System.StringComparison.Ordinal) ? NameSuggester.Nearest(name, candidates) : null;
        if (suggestion is not null)
            hint += $"; did you mean '{suggestion}'?";
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, _spec.Formulas[_formula].Locate(start, length), name, hint) with { Suggestion = suggestion });
    }

    // The names a formula could mean at this point: built-ins, states, hyperparameters and the locals assigned so far.
    private IEnumerable<string> NamesInScope() => _current.Keys.Concat(["pi", "e"]);

    private IEnumerable<string> FunctionNames() =>
        s_functions.Keys.Concat(["mod", "f32", "uniform", "normal"]).Concat(_spec.IsSchedule ? [] : s_reductions.Keys);

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, Expr at, params string[] args) =>
        Report(descriptor, at.Start, at.Length, args);

    private BStatement? BindStatement(Statement s)
    {
        _formula = s.FormulaIndex;
        string name = s.Target;
        _current.TryGetValue(name, out Value? previous);
        if (previous is not null && _oneSided.Contains(previous))
        {
            Report(DiagnosticDescriptors.OneSidedBranchValue, s.TargetStart, s.TargetLength, name);
            return null;
        }
        if (previous is not null && previous.Kind is ValueKind.Hyperparameter or ValueKind.Builtin)
        {
            string why = previous.Kind == ValueKind.Hyperparameter
                ? "it is a hyperparameter, set from C# through its property"
                : $"it is a built-in value ({Describe(name)})";
            Report(DiagnosticDescriptors.ReadOnlyTarget, s.TargetStart, s.TargetLength, name, why);
            return null;
        }
        if (name is "pi" or "e")
        {
            Report(DiagnosticDescriptors.ReadOnlyTarget, s.TargetStart, s.TargetLength, name, "it is a constant");
            return null;
        }
        if (previous is null && s.Op != TokenKind.Assign)
        {
            ReportUnknown(DiagnosticDescriptors.UnknownName, s.TargetStart, s.TargetLength, name, ": a local must be assigned with '=' before it is updated", NamesInScope());
            return null;
        }

        BExpr? value = Bind(s.Value);
        if (value is null)
            return null;
        if (s.Op != TokenKind.Assign)
        {
            _read.Add(name);
            Op op = s.Op switch
            {
                TokenKind.PlusAssign => Op.Add,
                TokenKind.MinusAssign => Op.Sub,
                TokenKind.StarAssign => Op.Mul,
                _ => Op.Div,
            };
            if (previous!.Type != ValueType.Number || value.Type != ValueType.Number)
            {
                Report(DiagnosticDescriptors.TypeMismatch, s.Value, $"'{name} {OpText(op)}=' needs numbers on both sides");
                return null;
            }
            value = new BBinary(op, new BRef(previous), value, ValueType.Number);
        }

        Target target;
        Level level;
        switch (previous?.Kind)
        {
            case ValueKind.Weight or ValueKind.Gradient or ValueKind.Buffer:
            case ValueKind.Defined when previous.Target.Kind is TargetKind.Weight or TargetKind.Gradient or TargetKind.Buffer:
                target = previous.Kind switch
                {
                    ValueKind.Weight => new Target(TargetKind.Weight, -1),
                    ValueKind.Gradient => new Target(TargetKind.Gradient, -1),
                    ValueKind.Buffer => new Target(TargetKind.Buffer, previous.Index),
                    _ => previous.Target,
                };
                level = previous.Level;
                if (value.Type != ValueType.Number)
                {
                    Report(DiagnosticDescriptors.TypeMismatch, s.Value, $"'{name}' holds numbers, but this assigns it a condition");
                    return null;
                }
                if ((Levels.AxesOf(value) & ~previous.Axes) != Axes.None)
                {
                    Report(DiagnosticDescriptors.AxisMismatch, s.Value, name, Holds(previous.Axes), Along(Levels.AxesOf(value) & ~previous.Axes));
                    return null;
                }
                break;
            case ValueKind.SharedState:
            case ValueKind.Defined when previous.Target.Kind == TargetKind.SharedState:
                target = previous.Kind == ValueKind.SharedState ? new Target(TargetKind.SharedState, previous.Index) : previous.Target;
                level = Level.Step;
                if (value.Level > Level.Step || _rankOneBranch.Count > 0)
                {
                    Report(DiagnosticDescriptors.SharedFromPerTensor, s.Value, name,
                        _rankOneBranch.Count > 0 ? "inside a branch on the tensor's shape" : value.Level == Level.Tensor ? "a per-tensor value" : value.Level == Level.Axis ? "a per-row, per-column or per-matrix value" : "a per-element value");
                    return null;
                }
                if (value.Type != ValueType.Number)
                {
                    Report(DiagnosticDescriptors.TypeMismatch, s.Value, $"'{name}' holds a number, but this assigns it a condition");
                    return null;
                }
                break;
            case ValueKind.ScalarState:
            case ValueKind.Defined when previous.Target.Kind == TargetKind.ScalarState:
                target = previous.Kind == ValueKind.ScalarState ? new Target(TargetKind.ScalarState, previous.Index) : previous.Target;
                level = Level.Tensor;
                if (value.Level == Level.Element)
                {
                    Report(DiagnosticDescriptors.PerElementToScalar, s.Value, name);
                    return null;
                }
                if (value.Level == Level.Axis)
                {
                    Report(DiagnosticDescriptors.AxisMismatch, s.Value, name, "one value per tensor", Along(value.Axes));
                    return null;
                }
                if (value.Type != ValueType.Number)
                {
                    Report(DiagnosticDescriptors.TypeMismatch, s.Value, $"'{name}' holds a number, but this assigns it a condition");
                    return null;
                }
                break;
            default:
                target = Target.Local;
                level = value.Level == Level.Const ? Level.Step : value.Level;
                break;
        }

        var result = new Value(ValueKind.Defined, name, NextVersion(name), level, value.Type, axes: level == Level.Axis ? (target.Kind == TargetKind.Local ? value.Axes : previous!.Axes) : Axes.None) { Target = target };
        _current[name] = result;
        return new BStatement(result, value);
    }

    private int NextVersion(string name)
    {
        int version = _versions.TryGetValue(name, out int v) ? v + 1 : 1;
        _versions[name] = version;
        return version;
    }

    /// <summary>Values assigned in only one branch of an 'if': reading them after it is an error.</summary>
    private readonly HashSet<Value> _oneSided = new();

    private BBranch? BindBranch(IfStatement s)
    {
        _formula = s.FormulaIndex;
        BExpr? condition = Bind(s.Condition);
        bool ok = condition is not null;
        if (condition is not null)
        {
            _formula = s.FormulaIndex;
            if (condition.Type != ValueType.Bool)
            {
                Report(DiagnosticDescriptors.TypeMismatch, s.Condition, "the condition of 'if' must be a comparison or other condition, not a number");
                ok = false;
            }
            else if (FirstNotFixedByShape(condition) is { } culprit)
            {
                Report(DiagnosticDescriptors.BadBranchCondition, s.Condition, $" ('{culprit}' is not)");
                ok = false;
            }
        }
        var before = new Dictionary<string, Value>(_current);
        bool? rankOne = condition is null ? null : RankOneSide(condition);
        _rankOneBranch.Push(rankOne == true);
        List<BNode> then = BindBlock(s.Then);
        _rankOneBranch.Pop();
        var afterThen = new Dictionary<string, Value>(_current);
        _current.Clear();
        foreach (var kv in before)
            _current[kv.Key] = kv.Value;
        _rankOneBranch.Push(rankOne == false);
        List<BNode> otherwise = BindBlock(s.Else);
        _rankOneBranch.Pop();
        var afterElse = new Dictionary<string, Value>(_current);

        // After the branch, a name changed on either side holds a new value: the one its side assigned.
        var merges = new List<BMerge>();
        foreach (string name in afterThen.Keys.Union(afterElse.Keys).OrderBy(n => n, System.StringComparer.Ordinal))
        {
            afterThen.TryGetValue(name, out Value? a);
            afterElse.TryGetValue(name, out Value? b);
            if (ReferenceEquals(a, b))
                continue;
            if (a is not null && b is not null && a.Type != b.Type)
            {
                _formula = s.FormulaIndex;
                Report(DiagnosticDescriptors.TypeMismatch, s.Start, s.Length, $"'{name}' is a number in one branch of this 'if' and a condition in the other");
                ok = false;
                continue;
            }
            Value side = a ?? b!;
            Value other = b ?? a!;
            (Level level, Axes axes) = Levels.Join(side.Level, side.Axes, other.Level, other.Axes);
            Target target = TargetOf(side);
            var merged = new Value(ValueKind.Defined, name, NextVersion(name), level == Level.Const ? Level.Step : level, side.Type, axes: axes) { Target = target };
            if (a is null || b is null)
                _oneSided.Add(merged);
            merges.Add(new BMerge(merged, a, b));
            _current[name] = merged;
        }
        return ok ? new BBranch(condition!, then, otherwise, merges) : null;
    }

    // Where a value lives: a merged name keeps the memory target (w, a buffer, g, a scalar state) of its sides.
    private static Target TargetOf(Value v) => v.Kind switch
    {
        ValueKind.Weight => new Target(TargetKind.Weight, -1),
        ValueKind.Gradient => new Target(TargetKind.Gradient, -1),
        ValueKind.Buffer => new Target(TargetKind.Buffer, v.Index),
        ValueKind.ScalarState => new Target(TargetKind.ScalarState, v.Index),
        ValueKind.SharedState => new Target(TargetKind.SharedState, v.Index),
        _ => v.Target,
    };

    // A branch condition must be decided by the tensor's shape (and bool hyperparameters), once per tensor.
    private static string? FirstNotFixedByShape(BExpr e) => e switch
    {
        BConst or BBool => null,
        BRef { Value: { Kind: ValueKind.Builtin } v } when v.Name == "n" || ShapeBuiltins.Contains(v.Name) => null,
        BRef { Value: { Kind: ValueKind.Hyperparameter, Type: ValueType.Bool } } => null,
        BRef r => r.Value.Name,
        BUnary u => FirstNotFixedByShape(u.Operand),
        BBinary b => FirstNotFixedByShape(b.Left) ?? FirstNotFixedByShape(b.Right),
        BCond c => FirstNotFixedByShape(c.Condition) ?? FirstNotFixedByShape(c.WhenTrue) ?? FirstNotFixedByShape(c.WhenFalse),
        BCall c => c.Args.Select(FirstNotFixedByShape).FirstOrDefault(x => x is not null),
        BRandom r => r.Normal ? "normal()" : "uniform()",
        _ => "a reduction",
    };

    // True when the condition holds exactly for rank-1 tensors (rank == 1, rank < 2, rank <= 1), false when exactly for
    // rank >= 2 (rank > 1, rank >= 2, rank != 1); null otherwise. Used to spot a factored state read where rank is 1.
    private static bool? RankOneSide(BExpr condition) => condition switch
    {
        BBinary { Left: BRef { Value: { Kind: ValueKind.Builtin, Name: "rank" } }, Right: BConst c } b => (b.Op, c.Value) switch
        {
            (Op.Eq, 1) or (Op.Lt, 2) or (Op.Le, 1) => true,
            (Op.Gt, 1) or (Op.Ge, 2) or (Op.Ne, 1) => false,
            _ => null,
        },
        _ => null,
    };

    private readonly Stack<bool> _rankOneBranch = new();

    private static string Holds(Axes axes) => axes switch
    {
        Axes.All => "one value per element",
        Axes.None => "one value per tensor",
        _ => "one value per " + Per(axes),
    };

    /// <summary>What one value of a factored state covers: "row", "column", "matrix", "row index", "column index".</summary>
    public static string Per(Axes axes) => axes switch
    {
        Axes.Matrix | Axes.Row => "row",
        Axes.Matrix | Axes.Column => "column",
        Axes.Matrix => "matrix",
        Axes.Row => "row index",
        Axes.Column => "column index",
        Axes.Row | Axes.Column => "matrix element (shared by the stack)",
        _ => "element",
    };

    private static string Along(Axes axes)
    {
        var parts = new List<string>();
        if ((axes & Axes.Column) != 0)
            parts.Add("along a row");
        if ((axes & Axes.Row) != 0)
            parts.Add("along a column");
        if ((axes & Axes.Matrix) != 0)
            parts.Add("from matrix to matrix");
        return parts.Count == 0 ? "per element" : string.Join(" and ", parts);
    }

    private static string Describe(string builtin) => builtin switch
    {
        "t" => "the step number",
        "lr" => "the learning rate of this step",
        "n" => "the number of elements of the tensor",
        "lr0" => "the optimizer's base learning rate",
        "T" => "the schedule's TotalSteps",
        Loss => "the loss of this step, set by the caller",
        _ => builtin,
    };

    private static string OpText(Op op) => op switch
    {
        Op.Add => "+",
        Op.Sub => "-",
        Op.Mul => "*",
        Op.Div => "/",
        Op.Pow => "^",
        Op.Lt => "<",
        Op.Le => "<=",
        Op.Gt => ">",
        Op.Ge => ">=",
        Op.Eq => "==",
        Op.Ne => "!=",
        Op.And => "&&",
        Op.Or => "||",
        Op.Not => "!",
        _ => "-",
    };

    private BExpr? Bind(Expr e)
    {
        switch (e)
        {
            case NumberExpr num:
                return new BConst(num.Value);
            case NameExpr name:
                return BindName(name);
            case UnaryExpr u:
            {
                BExpr? operand = Bind(u.Operand);
                if (operand is null)
                    return null;
                if (u.Op == TokenKind.Bang)
                {
                    if (operand.Type != ValueType.Bool)
                    {
                        Report(DiagnosticDescriptors.TypeMismatch, u.Operand, "'!' needs a condition, but its operand is a number");
                        return null;
                    }
                    return new BUnary(Op.Not, operand);
                }
                if (operand.Type != ValueType.Number)
                {
                    Report(DiagnosticDescriptors.TypeMismatch, u.Operand, $"unary '{(u.Op == TokenKind.Minus ? "-" : "+")}' needs a number, but its operand is a condition");
                    return null;
                }
                return u.Op == TokenKind.Plus ? operand : operand is BConst c ? new BConst(-c.Value) : new BUnary(Op.Neg, operand);
            }
            case BinaryExpr b:
            {
                BExpr? left = Bind(b.Left);
                BExpr? right = Bind(b.Right);
                if (left is null || right is null)
                    return null;
                Op op = b.Op switch
                {
                    TokenKind.Plus => Op.Add,
                    TokenKind.Minus => Op.Sub,
                    TokenKind.Star => Op.Mul,
                    TokenKind.Slash => Op.Div,
                    TokenKind.Caret => Op.Pow,
                    TokenKind.Less => Op.Lt,
                    TokenKind.LessEqual => Op.Le,
                    TokenKind.Greater => Op.Gt,
                    TokenKind.GreaterEqual => Op.Ge,
                    TokenKind.EqualEqual => Op.Eq,
                    TokenKind.NotEqual => Op.Ne,
                    TokenKind.AndAnd => Op.And,
                    _ => Op.Or,
                };
                bool logical = op is Op.And or Op.Or;
                ValueType operandType = logical ? ValueType.Bool : ValueType.Number;
                string need = logical ? "conditions" : "numbers";
                foreach ((BExpr operand, Expr syntax, string side) in new[] { (left, b.Left, "left"), (right, b.Right, "right") })
                {
                    if (operand.Type != operandType)
                    {
                        Report(DiagnosticDescriptors.TypeMismatch, syntax, $"'{OpText(op)}' needs {need}, but its {side} operand is {(operand.Type == ValueType.Bool ? "a condition" : "a number")}");
                        return null;
                    }
                }
                ValueType type = op is Op.Add or Op.Sub or Op.Mul or Op.Div or Op.Pow ? ValueType.Number : ValueType.Bool;
                return new BBinary(op, left, right, type);
            }
            case ConditionalExpr c:
            {
                BExpr? cond = Bind(c.Condition);
                BExpr? a = Bind(c.WhenTrue);
                BExpr? b = Bind(c.WhenFalse);
                if (cond is null || a is null || b is null)
                    return null;
                if (cond.Type != ValueType.Bool)
                {
                    Report(DiagnosticDescriptors.TypeMismatch, c.Condition, "the condition of '?:' must be a comparison or other condition, not a number");
                    return null;
                }
                if (a.Type != b.Type)
                {
                    Report(DiagnosticDescriptors.TypeMismatch, c.WhenFalse, "both branches of '?:' must be numbers, or both conditions");
                    return null;
                }
                (Level level, Axes axes) = Levels.Join(cond.Level, cond.Axes, a.Level, a.Axes);
                (level, axes) = Levels.Join(level, axes, b.Level, b.Axes);
                return new BCond(cond, a, b, level, axes);
            }
            case CallExpr call:
                return BindCall(call);
            default:
                return null;
        }
    }

    private BExpr? BindName(NameExpr name)
    {
        if (name.Name == "pi")
            return new BConst(System.Math.PI);
        if (name.Name == "e")
            return new BConst(System.Math.E);
        if (!_current.TryGetValue(name.Name, out Value? value))
        {
            if (_spec.IsSchedule && name.Name is "w" or "g" or "n")
            {
                Report(DiagnosticDescriptors.PerElementInSchedule, name, name.Name);
                return null;
            }
            string hint = _spec.IsSchedule && name.Name == "lr" ? " (in a schedule the base rate is 'lr0')"
                : !_spec.IsSchedule && name.Name == "lr0" ? " (in an update the learning rate is 'lr')"
                : s_functions.ContainsKey(name.Name) || s_reductions.ContainsKey(name.Name) ? $" ('{name.Name}' is a function: call it with parentheses)"
                : "";
            ReportUnknown(DiagnosticDescriptors.UnknownName, name.Start, name.Length, name.Name, hint, NamesInScope());
            return null;
        }
        if (_oneSided.Contains(value))
        {
            Report(DiagnosticDescriptors.OneSidedBranchValue, name, name.Name);
            return null;
        }
        if (value.Level == Level.Axis && (value.Kind == ValueKind.Buffer || value.Target.Kind == TargetKind.Buffer) && _rankOneBranch.Contains(true))
        {
            Report(DiagnosticDescriptors.FactoredStateInRankOneBranch, name, name.Name, Per(value.Axes));
            return null;
        }
        _read.Add(name.Name);
        return new BRef(value);
    }

    private BExpr? BindCall(CallExpr call)
    {
        var args = new List<BExpr>();
        bool ok = true;
        foreach (Expr a in call.Arguments)
        {
            BExpr? b = Bind(a);
            if (b is null)
            {
                ok = false;
                continue;
            }
            if (b.Type != ValueType.Number)
            {
                Report(DiagnosticDescriptors.TypeMismatch, a, $"the arguments of '{call.Name}' must be numbers, not conditions");
                ok = false;
            }
            args.Add(b);
        }

        if (call.Name is "uniform" or "normal")
        {
            if (call.Arguments.Count != 0)
            {
                Report(DiagnosticDescriptors.WrongArity, call, call.Name, "no arguments", Given(call.Arguments.Count));
                return null;
            }
            // In a schedule one draw per step; in an update one per element (keyed by seed, step, tensor, element, site).
            return new BRandom(call.Name == "normal", _randomSites++, _spec.IsSchedule ? Level.Step : Level.Element);
        }

        if (s_reductions.TryGetValue(call.Name, out var reduction))
        {
            if (_spec.IsSchedule)
            {
                Report(DiagnosticDescriptors.PerElementInSchedule, call.Start, call.NameLength, call.Name);
                return null;
            }
            if (call.Arguments.Count != reduction.Arity)
            {
                Report(DiagnosticDescriptors.WrongArity, call, call.Name, Arguments(reduction.Arity), Given(call.Arguments.Count));
                return null;
            }
            if (!ok)
                return null;
            Axes operand = args.Aggregate(Axes.None, (x, a) => x | Levels.AxesOf(a));
            if (reduction.Reduces == Axes.All)
            {
                if (operand == Axes.None)
                {
                    Report(DiagnosticDescriptors.ScalarReduction, call, call.Name);
                    return null;
                }
                if (reduction.Global && operand != Axes.All)
                {
                    Report(DiagnosticDescriptors.ReducesNothing, call, call.Name, "every element of every tensor", "by element (a global reduction needs a per-element argument)");
                    return null;
                }
            }
            else if ((operand & reduction.Reduces) == Axes.None)
            {
                Report(DiagnosticDescriptors.ReducesNothing, call, call.Name, ReducedText(reduction.Reduces), Along(reduction.Reduces));
                return null;
            }
            else if (reduction.Reduces == Axes.Matrix && (operand & (Axes.Row | Axes.Column)) == (Axes.Row | Axes.Column))
            {
                Report(DiagnosticDescriptors.ReducesNothing, call, call.Name, "over the matrices of the stack",
                    "along a row or along a column (reduce rows or columns first: stack_ reductions keep one value per row or column index)");
                return null;
            }
            return new BReduce(reduction.Kind, reduction.Global, args, reduction.Reduces);
        }

        if (s_matrixFunctions.TryGetValue(call.Name, out var matrixFunction))
        {
            if (call.Arguments.Count != matrixFunction.Arity)
            {
                Report(DiagnosticDescriptors.WrongArity, call, call.Name, Arguments(matrixFunction.Arity), Given(call.Arguments.Count));
                return null;
            }
            if (!ok)
                return null;
            if (args[0].Level != Level.Element)
            {
                Report(DiagnosticDescriptors.MatrixFunctionArgument, call.Arguments[0], $"'{call.Name}' works on the matrices of a per-element value, but its first argument does not vary by element ({matrixFunction.Usage})");
                return null;
            }
            for (int i = 1; i < args.Count; i++)
            {
                if (args[i].Level > Level.Tensor)
                {
                    Report(DiagnosticDescriptors.MatrixFunctionArgument, call.Arguments[i], $"the arguments of '{call.Name}' after the matrix must be the same for the whole tensor ({matrixFunction.Usage})");
                    return null;
                }
            }
            return new BMatrixOp(matrixFunction.Function, args[0], args.Skip(1).ToList());
        }

        if (call.Name is "mod" or "f32")
            return ok ? BindRounding(call, args) : null;

        if (!s_functions.TryGetValue(call.Name, out var function))
        {
            ReportUnknown(DiagnosticDescriptors.UnknownFunction, call.Start, call.NameLength, call.Name, "", FunctionNames());
            return null;
        }
        if (call.Arguments.Count != function.Arity)
        {
            Report(DiagnosticDescriptors.WrongArity, call, call.Name, Arguments(function.Arity), Given(call.Arguments.Count));
            return null;
        }
        if (!ok)
            return null;
        (Level level, Axes axes) = (Level.Const, Axes.None);
        foreach (BExpr a in args)
            (level, axes) = Levels.Join(level, axes, a.Level, a.Axes);
        return new BCall(function.Function, args, level, axes);
    }

    // mod(x, y) = x - y floor(x / y) (Python's %, the sign of y; exact for whole numbers such as t mod k), written out
    // so that every level and width computes it with operations it already has. f32(x) rounds a per-step value to
    // float32 (a peer that computes a scalar in float32); an element is float32 already, so f32 of one is a no-op.
    private BExpr? BindRounding(CallExpr call, List<BExpr> args)
    {
        int arity = call.Name == "mod" ? 2 : 1;
        if (args.Count != arity)
        {
            Report(DiagnosticDescriptors.WrongArity, call, call.Name, Arguments(arity), Given(args.Count));
            return null;
        }
        if (call.Name == "f32")
        {
            if (args[0].Level >= Level.Axis)
            {
                Report(DiagnosticDescriptors.F32OfElement, call);
                return args[0];
            }
            return new BCall(Function.F32, args, args[0].Level);
        }
        BExpr x = args[0], y = args[1];
        var quotient = new BBinary(Op.Div, x, y, ValueType.Number);
        var floor = new BCall(Function.Floor, [quotient], quotient.Level, quotient.Axes);
        return new BBinary(Op.Sub, x, new BBinary(Op.Mul, y, floor, ValueType.Number), ValueType.Number);
    }

    private static string ReducedText(Axes reduces) => reduces switch
    {
        Axes.Column => "along each row",
        Axes.Row => "along each column",
        Axes.Matrix => "over the matrices of the stack",
        _ => "over each matrix",
    };

    private static bool WritesWeights(IEnumerable<BNode> nodes) => nodes.Any(n => n switch
    {
        BStatement s => s.Result.Target.Kind == TargetKind.Weight,
        BBranch b => WritesWeights(b.Then) || WritesWeights(b.Else),
        _ => false,
    });

    private static string Arguments(int n) => n == 1 ? "1 argument" : $"{n} arguments";

    private static string Given(int n) => n == 1 ? "1 was" : $"{n} were";

    private void CheckUsage(List<BNode> bound)
    {
        if (!_diagnostics.Any(d => DiagnosticDescriptors.ById(d.Id).DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
            && !WritesWeights(bound))
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NeverWritesWeights, _spec.Formulas.Count > 0 ? _spec.Formulas[0].Literal : _spec.Location, _spec.Name));
        }
        foreach (StateSpec s in _spec.States)
        {
            if (!_read.Contains(s.Name))
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StateNeverRead, s.Location, s.Name));
        }
    }
}

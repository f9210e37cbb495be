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

    private static readonly Dictionary<string, (ReductionKind Kind, bool Global, int Arity)> s_reductions = new()
    {
        ["sum"] = (ReductionKind.Sum, false, 1),
        ["mean"] = (ReductionKind.Mean, false, 1),
        ["norm"] = (ReductionKind.Norm, false, 1),
        ["maxabs"] = (ReductionKind.MaxAbs, false, 1),
        ["dot"] = (ReductionKind.Dot, false, 2),
        ["global_sum"] = (ReductionKind.Sum, true, 1),
        ["global_norm"] = (ReductionKind.Norm, true, 1),
        ["global_maxabs"] = (ReductionKind.MaxAbs, true, 1),
    };

    /// <summary>Names with a fixed meaning in updates (and what assigning them would mean).</summary>
    public static readonly string[] UpdateBuiltins = ["w", "g", "t", "lr", "n", "pi", "e"];

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
        int buffer = 0, scalar = 0;
        foreach (StateSpec s in spec.States)
        {
            if (_current.ContainsKey(s.Name) || s.Name is "pi" or "e")
                continue; // reported by CheckDeclarations
            _current[s.Name] = s.Scalar
                ? new Value(ValueKind.ScalarState, s.Name, 0, Level.Tensor, ValueType.Number, scalar++)
                : new Value(ValueKind.Buffer, s.Name, 0, Level.Element, ValueType.Number, buffer++);
        }
    }

    /// <summary>Binds an optimizer's update statements.</summary>
    public static List<BStatement> BindUpdate(ClassSpec spec, IReadOnlyList<Statement> statements, List<DiagnosticInfo> diagnostics, bool checkUsage = true,
        System.Threading.CancellationToken cancellationToken = default)
    {
        var binder = new Binder(spec, diagnostics);
        var bound = new List<BStatement>();
        foreach (Statement s in statements)
        {
            if ((bound.Count & 255) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            BStatement? b = binder.BindStatement(s);
            if (b is not null)
                bound.Add(b);
        }
        if (checkUsage)
            binder.CheckUsage(bound);
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
        ? ["TotalSteps", "Seed", "GetLearningRate"]
        : ["LearningRate", "Schedule", "StepCount", "State", "Step", "Reset", "Run"];

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
        }
    }

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
        s_functions.Keys.Concat(_spec.IsSchedule ? ["uniform", "normal"] : s_reductions.Keys);

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, Expr at, params string[] args) =>
        Report(descriptor, at.Start, at.Length, args);

    private BStatement? BindStatement(Statement s)
    {
        _formula = s.FormulaIndex;
        string name = s.Target;
        _current.TryGetValue(name, out Value? previous);
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
                level = Level.Element;
                if (value.Type != ValueType.Number)
                {
                    Report(DiagnosticDescriptors.TypeMismatch, s.Value, $"'{name}' holds numbers, but this assigns it a condition");
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

        int version = _versions.TryGetValue(name, out int v) ? v + 1 : 1;
        _versions[name] = version;
        var result = new Value(ValueKind.Defined, name, version, level, value.Type) { Target = target };
        _current[name] = result;
        return new BStatement(result, value);
    }

    private static string Describe(string builtin) => builtin switch
    {
        "t" => "the step number",
        "lr" => "the learning rate of this step",
        "n" => "the number of elements of the tensor",
        "lr0" => "the optimizer's base learning rate",
        "T" => "the schedule's TotalSteps",
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
                Level level = new[] { cond.Level, a.Level, b.Level }.Max();
                return new BCond(cond, a, b, level);
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
            if (!_spec.IsSchedule)
            {
                Report(DiagnosticDescriptors.UnknownFunction, call.Start, call.NameLength, call.Name, ": random draws are available in schedules only");
                return null;
            }
            if (call.Arguments.Count != 0)
            {
                Report(DiagnosticDescriptors.WrongArity, call, call.Name, "no arguments", Given(call.Arguments.Count));
                return null;
            }
            return new BRandom(call.Name == "normal", _randomSites++);
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
            if (args.All(a => a.Level != Level.Element))
            {
                Report(DiagnosticDescriptors.ScalarReduction, call, call.Name);
                return null;
            }
            return new BReduce(reduction.Kind, reduction.Global, args);
        }

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
        Level level = args.Count == 0 ? Level.Const : args.Max(a => a.Level);
        return new BCall(function.Function, args, level);
    }

    private static string Arguments(int n) => n == 1 ? "1 argument" : $"{n} arguments";

    private static string Given(int n) => n == 1 ? "1 was" : $"{n} were";

    private void CheckUsage(List<BStatement> bound)
    {
        if (!_diagnostics.Any(d => DiagnosticDescriptors.ById(d.Id).DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
            && !bound.Any(s => s.Result.Target.Kind == TargetKind.Weight))
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

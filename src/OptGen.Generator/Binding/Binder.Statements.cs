using OptGen.Generator.Model;
using OptGen.Generator.Parsing;

namespace OptGen.Generator.Binding;

// Statements: assignments in single-assignment form, and if/else branches on the tensor's shape.
internal sealed partial class Binder
{
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
                : $"it is a built-in value ({Builtins.Describe(name)})";
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
                Report(DiagnosticDescriptors.TypeMismatch, s.Value, $"'{name} {Operators.Spelling(op)}=' needs numbers on both sides");
                return null;
            }
            value = new BBinary(op, new BRef(previous), value, ValueType.Number);
        }

        Target target = previous is null ? Target.Local : TargetOf(previous);
        Level level;
        switch (target.Kind)
        {
            case TargetKind.Weight or TargetKind.Gradient or TargetKind.Buffer:
                level = previous!.Level;
                if (!AssignsNumber(value, s, name, "numbers"))
                    return null;
                if ((Levels.AxesOf(value) & ~previous.Axes) != Axes.None)
                {
                    Report(DiagnosticDescriptors.AxisMismatch, s.Value, name, Holds(previous.Axes), Along(Levels.AxesOf(value) & ~previous.Axes));
                    return null;
                }
                break;
            case TargetKind.SharedState:
                level = Level.Step;
                if (value.Level > Level.Step || _shapeBranches > 0)
                {
                    Report(DiagnosticDescriptors.SharedFromPerTensor, s.Value, name,
                        _shapeBranches > 0 ? "inside a branch on the tensor's shape" : value.Level == Level.Tensor ? "a per-tensor value" : value.Level == Level.Axis ? "a per-row, per-column or per-matrix value" : "a per-element value");
                    return null;
                }
                if (!AssignsNumber(value, s, name, "a number"))
                    return null;
                break;
            case TargetKind.ScalarState:
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
                if (!AssignsNumber(value, s, name, "a number"))
                    return null;
                break;
            default:
                level = value.Level == Level.Const ? Level.Step : value.Level;
                break;
        }

        var result = new Value(ValueKind.Defined, name, NextVersion(name), level, value.Type, axes: level == Level.Axis ? (target.Kind == TargetKind.Local ? value.Axes : previous!.Axes) : Axes.None) { Target = target };
        _current[name] = result;
        return new BStatement(result, value);
    }

    // State, w and g hold numbers: assigning one a condition is reported ("'m' holds numbers, but ...").
    private bool AssignsNumber(BExpr value, Statement s, string name, string holds)
    {
        if (value.Type == ValueType.Number)
            return true;
        Report(DiagnosticDescriptors.TypeMismatch, s.Value, $"'{name}' holds {holds}, but this assigns it a condition");
        return false;
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
        // A branch on bool hyperparameters alone picks one side for every tensor of the step; one that reads the shape
        // (or whose condition did not bind) may split them.
        int byShape = condition is null || ShapeConditions.UsesShape(condition) ? 1 : 0;
        _shapeBranches += byShape;
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
        _shapeBranches -= byShape;
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
            // One-sided too where a side is itself one-sided: an 'else if' chain is an 'if' nested in an 'else', and a
            // name its inner 'if' assigns on one side only has no value after the outer one either.
            if (a is null || b is null || _oneSided.Contains(a) || _oneSided.Contains(b))
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
        BRef { Value: { Kind: ValueKind.Builtin } v } when v.Name == Builtins.Length || Builtins.ShapeNames.Contains(v.Name) => null,
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

    /// <summary>How many branches that read the tensor's shape the statement being bound is inside.</summary>
    private int _shapeBranches;
}

using OptGen.Generator.Model;
using OptGen.Generator.Parsing;

namespace OptGen.Generator.Binding;

// Expressions: names, operators, calls (functions, reductions, matrix functions) and the usage checks.
internal sealed partial class Binder
{
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
                        Report(DiagnosticDescriptors.TypeMismatch, syntax, $"'{Operators.Spelling(op)}' needs {need}, but its {side} operand is {(operand.Type == ValueType.Bool ? "a condition" : "a number")}");
                        return null;
                    }
                }
                if (op == Op.Pow)
                    return Power(left, right);
                ValueType type = op is Op.Add or Op.Sub or Op.Mul or Op.Div ? ValueType.Number : ValueType.Bool;
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
        if (name.Name == Builtins.Pi)
            return new BConst(System.Math.PI);
        if (name.Name == Builtins.E)
            return new BConst(System.Math.E);
        if (!_current.TryGetValue(name.Name, out Value? value))
        {
            if (_spec.IsSchedule && Builtins.PerElementNames.Contains(name.Name))
            {
                Report(DiagnosticDescriptors.PerElementInSchedule, name, name.Name);
                return null;
            }
            string hint = _spec.IsSchedule && name.Name == "lr" ? " (in a schedule the base rate is 'lr0')"
                : !_spec.IsSchedule && name.Name == "lr0" ? " (in an update the learning rate is 'lr')"
                : Builtins.Functions.ContainsKey(name.Name) ? $" ('{name.Name}' is a function: call it with parentheses)"
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

        if (!Builtins.Functions.TryGetValue(call.Name, out BuiltinFunction? function))
        {
            ReportUnknown(DiagnosticDescriptors.UnknownFunction, call.Start, call.NameLength, call.Name, "", Builtins.FunctionNames(_spec.IsSchedule));
            return null;
        }
        if (_spec.IsSchedule && function.Kind == CallKind.Reduction)
        {
            Report(DiagnosticDescriptors.PerElementInSchedule, call.Start, call.NameLength, call.Name);
            return null;
        }
        if (call.Arguments.Count != function.Arity)
        {
            Report(DiagnosticDescriptors.WrongArity, call, call.Name, Arguments(function.Arity), Given(call.Arguments.Count));
            return null;
        }
        if (!ok)
            return null;
        switch (function.Kind)
        {
            case CallKind.Random:
                // In a schedule one draw per step; in an update one per element (keyed by seed, step, tensor, element, site).
                return new BRandom(call.Name == Builtins.Normal, _randomSites++, _spec.IsSchedule ? Level.Step : Level.Element);
            case CallKind.Reduction:
                return BindReduction(call, function, args);
            case CallKind.Matrix:
                return BindMatrixFunction(call, function, args);
            case CallKind.Rounding:
                return BindRounding(call, args);
        }
        if (function.Function == Function.Pow)
            return Power(args[0], args[1]);
        (Level level, Axes axes) = (Level.Const, Axes.None);
        foreach (BExpr a in args)
            (level, axes) = Levels.Join(level, axes, a.Level, a.Axes);
        return new BCall(function.Function, args, level, axes);
    }

    // x^y and pow(x, y), one meaning: an exponent made of numbers alone (1 / 3) is one number, computed here in double as
    // it would be at run time, so that the emitter sees which it is (x^2 a product, x^(1 / 3) a cube root).
    private static BBinary Power(BExpr x, BExpr y) =>
        new(Op.Pow, x, y is not BConst && ConstantNumber(y) is double value ? new BConst(value) : y, ValueType.Number);

    // The value of an expression of numbers, +, -, *, / and negation alone; null for anything else.
    private static double? ConstantNumber(BExpr e) => e switch
    {
        BConst c => c.Value,
        BUnary { Op: Op.Neg } u => -ConstantNumber(u.Operand),
        BBinary { Op: Op.Add or Op.Sub or Op.Mul or Op.Div } b when ConstantNumber(b.Left) is double l && ConstantNumber(b.Right) is double r => b.Op switch
        {
            Op.Add => l + r,
            Op.Sub => l - r,
            Op.Mul => l * r,
            _ => l / r,
        },
        _ => null,
    };

    private BExpr? BindReduction(CallExpr call, BuiltinFunction reduction, List<BExpr> args)
    {
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
        return new BReduce(reduction.Reduction, reduction.Global, args, reduction.Reduces);
    }

    private BExpr? BindMatrixFunction(CallExpr call, BuiltinFunction matrixFunction, List<BExpr> args)
    {
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
        return new BMatrixOp(matrixFunction.Matrix, args[0], args.Skip(1).ToList());
    }

    // mod(x, y) = x - y floor(x / y) (Python's %, the sign of y; exact for whole numbers such as t mod k), written out
    // so that every level and width computes it with operations it already has. f32(x) rounds a per-step value to
    // float32 (a peer that computes a scalar in float32); an element is float32 already, so f32 of one is a no-op.
    private BExpr? BindRounding(CallExpr call, List<BExpr> args)
    {
        if (call.Name == Builtins.F32)
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

    private static string Arguments(int n) => n switch { 0 => "no arguments", 1 => "1 argument", _ => $"{n} arguments" };

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

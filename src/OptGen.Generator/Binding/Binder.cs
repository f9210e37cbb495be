using OptGen.Generator.Model;
using OptGen.Generator.Parsing;

namespace OptGen.Generator.Binding;

/// <summary>
/// Resolves names, gives every expression a type (number or condition) and a level (constant, per step,
/// per tensor, per element), checks targets and arity, and rewrites the statements into single-assignment
/// form. Reports every problem it finds as a diagnostic located in the formula.
/// </summary>
internal sealed partial class Binder
{
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
            foreach (string name in Builtins.ScheduleInputs)
                _current[name] = new Value(ValueKind.Builtin, name, 0, Level.Step, ValueType.Number);
            return;
        }
        _current["w"] = new Value(ValueKind.Weight, "w", 0, Level.Element, ValueType.Number);
        _current["g"] = new Value(ValueKind.Gradient, "g", 0, Level.Element, ValueType.Number);
        _current["t"] = new Value(ValueKind.Builtin, "t", 0, Level.Step, ValueType.Number);
        _current["lr"] = new Value(ValueKind.Builtin, "lr", 0, Level.Step, ValueType.Number);
        _current[Builtins.Length] = new Value(ValueKind.Builtin, Builtins.Length, 0, Level.Tensor, ValueType.Number);
        _current[Builtins.Loss] = new Value(ValueKind.Builtin, Builtins.Loss, 0, Level.Step, ValueType.Number);
        foreach (string shape in Builtins.ShapeNames)
            _current[shape] = new Value(ValueKind.Builtin, shape, 0, Level.Tensor, ValueType.Number);
        int buffer = 0, scalar = 0, shared = 0;
        foreach (StateSpec s in spec.States)
        {
            if (_current.ContainsKey(s.Name) || s.Name is Builtins.Pi or Builtins.E)
                continue; // reported by Extraction.DeclarationChecks
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
    private IEnumerable<string> NamesInScope() => _current.Keys.Concat([Builtins.Pi, Builtins.E]);

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, Expr at, params string[] args) =>
        Report(descriptor, at.Start, at.Length, args);
}

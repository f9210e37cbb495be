using OptGen.Generator.Binding;
using OptGen.Generator.Extraction;
using OptGen.Generator.Model;
using OptGen.Generator.Parsing;
using OptGen.Generator.Planning;
using OptGen.Generator.Transforms;

namespace OptGen.Generator;

/// <summary>
/// The front end for one class, shared by the generator and the analyzer: expand the transforms, check the
/// declarations, parse and bind the formulas. It finds every diagnostic OptGen reports; only the generator goes on
/// to plan and emit (<see cref="FormulaCompiler"/>), so the analyzer does no more work than the checks need.
/// </summary>
internal sealed class FormulaAnalysis
{
    public const int MaxFlags = 6;

    private FormulaAnalysis(TransformExpander.Expansion expansion, List<DiagnosticInfo> diagnostics)
    {
        Expansion = expansion;
        Diagnostics = diagnostics;
    }

    /// <summary>The class with its transforms expanded into hyperparameters, states and formulas.</summary>
    public ClassSpec Spec => Expansion.Spec;

    public TransformExpander.Expansion Expansion { get; }

    /// <summary>Everything found wrong, in the order found: the declaration's problems first, then the formulas'.</summary>
    public List<DiagnosticInfo> Diagnostics { get; }

    /// <summary>An optimizer's bound update (empty for a schedule).</summary>
    public List<BNode> Update { get; private set; } = [];

    /// <summary>The distinct shape conditions of the update's branches (<see cref="ShapeConditions"/>), in order.</summary>
    public List<BExpr> ShapeConditionList { get; private set; } = [];

    /// <summary>
    /// The plans of an update with shape branches, made to check that the branches agree on the phases (null without
    /// branches, or after an error): one per variant of the bool hyperparameters, each one per shape class.
    /// </summary>
    public List<Plan[]>? BranchPlans { get; private set; }

    /// <summary>A schedule's bound local statements.</summary>
    public List<BStatement> ScheduleLocals { get; private set; } = [];

    /// <summary>A schedule's bound rate expression; null for an optimizer or when it failed to parse or bind.</summary>
    public BExpr? ScheduleRate { get; private set; }

    /// <summary>Whether any diagnostic is an error, so nothing but the shell may be generated.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>
    /// Whether the class itself cannot be implemented (not partial, not a top-level class, a schedule with no usable
    /// formula), so not even a shell can be generated.
    /// </summary>
    public bool ClassIsUnusable => Diagnostics.Any(d => d.Id == DiagnosticDescriptors.NotPartial.Id || d.Id == DiagnosticDescriptors.BadClassShape.Id
        || (Spec.IsSchedule && d.Id == DiagnosticDescriptors.MissingFormula.Id));

    public static FormulaAnalysis Analyze(ClassSpec spec, CancellationToken cancellationToken)
    {
        var analysis = new FormulaAnalysis(TransformExpander.Expand(spec), new List<DiagnosticInfo>(spec.Diagnostics));
        analysis.Run(cancellationToken);
        return analysis;
    }

    private void Run(CancellationToken cancellationToken)
    {
        ClassSpec spec = Spec;
        DeclarationChecks.Check(spec, Diagnostics);

        var syntaxErrors = new List<SyntaxError>();
        var scheduleStatements = new List<Statement>();
        var statements = new List<Stmt>();
        Expr? scheduleFormula = null;
        for (int i = 0; i < spec.Formulas.Count; i++)
        {
            if (spec.IsSchedule)
                Parser.ParseSchedule(spec.Formulas[i].Text, i, syntaxErrors, cancellationToken, scheduleStatements, out scheduleFormula);
            else
                statements.AddRange(Parser.ParseStatements(spec.Formulas[i].Text, i, syntaxErrors, cancellationToken));
        }
        foreach (SyntaxError e in syntaxErrors)
        {
            SourceSpanInfo? location = spec.Formulas[e.FormulaIndex].Locate(e.Start, e.Length);
            Diagnostics.Add(e.TooDeep ? DiagnosticInfo.Create(DiagnosticDescriptors.TooDeep, location, Parser.MaxDepth.ToString())
                : e.BadNumber ? DiagnosticInfo.Create(DiagnosticDescriptors.NumberOutOfRange, location, e.Message)
                : DiagnosticInfo.Create(DiagnosticDescriptors.SyntaxError, location, e.Message));
        }
        if (!spec.IsSchedule && statements.Count == 0 && syntaxErrors.Count == 0 && spec.Formulas.Count > 0)
            Diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingFormula, spec.Formulas[0].Literal ?? spec.Location, $"The [Update] of '{spec.Name}' has no statements"));
        int flags = spec.Hyperparameters.Count(h => h.Type == HyperparameterType.Bool);
        if (!spec.IsSchedule && flags > MaxFlags)
            Diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooManyVariants, spec.Location, spec.Name, flags.ToString(), MaxFlags.ToString()));
        cancellationToken.ThrowIfCancellationRequested();

        if (!spec.IsSchedule)
        {
            Update = Binder.BindUpdate(spec, statements, Diagnostics, cancellationToken: cancellationToken);
            ShapeConditionList = ShapeConditions.Collect(Update);
            if (ShapeConditionList.Count > ShapeConditions.Max)
                Diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooManyShapeConditions, spec.Location, spec.Name, ShapeConditionList.Count.ToString(), ShapeConditions.Max.ToString()));
            else if (ShapeConditionList.Count > 0 && !HasErrors)
                CheckBranchPhases(cancellationToken);
        }
        else if (scheduleFormula is not null && syntaxErrors.Count == 0)
        {
            (ScheduleLocals, ScheduleRate) = Binder.BindSchedule(spec, scheduleStatements, scheduleFormula, spec.Formulas.Count - 1, Diagnostics);
        }
    }

    // The tensors of a step run phase by phase, each with its shape class's plan: the plans must cut phases at the same
    // global reductions (the same ones in the same order). PhaseCuts.Align makes them cut alike where they have the same
    // global reductions; they have not where one is inside a shape branch, which this refuses. Only an update with
    // branches needs the plans for this, so only it pays for planning in the analyzer.
    private void CheckBranchPhases(CancellationToken cancellationToken)
    {
        BranchPlans = PlanVariants(Spec, Update, ShapeConditionList, cancellationToken);
        foreach (Plan[] classes in BranchPlans)
        {
            // The global reductions in order, each with the phase it ends: equal in every shape class, as is the phase
            // count, once PhaseCuts has aligned the classes, unless a global reduction is inside a shape branch.
            static IEnumerable<(string Name, ReductionKind Kind, int Phase)> Globals(Plan p) =>
                p.Reductions.Where(r => r.IsGlobal).Select(r => (r.Result.Name, r.Kind, p.Passes[r.Pass].Phase));
            Plan first = classes[0];
            if (classes.Any(c => c.PhaseCount != first.PhaseCount || !Globals(c).SequenceEqual(Globals(first))))
            {
                Diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GlobalReductionAfterShapeBranch, Spec.Formulas[0].Literal ?? Spec.Location, Spec.Name));
                BranchPlans = null;
                return;
            }
        }
    }

    /// <summary>
    /// One plan per variant (a combination of the bool hyperparameters) and, within it, per shape class (a combination
    /// of the outcomes of the shape conditions: bit j is condition j), the classes cutting phases alike where they can.
    /// </summary>
    public static List<Plan[]> PlanVariants(ClassSpec spec, List<BNode> bound, List<BExpr> shapeConditions, CancellationToken cancellationToken)
    {
        var flagIndexes = Enumerable.Range(0, spec.Hyperparameters.Count).Where(i => spec.Hyperparameters[i].Type == HyperparameterType.Bool).ToList();
        var keys = shapeConditions.Select(ShapeConditions.Key).ToList();
        var plans = new List<Plan[]>();
        for (int variant = 0; variant < 1 << flagIndexes.Count; variant++)
        {
            var values = new Dictionary<int, bool>();
            for (int i = 0; i < flagIndexes.Count; i++)
                values[flagIndexes[i]] = ((variant >> i) & 1) != 0;
            var classes = new IReadOnlyList<BStatement>[1 << keys.Count];
            for (int shapeClass = 0; shapeClass < classes.Length; shapeClass++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var outcomes = new Dictionary<string, bool>();
                for (int j = 0; j < keys.Count; j++)
                    outcomes[keys[j]] = ((shapeClass >> j) & 1) != 0;
                classes[shapeClass] = VariantSpecializer.Specialize(bound, values, outcomes);
            }
            plans.Add(PhaseCuts.Align(classes, cancellationToken));
        }
        return plans;
    }
}

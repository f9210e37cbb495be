using System.Collections.Generic;
using System.Linq;
using System.Threading;
using OptGen.Generator.Binding;
using OptGen.Generator.Model;
using OptGen.Generator.Parsing;

namespace OptGen.Generator.Compiling;

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
    public List<BStatement> Update { get; private set; } = [];

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
        Binder.CheckDeclarations(spec, Diagnostics);

        var syntaxErrors = new List<SyntaxError>();
        var statements = new List<Statement>();
        Expr? scheduleFormula = null;
        for (int i = 0; i < spec.Formulas.Count; i++)
        {
            if (spec.IsSchedule)
                Parser.ParseSchedule(spec.Formulas[i].Text, i, syntaxErrors, cancellationToken, statements, out scheduleFormula);
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
        }
        else if (scheduleFormula is not null && syntaxErrors.Count == 0)
        {
            (ScheduleLocals, ScheduleRate) = Binder.BindSchedule(spec, statements, scheduleFormula, spec.Formulas.Count - 1, Diagnostics);
        }
    }
}

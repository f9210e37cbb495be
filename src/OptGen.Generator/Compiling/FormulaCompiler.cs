using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using OptGen.Generator.Binding;
using OptGen.Generator.Emitting;
using OptGen.Generator.Model;
using OptGen.Generator.Parsing;
using OptGen.Generator.Planning;

namespace OptGen.Generator.Compiling;

/// <summary>Runs the stages for one class: parse, bind, plan, emit. Any error stops before emitting.</summary>
internal static class FormulaCompiler
{
    public const int MaxFlags = 6;

    public static GenerationResult Compile(ClassSpec spec, CancellationToken cancellationToken)
    {
        string hintName = new string(spec.FullName.Select(c => char.IsLetterOrDigit(c) || c is '.' or '_' ? c : '_').ToArray()) + (spec.IsSchedule ? ".Schedule.g.cs" : ".g.cs");
        var diagnostics = new List<DiagnosticInfo>(spec.Diagnostics);
        TransformExpander.Expansion expansion = TransformExpander.Expand(spec);
        spec = expansion.Spec;
        Binder.CheckDeclarations(spec, diagnostics);

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
            diagnostics.Add(e.TooDeep ? DiagnosticInfo.Create(DiagnosticDescriptors.TooDeep, location, Parser.MaxDepth.ToString())
                : e.BadNumber ? DiagnosticInfo.Create(DiagnosticDescriptors.NumberOutOfRange, location, e.Message)
                : DiagnosticInfo.Create(DiagnosticDescriptors.SyntaxError, location, e.Message));
        }
        if (!spec.IsSchedule && statements.Count == 0 && syntaxErrors.Count == 0 && spec.Formulas.Count > 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingFormula, spec.Formulas[0].Literal ?? spec.Location, $"The [Update] of '{spec.Name}' has no statements"));
        int flags = spec.Hyperparameters.Count(h => h.Type == HyperparameterType.Bool);
        if (!spec.IsSchedule && flags > MaxFlags)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooManyVariants, spec.Location, spec.Name, flags.ToString(), MaxFlags.ToString()));
        cancellationToken.ThrowIfCancellationRequested();

        string? source = null;
        if (spec.IsSchedule)
        {
            if (scheduleFormula is not null && syntaxErrors.Count == 0)
            {
                (List<BStatement> locals, BExpr? rate) = Binder.BindSchedule(spec, statements, scheduleFormula, spec.Formulas.Count - 1, diagnostics);
                if (rate is not null && !HasErrors(diagnostics))
                    source = ScheduleEmitter.Emit(spec, locals, rate);
            }
        }
        else
        {
            List<BStatement> bound = Binder.BindUpdate(spec, statements, diagnostics, cancellationToken: cancellationToken);
            if (!HasErrors(diagnostics))
            {
                var flagIndexes = Enumerable.Range(0, spec.Hyperparameters.Count).Where(i => spec.Hyperparameters[i].Type == HyperparameterType.Bool).ToList();
                var plans = new List<Plan>();
                for (int variant = 0; variant < 1 << flagIndexes.Count; variant++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var values = new Dictionary<int, bool>();
                    for (int i = 0; i < flagIndexes.Count; i++)
                        values[flagIndexes[i]] = ((variant >> i) & 1) != 0;
                    plans.Add(Planner.Build(VariantSpecializer.Specialize(bound, values), cancellationToken));
                }
                Plan? accumulatePlan = expansion.AccumulateFormula is null ? null : PlanAccumulation(spec, expansion.AccumulateFormula, cancellationToken);
                source = OptimizerEmitter.Emit(spec, plans, accumulatePlan, cancellationToken);
            }
        }
        // A formula error must not cascade into "partial property has no implementation" errors: implement the
        // hyperparameters anyway (never the step, which would be wrong code) unless the class itself is unusable.
        if (source is null && !diagnostics.Any(d => d.Id is "OPTG0008" or "OPTG0009" || (spec.IsSchedule && d.Id == "OPTG0015")))
            source = ShellEmitter.Emit(spec);
        return new GenerationResult(hintName, source, diagnostics.ToEquatableArray());
    }

    // The micro-batch step of gradient accumulation: a plan of its own (it only adds g to the accumulator).
    private static Plan PlanAccumulation(ClassSpec spec, FormulaText formula, CancellationToken cancellationToken)
    {
        ClassSpec withFormula = spec with { Formulas = spec.Formulas.Concat(new[] { formula }).ToEquatableArray() };
        var errors = new List<SyntaxError>();
        List<Statement> statements = Parser.ParseStatements(formula.Text, withFormula.Formulas.Count - 1, errors, cancellationToken);
        var ignored = new List<DiagnosticInfo>();
        return Planner.Build(Binder.BindUpdate(withFormula, statements, ignored, checkUsage: false));
    }

    private static bool HasErrors(List<DiagnosticInfo> diagnostics) =>
        diagnostics.Any(d => DiagnosticDescriptors.ById(d.Id).DefaultSeverity == DiagnosticSeverity.Error);
}

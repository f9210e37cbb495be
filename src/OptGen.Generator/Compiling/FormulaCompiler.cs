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
                (List<BStatement> locals, BExpr? rate) = Binder.BindSchedule(spec, scheduleStatements, scheduleFormula, spec.Formulas.Count - 1, diagnostics);
                if (rate is not null && !HasErrors(diagnostics))
                    source = ScheduleEmitter.Emit(spec, locals, rate);
            }
        }
        else
        {
            List<BNode> bound = Binder.BindUpdate(spec, statements, diagnostics, cancellationToken: cancellationToken);
            List<BExpr> shapeConditions = ShapeConditions.Collect(bound);
            if (shapeConditions.Count > ShapeConditions.Max)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooManyShapeConditions, spec.Location, spec.Name, shapeConditions.Count.ToString(), ShapeConditions.Max.ToString()));
            if (!HasErrors(diagnostics))
            {
                List<Plan[]> plans = PlanVariants(spec, bound, shapeConditions, cancellationToken);
                if (!PhasesAgree(plans))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GlobalReductionAfterShapeBranch, spec.Formulas[0].Literal ?? spec.Location, spec.Name));
                }
                else
                {
                    Plan? accumulatePlan = expansion.AccumulateFormula is null ? null : PlanAccumulation(spec, expansion.AccumulateFormula, cancellationToken);
                    source = OptimizerEmitter.Emit(spec, plans, shapeConditions, accumulatePlan, cancellationToken);
                }
            }
        }
        // A formula error must not cascade into "partial property has no implementation" errors: implement the
        // hyperparameters anyway (never the step, which would be wrong code) unless the class itself is unusable.
        if (source is null && !diagnostics.Any(d => d.Id is "OPTG0008" or "OPTG0009" || (spec.IsSchedule && d.Id == "OPTG0015")))
            source = ShellEmitter.Emit(spec);
        return new GenerationResult(hintName, source, diagnostics.ToEquatableArray());
    }

    // One plan per variant (a combination of the bool hyperparameters) and, within it, per shape class (a combination of
    // the outcomes of the shape conditions: bit j is condition j).
    private static List<Plan[]> PlanVariants(ClassSpec spec, List<BNode> bound, List<BExpr> shapeConditions, CancellationToken cancellationToken)
    {
        var flagIndexes = Enumerable.Range(0, spec.Hyperparameters.Count).Where(i => spec.Hyperparameters[i].Type == HyperparameterType.Bool).ToList();
        var keys = shapeConditions.Select(ShapeConditions.Key).ToList();
        var plans = new List<Plan[]>();
        for (int variant = 0; variant < 1 << flagIndexes.Count; variant++)
        {
            var values = new Dictionary<int, bool>();
            for (int i = 0; i < flagIndexes.Count; i++)
                values[flagIndexes[i]] = ((variant >> i) & 1) != 0;
            var classes = new Plan[1 << keys.Count];
            for (int shapeClass = 0; shapeClass < classes.Length; shapeClass++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var outcomes = new Dictionary<string, bool>();
                for (int j = 0; j < keys.Count; j++)
                    outcomes[keys[j]] = ((shapeClass >> j) & 1) != 0;
                classes[shapeClass] = Planner.Build(VariantSpecializer.Specialize(bound, values, outcomes), cancellationToken);
            }
            plans.Add(classes);
        }
        return plans;
    }

    // The tensors of a step run phase by phase, each with its shape class's plan: the plans must cut phases at the same
    // global reductions (the same reductions in the same order), which holds when no global reduction depends on a branch.
    private static bool PhasesAgree(List<Plan[]> plans)
    {
        foreach (Plan[] classes in plans)
        {
            string Globals(Plan p) => p.PhaseCount + ":" + string.Join(",", p.Reductions.Where(r => r.IsGlobal).Select(r => r.Result.Name + "/" + r.Kind + "/" + p.Passes[r.Pass].Phase));
            string first = Globals(classes[0]);
            if (classes.Any(c => Globals(c) != first))
                return false;
        }
        return true;
    }

    // The micro-batch step of gradient accumulation: a plan of its own (it only adds g to the accumulator).
    private static Plan PlanAccumulation(ClassSpec spec, FormulaText formula, CancellationToken cancellationToken)
    {
        ClassSpec withFormula = spec with { Formulas = spec.Formulas.Concat(new[] { formula }).ToEquatableArray() };
        var errors = new List<SyntaxError>();
        List<Stmt> statements = Parser.ParseStatements(formula.Text, withFormula.Formulas.Count - 1, errors, cancellationToken);
        var ignored = new List<DiagnosticInfo>();
        return Planner.Build(VariantSpecializer.Specialize(Binder.BindUpdate(withFormula, statements, ignored, checkUsage: false), new Dictionary<int, bool>()));
    }

    private static bool HasErrors(List<DiagnosticInfo> diagnostics) =>
        diagnostics.Any(d => DiagnosticDescriptors.ById(d.Id).DefaultSeverity == DiagnosticSeverity.Error);
}

using System;
using OptGen.Generator.Binding;
using OptGen.Generator.Emitting;
using OptGen.Generator.Model;
using OptGen.Generator.Parsing;
using OptGen.Generator.Planning;

namespace OptGen.Generator;

/// <summary>
/// Generates the source for one class: the front end (<see cref="FormulaAnalysis"/>), then plan and emit. A class
/// with errors gets a shell instead (<see cref="ShellEmitter"/>). Diagnostics are not reported here but by
/// <see cref="Analysis.OptGenAnalyzer"/>, which runs the same front end.
/// </summary>
internal static class FormulaCompiler
{
    public static GenerationResult Compile(ClassSpec spec, CancellationToken cancellationToken)
    {
        string hintName = new string(spec.FullName.Select(c => char.IsLetterOrDigit(c) || c is '.' or '_' ? c : '_').ToArray()) + (spec.IsSchedule ? ".Schedule.g.cs" : ".g.cs");
        return Contain(spec, hintName, () => FailsForTests(spec) ? throw new InvalidOperationException("failing for a test") : Generate(spec, cancellationToken));
    }

    /// <summary>
    /// The full name of a class whose generation throws, as a bug in a later stage would: set by the tests of
    /// <see cref="Contain"/> through the whole pipeline (no declaration is known to make the generator throw), null
    /// everywhere else.
    /// </summary>
    internal static volatile string? FailingClassForTests;

    private static bool FailsForTests(ClassSpec spec) => FailingClassForTests is { } name && spec.FullName == name;

    /// <summary>
    /// <paramref name="generate"/>'s source, or, where it throws, the class's shell and an OPTG0090 naming the
    /// exception. An exception that left the generator would make the compiler drop the output for every class of the
    /// project (CS8785), so one bad class would take all the others' implementations with it. Cancellation still
    /// propagates.
    /// </summary>
    internal static GenerationResult Contain(ClassSpec spec, string hintName, Func<string?> generate)
    {
        try
        {
            return new GenerationResult(hintName, generate());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            string message = e.Message.Split('\n')[0].Trim();
            string exception = ThrowingMethod(e) is { } method ? $"{e.GetType().Name} in {method}" : e.GetType().Name;
            DiagnosticInfo failure = DiagnosticInfo.Create(DiagnosticDescriptors.GeneratorFailure, spec.Location, spec.Name, exception, message);
            string? shell;
            try
            {
                shell = ShellEmitter.Emit(spec, [failure]);
            }
            catch (Exception) // the shell reads nothing the failing stages produced, but must not throw in their place
            {
                shell = null;
            }
            return new GenerationResult(hintName, shell, failure);
        }
    }

    /// <summary>
    /// The generator's own method nearest the throw, as <c>Type.Method</c> (<c>PassModel.MemoryOf</c>): the report of
    /// an OPTG0090 then says where, without a debugger. Compiler-made frames (lambdas, iterators) are skipped; null when
    /// there is no such frame.
    /// </summary>
    internal static string? ThrowingMethod(Exception e)
    {
        // Frames, not the stack trace's text: its "at" is in the user's language.
        foreach (System.Diagnostics.StackFrame frame in new System.Diagnostics.StackTrace(e).GetFrames() ?? [])
        {
            System.Reflection.MethodBase? method = frame.GetMethod();
            Type? type = method?.DeclaringType;
            if (method is null || type?.Namespace is not { } ns || !ns.StartsWith("OptGen.Generator", StringComparison.Ordinal))
                continue;
            if (method.Name.IndexOf('<') < 0 && type.Name.IndexOf('<') < 0)
                return type.Name + "." + method.Name;
        }
        return null;
    }

    private static string? Generate(ClassSpec spec, CancellationToken cancellationToken)
    {
        FormulaAnalysis analysis = FormulaAnalysis.Analyze(spec, cancellationToken);
        spec = analysis.Spec;

        string? source = null;
        if (analysis.HasErrors)
        {
            // A formula error must not cascade into C# errors at every use of the class: generate its whole surface,
            // with a Step (GetLearningRate) that throws, unless the class itself cannot be implemented.
            if (!analysis.ClassIsUnusable)
                source = ShellEmitter.Emit(spec, analysis.Diagnostics);
        }
        else if (spec.IsSchedule)
        {
            if (analysis.ScheduleRate is not null)
                source = ScheduleEmitter.Emit(spec, analysis.ScheduleLocals, analysis.ScheduleRate);
        }
        else
        {
            // An update with shape branches was planned by the analysis (to check its phases); any other is planned here.
            List<Plan[]> plans = analysis.BranchPlans ?? FormulaAnalysis.PlanVariants(spec, analysis.Update, analysis.ShapeConditionList, cancellationToken);
            Plan? accumulatePlan = analysis.Expansion.AccumulateFormula is null ? null : PlanAccumulation(spec, analysis.Expansion.AccumulateFormula, cancellationToken);
            source = OptimizerEmitter.Emit(spec, plans, analysis.ShapeConditionList, accumulatePlan, cancellationToken);
        }
        return source;
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
}

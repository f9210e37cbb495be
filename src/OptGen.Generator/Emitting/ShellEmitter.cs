using System.Text;
using OptGen.Generator.Binding;
using OptGen.Generator.Model;
using OptGen.Generator.Parsing;

namespace OptGen.Generator.Emitting;

/// <summary>
/// What is emitted for a class whose formulas have errors: its whole public surface (the hyperparameters, the
/// <c>IOptimizer</c> or <c>ILearningRateSchedule</c> members, the transforms' members), with a <c>Step</c>
/// (<c>GetLearningRate</c>) that throws an <see cref="System.InvalidOperationException"/> naming the first error. So
/// the only errors a typo in a formula produces are the OPTG ones, not "no definition for 'Step'" at every call site.
/// A member the user declared under a generated name (OPTG0017) is left out, and with it the interface it belongs to.
/// </summary>
internal static class ShellEmitter
{
    public static string Emit(ClassSpec spec, IReadOnlyList<DiagnosticInfo> diagnostics)
    {
        var taken = new HashSet<string>(diagnostics.Where(d => d.Id == DiagnosticDescriptors.NameConflict.Id && d.Arguments.Count > 0).Select(d => d.Arguments[0]));
        string[] members = spec.IsSchedule ? GeneratedMembers.ScheduleMembers : GeneratedMembers.Optimizer;
        bool implementsInterface = !members.Any(taken.Contains);
        bool implementsCatalog = !GeneratedMembers.Catalog.Any(taken.Contains); // the catalogue works in a shell too
        string failure = Failure(spec, diagnostics);
        HashSet<string> used = NamesUsed(spec);
        var surface = spec.IsSchedule ? ScheduleMembers(failure) : OptimizerMembers(spec, used, failure);

        var w = new CodeWriter().StartFile(spec.Namespace, ["// The formulas of this class have errors (see the OPTG diagnostics): its members exist, but it cannot compute.", "#nullable enable", "", .. GeneratedAliases.Usings]);
        var interfaces = new List<string>();
        if (implementsInterface)
            interfaces.AddRange(spec.IsSchedule ? ["OptGen::ILearningRateSchedule", "OptGen::ITotalStepsSchedule"] : ["OptGen::IOptimizer"]);
        if (implementsCatalog)
            interfaces.Add("OptGen::IHyperparameters");
        // Hyperparameter schedules work through the catalogue, so a shell has them whenever it has the catalogue.
        bool implementsSchedules = !spec.IsSchedule && implementsCatalog && !GeneratedMembers.HyperparameterSchedules.Any(taken.Contains);
        if (implementsSchedules)
            interfaces.Add("OptGen::Schedules.IScheduledHyperparameters");
        if (!spec.IsSchedule && used.Contains(Builtins.Loss) && !taken.Contains(GeneratedMembers.Loss))
            interfaces.Add(OptionalMembers.LossInterface);
        w.Open($"partial class {Literals.Identifier(spec.Name)}{(interfaces.Count == 0 ? "" : " : " + string.Join(", ", interfaces))}");
        foreach (HyperparameterSpec h in spec.Hyperparameters)
            HyperparameterEmitter.Write(w, h);
        if (implementsCatalog)
            HyperparameterEmitter.WriteCatalog(w, spec);
        foreach ((string[] names, string[] lines) in surface)
        {
            if (names.Any(taken.Contains))
                continue;
            foreach (string line in lines)
                w.Line(line);
            w.Line();
        }
        if (implementsSchedules)
            OptimizerEmitter.WriteHyperparameterSchedules(w, spec.Name);
        w.Close();
        return w.ToString();
    }

    private static IEnumerable<(string[] Names, string[] Lines)> OptimizerMembers(ClassSpec spec, HashSet<string> used, string failure)
    {
        const string doc = "/// <inheritdoc />";
        yield return ([GeneratedMembers.LearningRate, GeneratedMembers.LearningRateField], [
            $"private float __learningRate = {Literals.Float(spec.LearningRate)};",
            doc,
            "public float LearningRate",
            "{",
            "    get => __learningRate;",
            "    set => __learningRate = value >= 0f && !float.IsInfinity(value) ? value : throw new System::ArgumentOutOfRangeException(nameof(LearningRate), value, \"LearningRate must be a finite number >= 0.\");",
            "}"]);
        yield return ([GeneratedMembers.Schedule], [doc, "public OptGen::ILearningRateSchedule? Schedule { get; set; }"]);
        yield return ([GeneratedMembers.StepCount], [doc, "public long StepCount => 0;"]);
        yield return ([GeneratedMembers.State], [doc, $"public OptGen::OptimizerState State => throw new System::InvalidOperationException({failure});"]);
        yield return ([GeneratedMembers.Step], [doc, $"public void Step(params System::ReadOnlySpan<OptGen::Parameter> parameters) => throw new System::InvalidOperationException({failure});"]);
        yield return ([GeneratedMembers.Reset], [doc, "public void Reset() { }"]);
        foreach ((string[] Names, string[] Lines) member in OptionalMembers.Shell(spec, used, failure))
            yield return member;
    }

    private static IEnumerable<(string[] Names, string[] Lines)> ScheduleMembers(string failure)
    {
        yield return ([GeneratedMembers.TotalSteps], ScheduleEmitter.TotalStepsMember);
        yield return ([GeneratedMembers.Seed], ScheduleEmitter.SeedMember);
        yield return ([GeneratedMembers.GetLearningRate], ["/// <inheritdoc />", $"public double GetLearningRate(long completedSteps, double baseLearningRate) => throw new System::InvalidOperationException({failure});"]);
    }

    // The names the formulas use, from their tokens: a statement with a syntax error counts too, since the shell is
    // there for formulas with errors.
    private static HashSet<string> NamesUsed(ClassSpec spec) =>
        new(spec.Formulas.SelectMany(f => Lexer.Tokenize(f.Text ?? "", CancellationToken.None)).Where(t => t.Kind == TokenKind.Identifier).Select(t => t.Text));

    // The exception's message, as a C# string literal: the first error in full, and how many more there are.
    private static string Failure(ClassSpec spec, IReadOnlyList<DiagnosticInfo> diagnostics)
    {
        DiagnosticInfo[] errors = diagnostics.Where(d => d.IsError).ToArray();
        string what = spec.IsSchedule ? "compute a learning rate" : "step";
        string text = $"'{spec.Name}' cannot {what}: its declaration has errors (see the build's OPTG diagnostics). {errors[0].Id}: {errors[0].Message}"
            + (errors.Length == 1 ? "" : $" (and {errors.Length - 1} more error{(errors.Length == 2 ? "" : "s")})");
        return Quote(text);
    }

    // Anything outside printable ASCII as \uXXXX: a formula can hold characters C# takes as line breaks.
    private static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (char c in text)
        {
            if (c is '"' or '\\' || c < ' ' || c > '~')
                sb.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            else
                sb.Append(c);
        }
        return sb.Append('"').ToString();
    }
}

using OptGen.Generator.Binding;
using OptGen.Generator.Model;

namespace OptGen.Generator.Emitting;

/// <summary>Writes the C# for one schedule: hyperparameters, <c>TotalSteps</c>, <c>Seed</c> and the formula in double.</summary>
internal static class ScheduleEmitter
{
    /// <summary>Generated files that compute formulas compare what a formula compares, a value with itself included.</summary>
    public const string NoSelfComparisonWarning = "#pragma warning disable CS1718 // a formula may compare a value with itself";

    /// <summary><c>ITotalStepsSchedule.TotalSteps</c>, the same in a working schedule and in a shell.</summary>
    public static readonly string[] TotalStepsMember =
        ["/// <summary>Total number of steps, <c>T</c> in the formula (set by the user or the trainer).</summary>", "public long " + GeneratedMembers.TotalSteps + " { get; set; }"];

    /// <summary>The schedule's <c>Seed</c>, the same in a working schedule and in a shell.</summary>
    public static readonly string[] SeedMember =
        ["/// <summary>Seed of <c>uniform()</c> and <c>normal()</c>: the same seed gives the same sequence.</summary>", "public ulong " + GeneratedMembers.Seed + " { get; set; }"];

    public static string Emit(ClassSpec spec, IReadOnlyList<BStatement> locals, BExpr formula)
    {
        var w = new CodeWriter().StartFile(spec.Namespace, ["#nullable enable", NoSelfComparisonWarning, "", .. GeneratedAliases.Usings]);
        OptimizerEmitter.WriteClassDoc(w, spec, "Schedule");
        w.Open($"partial class {Literals.Identifier(spec.Name)} : OptGen::ILearningRateSchedule, OptGen::ITotalStepsSchedule, OptGen::IHyperparameters");
        foreach (HyperparameterSpec h in spec.Hyperparameters)
            HyperparameterEmitter.Write(w, h);
        HyperparameterEmitter.WriteCatalog(w, spec);
        foreach (string line in TotalStepsMember.Concat([""]).Concat(SeedMember).Concat([""]))
            w.Line(line);
        var writer = new ScalarExpressionWriter(
            v => v.Kind switch
            {
                ValueKind.Hyperparameter when v.Type == ValueType.Bool => $"this.{v.Name}",
                ValueKind.Hyperparameter => $"(double)this.{v.Name}",
                ValueKind.Defined => $"{v.Name}_{v.Version}",
                _ => v.Name + "_",
            },
            r => $"{GeneratedAliases.Runtime}::DslRandom.{(r.Normal ? "Normal" : "Uniform")}(this.Seed, completedSteps, {r.Site})");
        w.Line("/// <inheritdoc />");
        w.Open("public double GetLearningRate(long completedSteps, double baseLearningRate)");
        w.Line("double t_ = completedSteps;");
        w.Line("double lr0_ = baseLearningRate;");
        w.Line("double T_ = TotalSteps;");
        w.Line("_ = t_ + lr0_ + T_;");
        foreach (BStatement s in locals)
        {
            w.Line($"{(s.Result.Type == ValueType.Bool ? "bool" : "double")} {s.Result.Name}_{s.Result.Version} = {writer.Write(s.Expr)};");
            w.Line($"_ = {s.Result.Name}_{s.Result.Version}; // a local may never be read (CS0219)");
        }
        w.Line($"return {writer.Write(formula)};");
        w.Close();
        w.Close();
        return w.ToString();
    }
}

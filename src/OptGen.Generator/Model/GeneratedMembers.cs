namespace OptGen.Generator.Model;

/// <summary>
/// The one list of the members OptGen writes into a class (the emitters' names, grouped by what they implement), so
/// that extraction and the declaration checks reserve exactly what the emitters write. Transforms add theirs
/// (<see cref="Transforms.Transform.GeneratedMembers"/>). A user member of one of these names would be a duplicate
/// definition in the generated code: it is reported (OPTG0017) instead.
/// </summary>
internal static class GeneratedMembers
{
    /// <summary><c>IOptimizer</c>'s members, with the field <c>LearningRate</c> keeps.</summary>
    public static readonly string[] Optimizer = [LearningRate, LearningRateField, Schedule, StepCount, State, Step, Reset];

    /// <summary>The members of <c>IOptimizer</c>, one by one (the shell of a class with errors leaves out a taken one).</summary>
    public const string LearningRate = "LearningRate", LearningRateField = "__learningRate", Schedule = "Schedule", StepCount = "StepCount",
        State = "State", Step = "Step", Reset = "Reset";

    /// <summary>The optimizer's state and the methods that run its kernels (see also the prefixes below).</summary>
    public static readonly string[] OptimizerInternals = ["__state", Run, RunAccumulate];

    /// <summary>The method that runs a step's kernels; with bool hyperparameters one per variant (<see cref="VariantRunPrefix"/>).</summary>
    public const string Run = "Run";

    /// <summary>The micro-batch step of <c>[AccumulateGradients]</c>: <c>RunAccumulate</c>, with kernels <c>Pass0Accumulate</c>, ...</summary>
    public const string AccumulateSuffix = "Accumulate", RunAccumulate = Run + AccumulateSuffix;

    /// <summary><c>ILearningRateSchedule</c>'s and <c>ITotalStepsSchedule</c>'s members, and the schedule's <c>Seed</c>.</summary>
    public static readonly string[] ScheduleMembers = [TotalSteps, Seed, GetLearningRate];

    /// <summary><c>ITotalStepsSchedule.TotalSteps</c>: <c>T</c> in a schedule's formula.</summary>
    public const string TotalSteps = "TotalSteps";

    /// <summary><c>ILearningRateSchedule.GetLearningRate</c>.</summary>
    public const string GetLearningRate = "GetLearningRate";

    /// <summary><c>IHyperparameters</c>' members and the catalogue field, in every class.</summary>
    public static readonly string[] Catalog = ["Hyperparameters", "GetHyperparameter", "SetHyperparameter", "__hyperparameters"];

    /// <summary><c>IScheduledHyperparameters</c>' member and its field, in every optimizer.</summary>
    public static readonly string[] HyperparameterSchedules = ["HyperparameterSchedules", "__hyperparameterSchedules"];

    /// <summary><c>ILossAware.Loss</c> and its fields, in an optimizer whose update reads <c>loss</c> (reserved in every optimizer).</summary>
    public static readonly string[] LossAware = [Loss, "__loss", "__lossSet"];

    /// <summary><c>ILossAware.Loss</c>: <c>loss</c> in an update's formula.</summary>
    public const string Loss = "Loss";

    /// <summary>The seed of <c>uniform()</c> and <c>normal()</c>, in an optimizer that draws (reserved in every optimizer).</summary>
    public const string Seed = "Seed";

    /// <summary>The backing field of hyperparameter <c>X</c> is <c>__hp_X</c>.</summary>
    public const string HyperparameterFieldPrefix = "__hp_";

    /// <summary>The <c>Run</c> method of each variant of the bool hyperparameters: <c>Run_Nesterov</c>, <c>Run_NotNesterov</c>, ...</summary>
    public const string VariantRunPrefix = Run + "_";

    /// <summary>The pass kernels: <c>Pass0</c>, <c>Pass1_Nesterov</c>, ...</summary>
    public const string PassKernelPrefix = "Pass";

    /// <summary>The loops of per-row/column values: <c>__AxisValues_0</c>, <c>__AxisValues_Nesterov_S1_2</c>, ...</summary>
    public const string AxisValuesPrefix = "__AxisValues";

    /// <summary>A phase run as a program per tensor, and its method: <c>__Phase0</c> and <c>__Phase0Tensor</c>, <c>__Phase1_Nesterov</c>, ...</summary>
    public const string PhaseProgramPrefix = "__Phase";

    private static readonly HashSet<string> s_optimizer = new(Optimizer.Concat(OptimizerInternals).Concat(Catalog).Concat(HyperparameterSchedules).Concat(LossAware).Append(Seed));
    private static readonly HashSet<string> s_schedule = new(ScheduleMembers.Concat(Catalog));

    /// <summary>Every name of <paramref name="isSchedule"/>'s kind of class that OptGen may write, whatever its formulas.</summary>
    public static IReadOnlyCollection<string> Fixed(bool isSchedule) => isSchedule ? s_schedule : s_optimizer;

    /// <summary>Whether OptGen may write a member of this name into such a class (transforms' members aside).</summary>
    public static bool Contains(string name, bool isSchedule) =>
        Fixed(isSchedule).Contains(name) || name.StartsWith(HyperparameterFieldPrefix, System.StringComparison.Ordinal)
        || (!isSchedule && (name.StartsWith(VariantRunPrefix, System.StringComparison.Ordinal) || IsPassKernel(name)
            || name.StartsWith(AxisValuesPrefix, System.StringComparison.Ordinal) || name.StartsWith(PhaseProgramPrefix, System.StringComparison.Ordinal)));

    private static bool IsPassKernel(string name) =>
        name.StartsWith(PassKernelPrefix, System.StringComparison.Ordinal) && name.Length > PassKernelPrefix.Length && char.IsDigit(name[PassKernelPrefix.Length]);
}

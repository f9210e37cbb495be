using System;

namespace OptGen;

/// <summary>
/// Declares a learning-rate schedule as one formula on a <c>partial class</c>; the generator implements
/// <c>OptGen.ILearningRateSchedule</c>. Names: <c>t</c> (steps completed before this one), <c>lr0</c>
/// (the optimizer's <c>LearningRate</c>), <c>T</c> (<c>TotalSteps</c>), hyperparameters, <c>pi</c>, <c>e</c>;
/// <c>uniform()</c> and <c>normal()</c> draw reproducibly from the schedule's <c>Seed</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ScheduleAttribute : Attribute
{
    /// <summary>Declares the schedule formula.</summary>
    public ScheduleAttribute(string formula) => Formula = formula;

    /// <summary>The formula as written.</summary>
    public string Formula { get; }
}

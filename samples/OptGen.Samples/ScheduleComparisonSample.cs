using System;
using System.Collections.Generic;
using System.IO;
using OptGen.Data;
using OptGen.Nn;
using OptGen.Optimizers;
using OptGen.Samples.Declared;
using OptGen.Schedules;
using OptGen.Training;

namespace OptGen.Samples;

/// <summary>
/// Source example 5: SGD on the linear-regression data of example 4 (mini-batches of 10, lr0 0.05) under a fixed,
/// an exponential (0.05 · 0.99^t), an inverse-time (0.05 / (1 + 0.01 t)) and a random rate (uniform in [0.01, 0.1],
/// <see cref="UniformRandomRate"/> declared with the DSL), side by side: loss on the whole data and the rate.
/// </summary>
public static class ScheduleComparisonSample
{
    /// <summary>One schedule's run: per epoch, the loss on the whole data after the epoch and the rate of its last step.</summary>
    public sealed record Curve(string Name, IReadOnlyList<double> Losses, IReadOnlyList<double> Rates);

    /// <summary>The schedules compared, by name.</summary>
    public static IReadOnlyList<(string Name, Func<ulong, ILearningRateSchedule> Create)> Schedules { get; } =
    [
        ("fixed", _ => new ConstantSchedule()),
        ("exponential", _ => new ExponentialSchedule { Gamma = 0.99 }),
        ("inverse time", _ => new InverseTimeSchedule { DecayRate = 0.01 }),
        ("random", seed => new UniformRandomRate { MinRate = 0.01, MaxRate = 0.1, Seed = seed }),
    ];

    /// <summary>Runs every schedule for <paramref name="epochs"/> epochs of 10 steps.</summary>
    public static IReadOnlyList<Curve> Run(TextWriter output, ulong seed = 42, int epochs = 30)
    {
        Dataset data = LinearRegressionSample.Data(seed);
        var curves = new List<Curve>();
        foreach ((string name, Func<ulong, ILearningRateSchedule> create) in Schedules)
        {
            var optimizer = new Sgd { LearningRate = 0.05f, Schedule = create(seed) };
            var trainer = new Trainer(new Sequential(1, new Dense(1, 1, seed, WeightInit.Xavier, "linear")), new MeanSquaredError(), optimizer,
                new TrainerOptions { Epochs = epochs, BatchSize = 10, Seed = seed });
            var losses = new List<double>();
            var rates = new List<double>();
            trainer.Fit(data, progress: new Inline(r =>
            {
                losses.Add(trainer.Evaluate(data).Loss);
                rates.Add(optimizer.Schedule.GetLearningRate(optimizer.StepCount - 1, optimizer.LearningRate));
            }));
            curves.Add(new Curve(name, losses, rates));
        }

        output.Write($"{"epoch",5}");
        foreach (Curve c in curves)
            output.Write($"  {c.Name + " loss",17} {"lr",7}");
        output.WriteLine();
        int every = Math.Max(1, epochs / 10);
        for (int e = every; e <= epochs; e += every)
        {
            output.Write($"{e,5}");
            foreach (Curve c in curves)
                output.Write($"  {c.Losses[e - 1],17:F5} {c.Rates[e - 1],7:F4}");
            output.WriteLine();
        }
        return curves;
    }
}

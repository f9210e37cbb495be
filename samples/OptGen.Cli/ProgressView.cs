using System;
using System.Collections.Generic;
using System.Globalization;
using OptGen.Training;
using Spectre.Console;

namespace OptGen.Cli;

/// <summary>
/// Shows training progress: live Spectre bars on a terminal; on redirected output (CI, pipes) plain lines every few
/// epochs, since a live display there would only write escape codes.
/// </summary>
internal static class ProgressView
{
    public static List<RunResult> RunAll(CliConsole console, IReadOnlyList<OptimizerChoice> choices, int epochs, Func<OptimizerChoice, IProgress<EpochReport>, RunResult> run)
    {
        var results = new List<RunResult>();
        if (console.Interactive)
        {
            console.Rich.Progress()
                .AutoClear(false)
                .HideCompleted(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var tasks = new List<ProgressTask>();
                    foreach (OptimizerChoice c in choices)
                        tasks.Add(ctx.AddTask(Markup.Escape(c.Title), autoStart: false, maxValue: epochs));
                    for (int i = 0; i < choices.Count; i++)
                    {
                        ProgressTask task = tasks[i];
                        string title = Markup.Escape(choices[i].Title);
                        task.StartTask();
                        results.Add(run(choices[i], new Reporter(r =>
                        {
                            task.Value = r.Epoch;
                            task.Description = $"{title} [grey]epoch {r.Epoch}/{r.Epochs} loss {Format(r.TrainLoss)} test acc {Format(r.Validation?.Accuracy)}[/]";
                        })));
                        RunResult done = results[^1];
                        task.Value = done.Finished ? task.MaxValue : done.History.Count; // early stop counts as done; a pause does not
                        task.StopTask();
                    }
                });
        }
        else
        {
            int every = Math.Max(1, epochs / 5);
            foreach (OptimizerChoice c in choices)
            {
                console.Plain.WriteLine($"training with {c.Title}");
                results.Add(run(c, new Reporter(r =>
                {
                    if (r.Epoch % every == 0 || r.Epoch == r.Epochs)
                        console.Plain.WriteLine($"  epoch {r.Epoch,3}/{r.Epochs}  train loss {Format(r.TrainLoss)}  test loss {Format(r.Validation?.Loss)}  test acc {Format(r.Validation?.Accuracy)}");
                })));
            }
        }
        return results;
    }

    public static string Format(double? value) => value is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "-";

    /// <summary>Calls back on the training thread: <see cref="Progress{T}"/> would post to the thread pool and lag behind.</summary>
    private sealed class Reporter(Action<EpochReport> onReport) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => onReport(value);
    }
}

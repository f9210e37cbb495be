using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using OptGen.Optimizers;

namespace OptGen.Cli;

/// <summary>
/// <c>--list</c>: every name <c>--optimizer</c> takes, one line each (name, peer, description); with
/// <c>--optimizer NAME</c>, that optimizer's hyperparameters, the values a run would use and their ranges. Plain
/// text, so it can be piped to grep.
/// </summary>
internal static class OptimizerList
{
    public static void WriteAll(TextWriter output)
    {
        var rows = new List<string[]>
        {
            new[] { "name", "peer", "description" },
            new[] { OptimizerChoice.All, "-", "compares " + string.Join(", ", OptimizerChoice.Comparison.Select(c => c.Key)) + " (the default)" },
            Row(OptimizerChoice.Dsl),
        };
        rows.AddRange(BuiltInOptimizers.All.Select(b => Row(OptimizerChoice.Select(b.Name)[0])));
        rows.AddRange(OptimizerChoice.RoutedOutsideCatalogue.Select(Row));
        WriteColumns(output, rows);
    }

    /// <summary>The hyperparameters of <paramref name="configured"/>, made for <paramref name="choice"/> with the command line applied.</summary>
    public static void WriteOne(TextWriter output, OptimizerChoice choice, IOptimizer configured)
    {
        output.WriteLine($"{choice.Key}: {choice.Title}, as {choice.Peer}");
        output.WriteLine(choice.Description);
        if (configured is not RoutedOptimizer routed)
        {
            WriteHyperparameters(output, configured);
            return;
        }
        foreach (Route route in routed.Routes) // each group's own values (the router's LearningRate is a factor, 1)
        {
            output.WriteLine($"route {route.Name}: {route.Optimizer.GetType().Name}");
            WriteHyperparameters(output, route.Optimizer);
        }
    }

    private static void WriteHyperparameters(TextWriter output, IOptimizer configured)
    {
        var rows = new List<string[]>
        {
            new[] { "hyperparameter", "type", "value", "range" },
            new[] { nameof(IOptimizer.LearningRate), "float", configured.LearningRate.ToString(CultureInfo.InvariantCulture), "> 0" },
        };
        if (configured is IHyperparameters h)
        {
            rows.AddRange(h.Hyperparameters.Select(info => new[]
            {
                info.Name, info.Kind.ToString().ToLowerInvariant(), HyperparameterAssignment.Format(info.Kind, h.GetHyperparameter(info.Name)), Range(info),
            }));
        }
        WriteColumns(output, rows);
    }

    private static string[] Row(OptimizerChoice c) => [c.Key, c.Peer, c.Description];

    private static string Range(HyperparameterInfo info)
    {
        if (info.Kind == HyperparameterKind.Bool)
            return "true or false";
        string lo = HyperparameterAssignment.Format(info.Kind, info.Min), hi = HyperparameterAssignment.Format(info.Kind, info.Max);
        return (double.IsNegativeInfinity(info.Min), double.IsPositiveInfinity(info.Max)) switch
        {
            (true, true) => "any",
            (false, true) => ">= " + lo,
            (true, false) => "<= " + hi,
            _ => $"[{lo}, {hi}]",
        };
    }

    /// <summary>Left-aligned columns, two spaces apart; the last column is not padded.</summary>
    private static void WriteColumns(TextWriter output, List<string[]> rows)
    {
        int columns = rows[0].Length;
        int[] widths = Enumerable.Range(0, columns).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (string[] row in rows)
            output.WriteLine(string.Join("  ", row.Select((cell, c) => c == columns - 1 ? cell : cell.PadRight(widths[c]))));
    }
}

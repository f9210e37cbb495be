using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace OptGen.Cli;

/// <summary>
/// One <c>--set Name=value</c>: a hyperparameter of the optimizer trained, set through <see cref="IHyperparameters"/>
/// so the property's own range check applies. The value is kept as typed until the optimizer says what kind the
/// hyperparameter is (a bool takes true/false as well as 1/0).
/// </summary>
internal sealed record HyperparameterAssignment(string Name, string Text)
{
    /// <summary>The learning rate is a property of every optimizer rather than a declared hyperparameter; <c>--set</c> takes it too.</summary>
    private const string LearningRate = nameof(IOptimizer.LearningRate);

    /// <summary>How the command line said it, for errors: <c>--set Beta2=1.5</c>, or <c>--weight-decay 0.1</c> (OptimizerSetup).</summary>
    public string Origin { get; init; } = $"--set {Name}={Text}";

    public override string ToString() => $"{Name}={Text}";

    /// <summary>The assignments of the <c>--set</c> values, each <c>Name=value</c> or several joined by commas.</summary>
    /// <exception cref="ArgumentException">A piece is not <c>Name=value</c>.</exception>
    public static IReadOnlyList<HyperparameterAssignment> Parse(IEnumerable<string> values)
    {
        var assignments = new List<HyperparameterAssignment>();
        foreach (string value in values)
        {
            foreach (string piece in value.Split(',', StringSplitOptions.TrimEntries))
            {
                int equals = piece.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0 || equals == piece.Length - 1)
                    throw new ArgumentException($"--set takes Name=value (e.g. --set Beta2=0.98,Eps=1e-6), but got '{piece}'.");
                assignments.Add(new(piece[..equals].Trim(), piece[(equals + 1)..].Trim()));
            }
        }
        return assignments;
    }

    /// <summary>Sets the hyperparameter on <paramref name="optimizer"/> (named <paramref name="title"/> in errors).</summary>
    /// <exception cref="ArgumentException">
    /// No such hyperparameter, a value that is not a number (or not a bool for a bool), or one the property rejects;
    /// the message starts with this assignment and the optimizer and ends with the property's own message.
    /// </exception>
    public void ApplyTo(IOptimizer optimizer, string title)
    {
        if (string.Equals(Name, LearningRate, StringComparison.OrdinalIgnoreCase))
        {
            double rate = Number(title, "a float");
            optimizer.LearningRate = rate > 0 && float.IsFinite((float)rate)
                ? (float)rate
                : throw Error(title, $"{LearningRate} must be a positive number.");
            return;
        }
        if (optimizer is not IHyperparameters hyperparameters)
            throw Error(title, $"{optimizer.GetType().Name} has no hyperparameters to set.");
        HyperparameterInfo? info = hyperparameters.Hyperparameters.FirstOrDefault(h => string.Equals(h.Name, Name, StringComparison.OrdinalIgnoreCase));
        if (info is null)
        {
            IEnumerable<string> names = hyperparameters.Hyperparameters.Select(h => h.Name).Append(LearningRate);
            throw Error(title, $"{optimizer.GetType().Name} has no hyperparameter '{Name}'.{NameSuggestion.DidYouMean(Name, names)} "
                + $"Its hyperparameters are: {string.Join(", ", names)}.");
        }
        double value = info.Kind == HyperparameterKind.Bool ? Boolean(title) : Number(title, KindName(info.Kind));
        try
        {
            hyperparameters.SetHyperparameter(info.Name, value);
        }
        catch (ArgumentException e)
        {
            throw Error(title, PropertyMessage(e), e);
        }
    }

    /// <summary>How the header shows a value: as the property's type prints it (a float's shortest round-trip form).</summary>
    public static string Format(HyperparameterKind kind, double value) => kind switch
    {
        HyperparameterKind.Float => ((float)value).ToString(CultureInfo.InvariantCulture),
        HyperparameterKind.Double => value.ToString("R", CultureInfo.InvariantCulture),
        HyperparameterKind.Bool => value != 0 ? "true" : "false",
        _ => ((long)value).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The C# keyword of a kind, for messages and the hyperparameter list.</summary>
    public static string KindName(HyperparameterKind kind) => kind switch
    {
        HyperparameterKind.Float => "a float",
        HyperparameterKind.Double => "a double",
        HyperparameterKind.Int => "an int",
        HyperparameterKind.Long => "a long",
        _ => "a bool",
    };

    private double Number(string title, string kind) => double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
        ? value
        : throw Error(title, $"{Name} is {kind}, and '{Text}' is not a number.");

    // true/false as words; any number goes on to the property, which takes 0 and 1 and says so for anything else.
    private double Boolean(string title) => Text.ToLowerInvariant() switch
    {
        "true" => 1,
        "false" => 0,
        _ => double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw Error(title, $"{Name} is a bool: give true, false, 1 or 0, not '{Text}'."),
    };

    private ArgumentException Error(string title, string message, Exception? inner = null)
        => new($"{Origin} ({title}): {message}", inner);

    /// <summary>The setter's message without .NET's " (Parameter 'x')" suffix, on one line.</summary>
    private static string PropertyMessage(ArgumentException e)
    {
        string message = e.ParamName is { } p ? e.Message.Replace($" (Parameter '{p}')", "", StringComparison.Ordinal) : e.Message;
        return message.ReplaceLineEndings(" ");
    }
}

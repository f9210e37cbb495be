using System;
using System.Collections.Generic;

namespace OptGen.Cli;

/// <summary>"Did you mean ...?" for a mistyped optimizer or hyperparameter name: the closest candidate by edit distance.</summary>
internal static class NameSuggestion
{
    /// <summary>
    /// The candidate nearest to <paramref name="typed"/> (case ignored), if it is near enough to be a typo: at most a
    /// third of the longer name's letters edited (<c>adamm</c> → <c>adam</c>, <c>beta3</c> → <c>Beta2</c>), else null.
    /// </summary>
    public static string? Closest(string typed, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            int distance = Distance(typed.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
                (best, bestDistance) = (candidate, distance);
        }
        return best is not null && bestDistance * 3 <= Math.Max(typed.Length, best.Length) ? best : null;
    }

    /// <summary><c> Did you mean 'x'?</c> when <see cref="Closest"/> finds one, else the empty string.</summary>
    public static string DidYouMean(string typed, IEnumerable<string> candidates)
        => Closest(typed, candidates) is { } near ? $" Did you mean '{near}'?" : "";

    /// <summary>Levenshtein distance: insertions, deletions and substitutions, each costing 1.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}

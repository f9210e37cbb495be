using System;

namespace OptGen.Generator.Binding;

/// <summary>
/// Finds the name an unknown one was probably meant to be ("did you mean 'Beta1'?"): the candidate at the smallest
/// edit distance (insert, delete, substitute or swap two neighbours; a difference of case alone counts less than any
/// edit), if it is close enough to be a typo rather than another word.
/// </summary>
internal static class NameSuggester
{
    /// <summary>The nearest candidate, or null when none is close. Ties go to the ordinally first candidate.</summary>
    public static string? Nearest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestCost = int.MaxValue;
        foreach (string candidate in candidates)
        {
            if (candidate == name || candidate.StartsWith("__", StringComparison.Ordinal))
                continue; // the name itself, or one OptGen made up (a transform's guard or accumulator)
            if (2 * Math.Abs(candidate.Length - name.Length) > MaxCost(name))
                continue; // too many insertions or deletions alone
            int cost = Cost(name, candidate);
            if (cost < bestCost || (cost == bestCost && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestCost = cost;
            }
        }
        return bestCost <= MaxCost(name) ? best : null;
    }

    // Costs are doubled so that a difference of case alone (1) is cheaper than one edit (2).
    private static int Cost(string name, string candidate)
    {
        if (string.Equals(name, candidate, StringComparison.OrdinalIgnoreCase))
            return 1;
        return 2 * Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
    }

    // One edit per three characters, and never so many that every character of the name is replaced: 'x' is not a
    // typo for 'e', but 'lt' is one for 'lr' and 'Bta1' for 'Beta1'.
    private static int MaxCost(string name) => name.Length <= 1 ? 1 : 2 * Math.Max(1, Math.Min(name.Length / 3, name.Length - 1));

    // Optimal string alignment distance (Damerau-Levenshtein without repeated edits of one substring).
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int substitute = a[i - 1] == b[j - 1] ? 0 : 1;
                int best = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + substitute);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    best = Math.Min(best, d[i - 2, j - 2] + 1);
                d[i, j] = best;
            }
        }
        return d[a.Length, b.Length];
    }
}

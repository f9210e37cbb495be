using System;
using System.Collections.Generic;

namespace OptGen.Data;

/// <summary>
/// Numbers class names: each new name gets the next id as it first appears, looked up without allocating (a span
/// lookup into the dictionary); <see cref="Finish"/> then orders the classes and maps the ids to class indices.
/// With known classes (<see cref="CsvOptions.ClassNames"/>) the ids are their indices and an unknown name gets -1.
/// </summary>
internal sealed class ClassNameEncoder
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _names = [];

    public ClassNameEncoder(IReadOnlyList<string>? known)
    {
        _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        if (known is null)
            return;
        IsFixed = true;
        foreach (string name in known)
        {
            if (string.IsNullOrEmpty(name))
                throw new ArgumentException("CsvOptions.ClassNames holds an empty or null name.", nameof(known));
            if (!_ids.TryAdd(name, _names.Count))
                throw new ArgumentException($"CsvOptions.ClassNames names '{name}' twice.", nameof(known));
            _names.Add(name);
        }
    }

    /// <summary>True when the classes were given, not collected.</summary>
    public bool IsFixed { get; }

    public int Count => _names.Count;

    public IReadOnlyList<string> Names => _names;

    /// <summary>The id of <paramref name="name"/>: a new one for a new name, or -1 for a name outside fixed classes.</summary>
    public int IdOf(ReadOnlySpan<char> name)
    {
        if (_lookup.TryGetValue(name, out int id))
            return id;
        if (IsFixed)
            return -1;
        id = _names.Count;
        string text = name.ToString();
        _ids.Add(text, id);
        _names.Add(text);
        return id;
    }

    /// <summary>
    /// The class names in <paramref name="order"/> (fixed classes keep theirs), and rewrites <paramref name="ids"/>
    /// as indices into them.
    /// </summary>
    public string[] Finish(CsvClassOrder order, Span<int> ids)
    {
        string[] names = _names.ToArray();
        if (IsFixed || order == CsvClassOrder.FirstAppearance)
            return names;
        var byName = new int[names.Length];
        for (int i = 0; i < byName.Length; i++)
            byName[i] = i;
        Array.Sort(names, byName, Comparer<string>.Create(CompareCodePoints));
        var indexOfId = new int[names.Length];
        for (int index = 0; index < byName.Length; index++)
            indexOfId[byName[index]] = index;
        for (int i = 0; i < ids.Length; i++)
            ids[i] = indexOfId[ids[i]];
        return names;
    }

    /// <summary>
    /// Unicode code-point order (NumPy's order for strings). UTF-16 ordinal order differs from it only between
    /// surrogates (D800–DFFF, code points above FFFF) and E000–FFFF, so those two ranges swap places here.
    /// </summary>
    internal static int CompareCodePoints(string? a, string? b)
    {
        if (a is null || b is null)
            return a is null ? (b is null ? 0 : -1) : 1;
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
        {
            if (a[i] != b[i])
                return Fix(a[i]).CompareTo(Fix(b[i]));
        }
        return a.Length.CompareTo(b.Length);

        static int Fix(char c) => c >= 0xE000 ? c - 0x800 : c >= 0xD800 ? c + 0x2000 : c;
    }
}

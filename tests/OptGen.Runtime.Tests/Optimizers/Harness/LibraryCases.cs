using System;
using System.Collections.Generic;
using System.Linq;

namespace OptGen.Runtime.Tests.Optimizers.Harness;

/// <summary>
/// Every configuration the reference tests run: each optimizer with its defaults, each bool variant, and the
/// numeric settings that switch code paths or move ε. Split by family into partial files.
/// </summary>
public static partial class LibraryCases
{
    private static readonly Lazy<Dictionary<string, LibraryCase>> s_byName = new(() =>
        SgdRmspropRpropFamily().Concat(AdamFamily()).Concat(AdaptiveFamily()).Concat(LayerwiseAndSignFamily())
            .Concat(AdamVariantsFamily()).Concat(OtherFamily()).Concat(ParameterFreeFamily())
            .ToDictionary(c => c.Name));

    public static IEnumerable<LibraryCase> All => s_byName.Value.Values;

    public static LibraryCase Get(string name) => s_byName.Value[name];
}

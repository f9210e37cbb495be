using System;
using System.IO;

namespace OptGen.TestSupport;

/// <summary>
/// The checkout the tests run from: the first folder above the test binaries that holds <c>OptGen.sln</c>. Tests read
/// the bundled data (<c>data/</c>) and the docs (<c>docs/</c>) from there.
/// </summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> s_path = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "OptGen.sln")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException($"Could not find the repository root (OptGen.sln) above {AppContext.BaseDirectory}.");
    });

    /// <summary>The repository root.</summary>
    public static string Path => s_path.Value;

    /// <summary>A path inside the repository, e.g. <c>Combine("data", "optdigits", "optdigits.tra")</c>.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine(Path, System.IO.Path.Combine(parts));

    /// <summary>A path under the bundled <c>data/</c> folder.</summary>
    public static string Data(params string[] parts) => System.IO.Path.Combine(Path, "data", System.IO.Path.Combine(parts));
}

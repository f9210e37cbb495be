using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace OptGen.Testing;

/// <summary>
/// Finds the assemblies a test compilation references for the framework: the reference pack of the running major
/// version (<c>&lt;dotnet&gt;/packs/Microsoft.NETCore.App.Ref/&lt;highest version&gt;/ref/net&lt;major&gt;.0</c>), found from the
/// running <c>dotnet</c>; failing that, the implementation assemblies of the running framework.
/// </summary>
public static class ReferenceAssemblies
{
    private static readonly Lazy<(string Directory, ImmutableArray<string> Paths)> s_found = new(Find);

    /// <summary>The folder the framework references come from: a reference pack's <c>ref/net&lt;major&gt;.0</c>, or the running framework's folder.</summary>
    public static string Directory => s_found.Value.Directory;

    /// <summary>The framework assemblies, full paths.</summary>
    public static ImmutableArray<string> FrameworkPaths => s_found.Value.Paths;

    /// <summary>The reference-pack folder for the running major version in the given dotnet root, the highest version first; null when there is none.</summary>
    public static string? FindReferencePack(string dotnetRoot)
    {
        string packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        if (!System.IO.Directory.Exists(packs))
            return null;
        string tfm = $"net{Environment.Version.Major}.0";
        return System.IO.Directory.GetDirectories(packs)
            .Select(d => (Dir: d, Version: ParseVersion(Path.GetFileName(d))))
            .Where(v => v.Version.Release is not null)
            .OrderByDescending(v => v.Version.Release)
            .ThenBy(v => v.Version.Prerelease) // a release (no label) before its previews
            .Select(v => Path.Combine(v.Dir, "ref", tfm))
            .FirstOrDefault(System.IO.Directory.Exists);
    }

    /// <summary>Folders that may be the root of the running .NET installation, the likeliest first.</summary>
    public static IEnumerable<string> CandidateDotnetRoots()
    {
        // The SDK tells child processes (dotnet test's test host among them) which dotnet it runs.
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host)
            yield return Path.GetDirectoryName(host)!;
        if (Environment.ProcessPath is { } process && Path.GetFileNameWithoutExtension(process) == "dotnet")
            yield return Path.GetDirectoryName(process)!;
        // The running framework lives in <root>/shared/Microsoft.NETCore.App/<version>/.
        yield return Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root)
            yield return root;
    }

    private static (string, ImmutableArray<string>) Find()
    {
        foreach (string root in CandidateDotnetRoots())
        {
            if (FindReferencePack(root) is { } pack)
                return (pack, System.IO.Directory.GetFiles(pack, "*.dll").Order(StringComparer.Ordinal).ToImmutableArray());
        }

        // No reference pack (a runtime-only install): compile against the running framework's own assemblies, which
        // the host lists among the trusted platform assemblies.
        string framework = Path.TrimEndingDirectorySeparator(RuntimeEnvironment.GetRuntimeDirectory());
        string tpa = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        ImmutableArray<string> paths = tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => string.Equals(Path.GetDirectoryName(p), framework, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToImmutableArray();
        if (paths.IsEmpty)
            throw new InvalidOperationException($"Found neither a Microsoft.NETCore.App.Ref pack for net{Environment.Version.Major}.0 under {string.Join(", ", CandidateDotnetRoots())} nor the running framework's assemblies.");
        return (framework, paths);
    }

    /// <summary>"10.0.12" → (10.0.12, ""), "11.0.0-preview.1.25080.5" → (11.0.0, "preview.1.25080.5"); a release sorts after its previews.</summary>
    private static (Version? Release, string Prerelease) ParseVersion(string? name)
    {
        if (name is null)
            return (null, "");
        int dash = name.IndexOf('-', StringComparison.Ordinal);
        string release = dash < 0 ? name : name[..dash];
        // "" sorts first with ThenBy: releases before previews of the same number.
        string label = dash < 0 ? "" : name[(dash + 1)..];
        return (Version.TryParse(release, out Version? v) ? v : null, label);
    }
}

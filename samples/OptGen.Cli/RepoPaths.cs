using System;
using System.IO;

namespace OptGen.Cli;

/// <summary>Finds the bundled data: the repository root is the first folder upwards that holds OptGen.sln.</summary>
internal static class RepoPaths
{
    public static string? FindRoot()
    {
        // The build output sits under samples/OptGen.Cli/bin/...; the current folder covers a published copy run in place.
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "OptGen.sln")))
                    return dir.FullName;
            }
        }
        return null;
    }

    public static string BundledData(string fileName)
    {
        string root = FindRoot() ?? throw new FileNotFoundException(
            "Could not find the repository (a folder holding OptGen.sln) above the program or the current folder; pass --data and --test.");
        return Path.Combine(root, "data", "optdigits", fileName);
    }
}

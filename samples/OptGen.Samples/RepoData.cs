using System;
using System.IO;

namespace OptGen.Samples;

/// <summary>Finds the bundled data folder: <c>data/</c> beside the first OptGen.sln above the program or the current folder.</summary>
public static class RepoData
{
    /// <summary>The path of <paramref name="relative"/> under <c>data/</c>, e.g. <c>sklearn/iris.csv</c>.</summary>
    public static string File(string relative)
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (System.IO.File.Exists(Path.Combine(dir.FullName, "OptGen.sln")))
                    return Path.Combine(dir.FullName, "data", relative);
            }
        }
        throw new FileNotFoundException("Could not find the repository (a folder holding OptGen.sln) above the program or the current folder.");
    }
}

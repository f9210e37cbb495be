using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit.Sdk;

namespace OptGen.Generator.Tests.Harness;

/// <summary>
/// Compares text with a committed snapshot, Snapshots/&lt;name&gt;.verified.cs in the source tree. On a mismatch it
/// writes &lt;name&gt;.received.cs next to it and fails with a line diff; a missing snapshot fails outright under CI
/// (environment variable CI set), otherwise it writes the received file and fails with a hint to accept it.
/// </summary>
internal static class SnapshotVerifier
{
    public static void Verify(string actual, string name, [CallerFilePath] string callerFile = "")
    {
        string directory = SnapshotDirectory(callerFile);
        string verifiedPath = Path.Combine(directory, name + ".verified.cs");
        string receivedPath = Path.Combine(directory, name + ".received.cs");
        string received = Normalize(actual);
        bool ci = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

        if (!File.Exists(verifiedPath))
        {
            if (ci)
                throw new XunitException($"Snapshot '{verifiedPath}' is missing. Snapshots are not created under CI: run the tests locally, review the received file and commit it as .verified.cs.");
            Directory.CreateDirectory(directory);
            File.WriteAllText(receivedPath, received);
            throw new XunitException($"Snapshot '{name}' does not exist yet. Review '{receivedPath}' and accept it by renaming it to '{Path.GetFileName(verifiedPath)}'.");
        }

        string verified = Normalize(File.ReadAllText(verifiedPath));
        if (verified == received)
        {
            if (File.Exists(receivedPath))
                File.Delete(receivedPath);
            return;
        }
        File.WriteAllText(receivedPath, received);
        throw new XunitException($"Snapshot '{name}' does not match (received text written to '{receivedPath}'; accept it by replacing the .verified.cs file if the change is intended).{Environment.NewLine}{Diff(verified, received)}");
    }

    /// <summary>LF line endings, no trailing whitespace at the ends of lines, exactly one final newline.</summary>
    public static string Normalize(string text)
    {
        string[] lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var sb = new StringBuilder();
        foreach (string line in lines)
            sb.Append(line.TrimEnd()).Append('\n');
        return sb.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>A unified-style line diff: '-' lines are in the snapshot only, '+' lines in the received text only.</summary>
    public static string Diff(string expected, string actual)
    {
        DiffPaneModel model = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false);
        var sb = new StringBuilder();
        int unchangedRun = 0;
        foreach (DiffPiece line in model.Lines)
        {
            switch (line.Type)
            {
                case ChangeType.Inserted:
                    sb.Append($"+{line.Position,5}: ").AppendLine(line.Text);
                    unchangedRun = 0;
                    break;
                case ChangeType.Deleted:
                    sb.Append("-      ").AppendLine(line.Text);
                    unchangedRun = 0;
                    break;
                default:
                    if (unchangedRun++ == 0)
                        sb.AppendLine("  ...");
                    break;
            }
        }
        return sb.ToString();
    }

    private static string SnapshotDirectory(string callerFile)
    {
        // Walk up from the calling test file to the test project folder (the one holding the .csproj).
        string? dir = Path.GetDirectoryName(callerFile);
        while (dir is not null && Directory.GetFiles(dir, "*.csproj").Length == 0)
            dir = Path.GetDirectoryName(dir);
        if (dir is null)
            throw new InvalidOperationException($"Cannot find the test project folder above '{callerFile}'.");
        return Path.Combine(dir, "Snapshots");
    }
}

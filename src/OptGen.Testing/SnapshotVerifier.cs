using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace OptGen.Testing;

/// <summary>
/// Compares text with a committed snapshot, <c>Snapshots/&lt;name&gt;.verified.txt</c> in the folder of the test project
/// (the first folder above the calling source file that holds a <c>.csproj</c>). On a mismatch it writes
/// <c>&lt;name&gt;.received.txt</c> next to it and throws a <see cref="SnapshotMismatchException"/> with a line diff. A missing
/// snapshot fails: under CI (environment variable <c>CI</c> set) outright, otherwise after writing the received file
/// for you to review and rename to <c>.verified.txt</c>. Line endings and trailing whitespace do not count.
/// </summary>
/// <remarks>
/// A snapshot is expected output, data rather than code: the <c>.txt</c> extension keeps it out of the compilation, the
/// IDE's analysis and code searches, whatever language the text is in.
/// </remarks>
public static class SnapshotVerifier
{
    /// <summary>The folder, inside the test project, that holds the snapshots.</summary>
    public const string SnapshotFolder = "Snapshots";

    /// <summary>The end of a committed snapshot's file name, after the snapshot's name.</summary>
    public const string VerifiedExtension = ".verified.txt";

    /// <summary>The end of the file name a mismatch writes beside the snapshot, for review.</summary>
    public const string ReceivedExtension = ".received.txt";

    /// <summary>Compares <paramref name="actual"/> with <c>Snapshots/&lt;name&gt;.verified.txt</c> of the calling test project.</summary>
    /// <param name="actual">The text to check, typically one generated file.</param>
    /// <param name="name">The snapshot's name, without extension.</param>
    /// <param name="callerFile">Filled in by the compiler: the calling source file, from which the test project is found.</param>
    /// <exception cref="SnapshotMismatchException">The text differs from the snapshot, or there is no snapshot.</exception>
    public static void Verify(string actual, string name, [CallerFilePath] string callerFile = "") =>
        VerifyIn(SnapshotDirectory(callerFile), actual, name);

    /// <summary>
    /// Compares every file that <paramref name="output"/> generated with its snapshot, named after the file's hint name
    /// without <c>.cs</c> (<c>Demo.MyAdam.g.cs</c> → <c>Demo.MyAdam.g.verified.txt</c>), with
    /// <paramref name="prefix"/> and a dot in front when given. Every file is compared before the first failure is reported.
    /// </summary>
    /// <exception cref="SnapshotMismatchException">A file differs from its snapshot, a snapshot is missing, or nothing was generated.</exception>
    public static void VerifyAll(GeneratorOutput output, string? prefix = null, [CallerFilePath] string callerFile = "")
    {
        ArgumentNullException.ThrowIfNull(output);
        string directory = SnapshotDirectory(callerFile);
        if (output.Sources.IsEmpty)
            throw new SnapshotMismatchException("The generator produced no files." + (output.GeneratorDiagnostics.IsEmpty ? "" : Environment.NewLine + GeneratorHarness.Describe(output.GeneratorDiagnostics)));
        var failures = new StringBuilder();
        foreach (string hint in output.Sources.Keys.Order(StringComparer.Ordinal))
        {
            string name = (prefix is null ? "" : prefix + ".") + (hint.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) ? hint[..^3] : hint);
            try
            {
                VerifyIn(directory, output.Sources[hint], name);
            }
            catch (SnapshotMismatchException e)
            {
                failures.AppendLine(e.Message).AppendLine();
            }
        }
        if (failures.Length > 0)
            throw new SnapshotMismatchException(failures.ToString().TrimEnd());
    }

    /// <summary>Compares <paramref name="actual"/> with <c>&lt;directory&gt;/&lt;name&gt;.verified.txt</c>.</summary>
    /// <exception cref="SnapshotMismatchException">The text differs from the snapshot, or there is no snapshot.</exception>
    public static void VerifyIn(string directory, string actual, string name)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentException.ThrowIfNullOrEmpty(name);
        string verifiedPath = Path.Combine(directory, name + VerifiedExtension);
        string receivedPath = Path.Combine(directory, name + ReceivedExtension);
        string received = Normalize(actual);
        bool ci = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

        if (!File.Exists(verifiedPath))
        {
            if (ci)
                throw new SnapshotMismatchException($"Snapshot '{verifiedPath}' is missing. Snapshots are not created under CI: run the tests locally, review the received file and commit it as {VerifiedExtension}.");
            Directory.CreateDirectory(directory);
            File.WriteAllText(receivedPath, received);
            throw new SnapshotMismatchException($"Snapshot '{name}' does not exist yet. Review '{receivedPath}' and accept it by renaming it to '{Path.GetFileName(verifiedPath)}'.");
        }

        string verified = Normalize(File.ReadAllText(verifiedPath));
        if (verified == received)
        {
            if (File.Exists(receivedPath))
                File.Delete(receivedPath);
            return;
        }
        File.WriteAllText(receivedPath, received);
        throw new SnapshotMismatchException($"Snapshot '{name}' does not match (received text written to '{receivedPath}'; accept it by replacing the {VerifiedExtension} file if the change is intended).{Environment.NewLine}{Diff(verified, received)}");
    }

    /// <summary>LF line endings, no trailing whitespace at the ends of lines, exactly one final newline.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var sb = new StringBuilder();
        foreach (string line in lines)
            sb.Append(line.TrimEnd()).Append('\n');
        return sb.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>
    /// A unified-style line diff: <c>-</c> lines are in <paramref name="expected"/> only, <c>+ n:</c> lines in
    /// <paramref name="actual"/> only (n is the line number there), and <c>...</c> stands for a run of equal lines.
    /// </summary>
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

    /// <summary>The <c>Snapshots</c> folder of the project above <paramref name="callerFile"/> (the first folder upwards holding a <c>.csproj</c>).</summary>
    public static string SnapshotDirectory(string callerFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(callerFile);
        string? dir = Path.GetDirectoryName(callerFile);
        while (dir is not null && (!Directory.Exists(dir) || Directory.GetFiles(dir, "*.csproj").Length == 0))
            dir = Path.GetDirectoryName(dir);
        if (dir is null)
            throw new InvalidOperationException($"Cannot find the test project folder (one holding a .csproj) above '{callerFile}'.");
        return Path.Combine(dir, SnapshotFolder);
    }
}

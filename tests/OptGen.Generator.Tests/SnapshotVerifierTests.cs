using OptGen.Testing;

namespace OptGen.Generator.Tests;

/// <summary>The snapshot verifier itself: it must fail on a difference and show where.</summary>
public class SnapshotVerifierTests
{
    [Fact]
    public void LineEndingsAndTrailingWhitespaceAreNormalised() =>
        Assert.Equal("a\n b\nc\n", SnapshotVerifier.Normalize("a  \r\n b\rc\n\n"));

    [Fact]
    public void DiffShowsRemovedAndAddedLines()
    {
        string diff = SnapshotVerifier.Diff("one\ntwo\nthree\n", "one\n2\nthree\n");
        Assert.Contains("-      two", diff);
        Assert.Contains("+    2: 2", diff);
        Assert.DoesNotContain("one", diff);
    }

    [Fact]
    public void MismatchFailsAndWritesTheReceivedFile()
    {
        string name = "VerifierSelfTest_" + Guid.NewGuid().ToString("N");
        string snapshots = Path.Combine(Path.GetDirectoryName(ThisFile())!, "Snapshots");
        string verified = Path.Combine(snapshots, name + SnapshotVerifier.VerifiedExtension);
        string received = Path.Combine(snapshots, name + SnapshotVerifier.ReceivedExtension);
        try
        {
            File.WriteAllText(verified, "class A { }\r\n");
            SnapshotVerifier.Verify("class A { }\n", name); // equal after normalising line endings
            var e = Assert.Throws<SnapshotMismatchException>(() => SnapshotVerifier.Verify("class B { }\n", name));
            Assert.Contains("-      class A { }", e.Message);
            Assert.Contains("+    1: class B { }", e.Message);
            Assert.Equal("class B { }\n", File.ReadAllText(received));
        }
        finally
        {
            File.Delete(verified);
            File.Delete(received);
        }
    }

    [Fact]
    public void MissingSnapshotFails()
    {
        string name = "VerifierMissing_" + Guid.NewGuid().ToString("N");
        string received = Path.Combine(Path.GetDirectoryName(ThisFile())!, "Snapshots", name + SnapshotVerifier.ReceivedExtension);
        try
        {
            var e = Assert.Throws<SnapshotMismatchException>(() => SnapshotVerifier.Verify("class C { }", name));
            Assert.Contains(name, e.Message);
        }
        finally
        {
            File.Delete(received);
        }
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}

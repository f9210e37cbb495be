using System.Text;
using static OptGen.TestSupport.TestTraining;

namespace OptGen.Runtime.Tests.Checkpoints;

/// <summary>Checkpoints that are damaged on disk, of an unknown version, or saved by a save that failed half-way.</summary>
public partial class CheckpointTests
{
    // ------------------------------------------------------------------ corruption

    [Fact]
    public void EverySingleBitFlipAndEveryTruncationIsDetectedAndChangesNothing()
    {
        Parameter[] src = Model(lengths: new[] { 3, 2 });
        var srcOpt = new TestScalarMomentum();
        Train(srcOpt, src, 2);
        var ms = new MemoryStream();
        Checkpoint.Save(ms, src, srcOpt, new byte[] { 42, 43 });
        byte[] good = ms.ToArray();
        Assert.InRange(good.Length, 100, 400);

        // The target: a model and optimizer in a different, known state.
        Parameter[] ps = Fresh(src);
        var opt = new TestScalarMomentum();
        Train(opt, ps, 5);
        OptimizerSnapshot before = OptimizerSnapshot.Take(opt, ps);

        int checkedCases = 0;
        void ExpectCorrupt(byte[] bytes, string what)
        {
            var e = Record.Exception(() => Checkpoint.Load(new MemoryStream(bytes), ps, opt, "corrupt"));
            Assert.True(e is InvalidDataException, $"{what}: expected InvalidDataException, got {e?.GetType().Name ?? "no exception"}: {e?.Message}");
            checkedCases++;
        }

        foreach ((byte[] bytes, string what) in Corruptions.FlipsAndTruncations(good))
            ExpectCorrupt(bytes, what);
        ExpectCorrupt(good.Concat(new byte[] { 0 }).ToArray(), "one byte appended");
        before.AssertUnchanged(opt, ps);
        Assert.Equal(good.Length * 9 + 1, checkedCases);

        // The intact file still loads into the same objects.
        Checkpoint.Load(new MemoryStream(good), ps, opt);
        OptimizerSnapshot.Take(srcOpt, src).AssertSameValues(OptimizerSnapshot.Take(opt, ps));
    }

    [Fact]
    public void CorruptFilesOnDiskNameTheFile()
    {
        using var tmp = new TempFolder();
        string path = tmp.File("c.ckpt");
        var opt = new TestAdam();
        Parameter[] ps = Trained(opt, 1);
        Checkpoint.Save(path, ps, opt);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, ps, opt));
        Assert.Contains(path, e.Message);
        Assert.Contains("checksum", e.Message);

        File.WriteAllText(path, "definitely not a checkpoint");
        e = Assert.Throws<InvalidDataException>(() => Checkpoint.ReadInfo(path));
        Assert.Contains("not an OptGen checkpoint", e.Message);

        File.WriteAllBytes(path, bytes[..40]);
        e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, ps, opt));
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void UnsupportedVersionIsReported()
    {
        Parameter[] ps = Model();
        var opt = new TestAdam();
        var ms = new MemoryStream();
        Checkpoint.Save(ms, ps, opt);
        byte[] bytes = ms.ToArray();
        bytes[8] = 99;
        // Re-seal the checksum so only the version is wrong.
        uint crc = Crc32.Compute(bytes.AsSpan(0, bytes.Length - 4));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), crc);
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(new MemoryStream(bytes), ps, opt));
        Assert.Contains("version 99", e.Message);
    }

    // ------------------------------------------------------------------ atomic save

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    [InlineData(-1)]
    public void ASaveThatFailsHalfWayLeavesThePreviousCheckpointIntact(int failAfter)
    {
        using var tmp = new TempFolder();
        string path = tmp.File("atomic.ckpt");
        var opt = new TestAdam();
        Parameter[] ps = Trained(opt, 3);
        Checkpoint.Save(path, ps, opt, "first"u8);
        byte[] original = File.ReadAllBytes(path);

        Train(opt, ps, 2);
        if (failAfter < 0)
            failAfter = original.Length; // all but the last byte: "second" is one byte longer than "first"
        var e = Assert.Throws<IOException>(() => Checkpoint.SaveCore(path, ps, opt, "second"u8, s => new FailingStream(s, failAfter)));
        Assert.Equal(FailingStream.Message, e.Message);
        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(tmp.Path)); // the temporary file is gone

        var opt2 = new TestAdam();
        Assert.Equal("first"u8.ToArray(), Checkpoint.Load(path, Fresh(ps), opt2));
        Assert.Equal(3, opt2.StepCount);

        // A later save that succeeds replaces it.
        Checkpoint.Save(path, ps, opt, "third"u8);
        Assert.Equal(5, Checkpoint.ReadInfo(path).StepCount);
    }

    [Fact]
    public void ASaveToAMissingOrReadOnlyFolderLeavesNothingBehind()
    {
        using var tmp = new TempFolder();
        Parameter[] ps = Model();
        var opt = new TestAdam();
        Assert.ThrowsAny<IOException>(() => Checkpoint.Save(Path.Combine(tmp.Path, "missing", "a.ckpt"), ps, opt));

        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
            return; // root ignores directory permissions; Windows uses ACLs
        string dir = Path.Combine(tmp.Path, "ro");
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "a.ckpt");
        Checkpoint.Save(path, ps, opt);
        byte[] original = File.ReadAllBytes(path);
        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            Train(opt, ps, 1);
            Assert.ThrowsAny<UnauthorizedAccessException>(() => Checkpoint.Save(path, ps, opt));
            Assert.Equal(original, File.ReadAllBytes(path));
        }
        finally
        {
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}

using System;
using System.IO;
using System.Linq;
using OptGen.Checkpoints;
using Xunit;
using Xunit.Abstractions;

namespace OptGen.Reliability.Tests.Runtime;

/// <summary>A save that fails at any byte leaves the previous checkpoint intact and no temporary file behind; the debris
/// of a save killed outright (a partial temporary file) does not disturb later loads and saves.</summary>
public sealed class AtomicSaveTests(ITestOutputHelper output)
{
    private sealed class FailingStream(Stream inner, long failAfter) : Stream
    {
        private long _written;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _written; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            int allowed = (int)Math.Max(0, Math.Min(count, failAfter - _written));
            inner.Write(buffer, offset, allowed);
            _written += allowed;
            if (allowed < count)
                throw new IOException("simulated disk full");
        }
    }

    private static Parameter[] Model() => [new Parameter([1f, 2f, 3f], [0.5f, -0.5f, 0.25f], "a"), new Parameter([4f], [1f], "b")];

    [Fact]
    public void ASaveFailingAtEveryByteLeavesThePreviousCheckpointIntact()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "c.ckpt");
        Parameter[] ps = Model();
        var opt = new ManyStates();
        opt.Step(ps);
        Checkpoint.Save(path, ps, opt, "first"u8);
        byte[] original = File.ReadAllBytes(path);
        opt.Step(ps);
        int length = original.Length + 1; // "second" is one byte longer than "first"
        for (int failAfter = 0; failAfter < length; failAfter++)
        {
            var e = Assert.Throws<IOException>(() => Checkpoint.SaveCore(path, ps, opt, "second"u8, s => new FailingStream(s, failAfter)));
            Assert.Equal("simulated disk full", e.Message);
            Assert.Equal(original, File.ReadAllBytes(path));
            Assert.Equal([path], Directory.GetFiles(dir.Path));
        }
        output.WriteLine($"a {length}-byte save failed at each of its {length} bytes; the previous checkpoint survived every time");

        var loaded = new ManyStates();
        Assert.Equal("first"u8.ToArray(), Checkpoint.Load(path, Model(), loaded));
        Assert.Equal(1, loaded.StepCount);
    }

    [Fact]
    public void DebrisOfAKilledSaveIsHarmless()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "c.ckpt");
        Parameter[] ps = Model();
        var opt = new ManyStates();
        opt.Step(ps);
        Checkpoint.Save(path, ps, opt);
        byte[] original = File.ReadAllBytes(path);
        // What a process killed in the middle of Save leaves: a partial temporary file next to the checkpoint.
        string debris = Path.Combine(dir.Path, $".c.ckpt.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(debris, original[..(original.Length / 2)]);

        var loaded = new ManyStates();
        Parameter[] target = Model();
        Checkpoint.Load(path, target, loaded);
        Assert.Equal(1, loaded.StepCount);
        opt.Step(ps);
        Checkpoint.Save(path, ps, opt);
        Assert.Equal(2, Checkpoint.ReadInfo(path).StepCount);
        Assert.Equal(2, Directory.GetFiles(dir.Path).Length); // the debris is left alone, never read
    }
}

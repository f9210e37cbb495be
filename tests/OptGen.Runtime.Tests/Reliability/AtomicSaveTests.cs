using Xunit.Abstractions;

namespace OptGen.Runtime.Tests.Reliability;

/// <summary>A save that fails at any byte leaves the previous checkpoint intact and no temporary file behind; the debris
/// of a save killed outright (a partial temporary file) does not disturb later loads and saves.</summary>
public sealed class AtomicSaveTests(ITestOutputHelper output)
{
    private static Parameter[] Model() => [new Parameter([1f, 2f, 3f], [0.5f, -0.5f, 0.25f], "a"), new Parameter([4f], [1f], "b")];

    // The model and its optimizer after one step, saved (with `extra`) to c.ckpt in `dir`, and that file's bytes.
    private static (string Path, Parameter[] Parameters, ManyStates Optimizer, byte[] Bytes) SavedAfterOneStep(TempFolder dir, ReadOnlySpan<byte> extra)
    {
        string path = Path.Combine(dir.Path, "c.ckpt");
        Parameter[] ps = Model();
        var opt = new ManyStates();
        opt.Step(ps);
        Checkpoint.Save(path, ps, opt, extra);
        return (path, ps, opt, File.ReadAllBytes(path));
    }

    [Fact]
    public void ASaveFailingAtEveryByteLeavesThePreviousCheckpointIntact()
    {
        using var dir = new TempFolder();
        (string path, Parameter[] ps, ManyStates opt, byte[] original) = SavedAfterOneStep(dir, "first"u8);
        opt.Step(ps);
        int length = original.Length + 1; // "second" is one byte longer than "first"
        for (int failAfter = 0; failAfter < length; failAfter++)
        {
            var e = Assert.Throws<IOException>(() => Checkpoint.SaveCore(path, ps, opt, "second"u8, s => new FailingStream(s, failAfter)));
            Assert.Equal(FailingStream.Message, e.Message);
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
        using var dir = new TempFolder();
        (string path, Parameter[] ps, ManyStates opt, byte[] original) = SavedAfterOneStep(dir, default);
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

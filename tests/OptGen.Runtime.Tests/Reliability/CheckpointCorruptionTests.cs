using Xunit.Abstractions;

namespace OptGen.Runtime.Tests.Reliability;

/// <summary>
/// Every single-bit flip and every truncation of a small checkpoint is detected on load, and the model and optimizer
/// are left bit-identical, here for an optimizer with two buffers and two scalar states on three tensors (named and
/// unnamed), for one that has not stepped yet, and with a target that has no state yet. (Checkpoints/CheckpointTests covers
/// a one-buffer, one-scalar optimizer on two tensors.)
/// </summary>
public sealed class CheckpointCorruptionTests(ITestOutputHelper output)
{
    private static Parameter[] Model(int seed) => [Fill(new Parameter(3, "a"), seed), Fill(new Parameter(1), seed + 1), Fill(new Parameter(2, "Ω"), seed + 2)];

    private static Parameter Fill(Parameter p, int seed)
    {
        for (int i = 0; i < p.Length; i++)
        {
            p.Value[i] = MathF.Sin(seed * 7 + i);
            p.Grad[i] = MathF.Cos(seed * 3 + i);
        }
        return p;
    }

    private static byte[] Save(Parameter[] ps, IOptimizer opt, byte[] extra)
    {
        var ms = new MemoryStream();
        Checkpoint.Save(ms, ps, opt, extra);
        return ms.ToArray();
    }

    private int FlipAndTruncate(byte[] good, Parameter[] ps, IOptimizer opt)
    {
        OptimizerSnapshot before = OptimizerSnapshot.Take(opt, ps);
        int cases = 0;
        void ExpectCorrupt(byte[] bytes, string what)
        {
            Exception? e = Record.Exception(() => Checkpoint.Load(new MemoryStream(bytes), ps, opt, "corrupt"));
            Assert.True(e is InvalidDataException, $"{what}: expected InvalidDataException, got {e?.GetType().Name ?? "nothing"}: {e?.Message}");
            cases++;
        }
        foreach ((byte[] bytes, string what) in Corruptions.FlipsAndTruncations(good))
            ExpectCorrupt(bytes, what);
        OptimizerSnapshot.Take(opt, ps).AssertSame(before, "after every corrupt load");
        output.WriteLine($"{good.Length}-byte checkpoint: {good.Length * 8} flips and {good.Length} truncations detected");
        return cases;
    }

    [Fact]
    public void ScalarStatesBuffersAndSeveralTensors()
    {
        Parameter[] src = Model(1);
        var srcOpt = new ManyStates();
        for (int i = 0; i < 3; i++)
            srcOpt.Step(src);
        byte[] good = Save(src, srcOpt, [1, 2, 3]);
        Assert.InRange(good.Length, 100, 600);

        // Target 1: trained differently. Target 2: never stepped (its state must stay unallocated).
        Parameter[] ps = Model(9);
        var opt = new ManyStates();
        for (int i = 0; i < 5; i++)
            opt.Step(ps);
        Assert.Equal(good.Length * 9, FlipAndTruncate(good, ps, opt));
        Parameter[] fresh = Model(5);
        var freshOpt = new ManyStates();
        Assert.Equal(good.Length * 9, FlipAndTruncate(good, fresh, freshOpt));
        Assert.False(freshOpt.State.IsInitialized);

        // The intact file loads into both, and both continue exactly as the source does (given the same gradients).
        Checkpoint.Load(new MemoryStream(good), ps, opt);
        Checkpoint.Load(new MemoryStream(good), fresh, freshOpt);
        for (int i = 0; i < src.Length; i++)
        {
            src[i].Grad.CopyTo(ps[i].Grad);
            src[i].Grad.CopyTo(fresh[i].Grad);
        }
        srcOpt.Step(src);
        opt.Step(ps);
        freshOpt.Step(fresh);
        OptimizerSnapshot.Take(srcOpt, src).AssertSame(OptimizerSnapshot.Take(opt, ps), "continued after loading");
        OptimizerSnapshot.Take(srcOpt, src).AssertSame(OptimizerSnapshot.Take(freshOpt, fresh), "continued after loading into a fresh optimizer");
    }

    [Fact]
    public void OptimizerThatHasNotSteppedYet()
    {
        byte[] good = Save(Model(1), new ManyStates(), []);
        Parameter[] ps = Model(2);
        var opt = new ManyStates();
        opt.Step(ps);
        Assert.Equal(good.Length * 9, FlipAndTruncate(good, ps, opt));
    }

    [Fact]
    public void FlipsInAFileOnDisk()
    {
        using var dir = new TempFolder();
        string path = Path.Combine(dir.Path, "model.ckpt");
        Parameter[] src = Model(1);
        var srcOpt = new ManyStates();
        srcOpt.Step(src);
        Checkpoint.Save(path, src, srcOpt);
        byte[] good = File.ReadAllBytes(path);
        Parameter[] ps = Model(3);
        var opt = new ManyStates();
        opt.Step(ps);
        OptimizerSnapshot before = OptimizerSnapshot.Take(opt, ps);
        for (int bit = 0; bit < good.Length * 8; bit += 5)
        {
            byte[] bad = (byte[])good.Clone();
            bad[bit / 8] ^= (byte)(1 << (bit % 8));
            File.WriteAllBytes(path, bad);
            var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, ps, opt));
            Assert.Contains(path, e.Message);
            Assert.Throws<InvalidDataException>(() => Checkpoint.ReadInfo(path));
        }
        OptimizerSnapshot.Take(opt, ps).AssertSame(before, "after loading corrupt files");
    }
}

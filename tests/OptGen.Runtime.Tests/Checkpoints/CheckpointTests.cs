using System.Text;
using static OptGen.TestSupport.TestTraining;

namespace OptGen.Runtime.Tests.Checkpoints;

/// <summary>Checkpoints: round trips, matching by name or position, and mismatches (corruption and atomic saves: CheckpointTests.Corruption.cs).</summary>
public partial class CheckpointTests
{
    // ------------------------------------------------------------------ helpers

    private static Parameter[] Model(bool named = true, int seed = 1, params int[] lengths)
    {
        if (lengths.Length == 0)
            lengths = new[] { 37, 5, 16 };
        var rng = new Random(seed);
        var ps = new Parameter[lengths.Length];
        for (int i = 0; i < lengths.Length; i++)
        {
            var v = new float[lengths[i]];
            for (int j = 0; j < v.Length; j++)
                v[j] = (float)(rng.NextDouble() * 2 - 1);
            ps[i] = new Parameter(v, named ? $"layer{i}.w" : null);
        }
        return ps;
    }

    // The default model after `steps` training steps of `opt`.
    private static Parameter[] Trained(IOptimizer opt, int steps)
    {
        Parameter[] ps = Model();
        Train(opt, ps, steps);
        return ps;
    }

    private static Parameter[] Fresh(Parameter[] like) => like.Select(p => new Parameter(p.Length, p.Name)).ToArray();

    // ------------------------------------------------------------------ round trips

    [Fact]
    public void RoundTripRestoresValuesStateStepCountAndExtra()
    {
        using var tmp = new TempFolder();
        string path = tmp.File("model.ckpt");
        var opt = new TestAdam { LearningRate = 1e-2f };
        Parameter[] ps = Trained(opt, 7);
        byte[] extra = Enumerable.Range(0, 300).Select(i => (byte)(i * 7)).ToArray();
        Checkpoint.Save(path, ps, opt, extra);

        Parameter[] ps2 = Fresh(ps);
        var opt2 = new TestAdam { LearningRate = 1e-2f };
        byte[] got = Checkpoint.Load(path, ps2, opt2);
        Assert.Equal(extra, got);
        Assert.Equal(7, opt2.StepCount);
        OptimizerSnapshot.Take(opt, ps).AssertSameValues(OptimizerSnapshot.Take(opt2, ps2));
        Assert.Equal(new[] { path }, Directory.GetFiles(tmp.Path));
    }

    [Theory]
    [InlineData(false, 5, 9)]
    [InlineData(true, 1, 20)]
    [InlineData(true, 12, 3)]
    public void ContinuingFromALoadedCheckpointIsBitIdenticalToNeverStopping(bool scalarState, int n, int m)
    {
        using var tmp = new TempFolder();
        string path = tmp.File("run.ckpt");
        IOptimizer Make() => scalarState ? new TestScalarMomentum { Beta = 0.8f } : new TestAdam { LearningRate = 3e-3f };

        Parameter[] ps = Model(lengths: new[] { 33, 1, 64, 7 });
        IOptimizer opt = Make();
        Train(opt, ps, n);
        Checkpoint.Save(path, ps, opt, "epoch=3"u8);
        Train(opt, ps, m);

        Parameter[] ps2 = Fresh(ps);
        IOptimizer opt2 = Make();
        Assert.Equal("epoch=3"u8.ToArray(), Checkpoint.Load(path, ps2, opt2));
        Train(opt2, ps2, m);

        Assert.Equal(n + m, opt2.StepCount);
        OptimizerSnapshot.Take(opt, ps).AssertSameValues(OptimizerSnapshot.Take(opt2, ps2));
    }

    [Fact]
    public void ScalarStatesAreSaved()
    {
        using var tmp = new TempFolder();
        string path = tmp.File("s.ckpt");
        var opt = new TestScalarMomentum();
        Parameter[] ps = Trained(opt, 4);
        Assert.Equal(["prod"], opt.State.ScalarNames);
        double prod = opt.State.Tensors[1].Scalars[0];
        Assert.NotEqual(1.0, prod);
        Checkpoint.Save(path, ps, opt);
        var opt2 = new TestScalarMomentum();
        Checkpoint.Load(path, Fresh(ps), opt2);
        Assert.Equal(prod, opt2.State.Tensors[1].Scalars[0]);
        CheckpointInfo info = Checkpoint.ReadInfo(path);
        Assert.Equal(["m"], info.BufferNames);
        Assert.Equal(["prod"], info.ScalarNames);
    }

    [Fact]
    public void NamedParametersAreMatchedByNameInAnyOrder()
    {
        using var tmp = new TempFolder();
        string path = tmp.File("n.ckpt");
        Parameter[] ps = Model(lengths: new[] { 10, 10, 3 });
        var opt = new TestAdam();
        Train(opt, ps, 3);
        Checkpoint.Save(path, ps, opt);
        Train(opt, ps, 4);

        // Load into the same tensors listed in another order; the optimizer then steps them in that order.
        Parameter[] fresh = Fresh(ps);
        Parameter[] reordered = { fresh[2], fresh[0], fresh[1] };
        var opt2 = new TestAdam();
        Checkpoint.Load(path, reordered, opt2);
        Train2(opt2, reordered, new[] { 2, 0, 1 }, 4);
        for (int i = 0; i < ps.Length; i++)
            Assert.Equal(Bits(ps[i].Value), Bits(fresh[i].Value));

        // The same training in the permuted order, so gradients match per tensor.
        static void Train2(IOptimizer o, Parameter[] list, int[] original, int steps)
        {
            for (int s = 0; s < steps; s++)
            {
                long t = o.StepCount;
                for (int j = 0; j < list.Length; j++)
                {
                    int k = original[j];
                    Span<float> w = list[j].Value, g = list[j].Grad;
                    for (int i = 0; i < w.Length; i++)
                        g[i] = (float)(Math.Sin(0.37 * t + 1.3 * i + k) * 0.5 + 0.1 * w[i]);
                }
                o.Step(list);
            }
        }
    }

    [Fact]
    public void UnnamedParametersAreMatchedByPosition()
    {
        using var tmp = new TempFolder();
        string path = tmp.File("u.ckpt");
        Parameter[] ps = Model(named: false);
        var opt = new TestAdam();
        Train(opt, ps, 2);
        Checkpoint.Save(path, ps, opt);
        Parameter[] ps2 = Fresh(ps);
        var opt2 = new TestAdam();
        Checkpoint.Load(path, ps2, opt2);
        OptimizerSnapshot.Take(opt, ps).AssertSameValues(OptimizerSnapshot.Take(opt2, ps2));
        Assert.All(Checkpoint.ReadInfo(path).Tensors, t => Assert.Null(t.Name));
    }

    [Fact]
    public void OptimizerWithoutStepsRoundTrips()
    {
        using var tmp = new TempFolder();
        string path = tmp.File("z.ckpt");
        Parameter[] ps = Model();
        var opt = new TestAdam();
        Checkpoint.Save(path, ps, opt);
        Assert.False(Checkpoint.ReadInfo(path).HasOptimizerState);

        // Loading it into an optimizer that has stepped resets that optimizer.
        Parameter[] ps2 = Fresh(ps);
        var opt2 = new TestAdam();
        Train(opt2, ps2, 3);
        Checkpoint.Load(path, ps2, opt2);
        Assert.Equal(0, opt2.StepCount);
        Assert.False(opt2.State.IsInitialized);
        Assert.Equal(Bits(ps[0].Value), Bits(ps2[0].Value));
        // And training from both gives the same result.
        Train(opt, ps, 3);
        Train(opt2, ps2, 3);
        OptimizerSnapshot.Take(opt, ps).AssertSameValues(OptimizerSnapshot.Take(opt2, ps2));
    }

    [Fact]
    public void ReadInfoDescribesTheFile()
    {
        using var tmp = new TempFolder();
        string path = tmp.File("i.ckpt");
        Parameter[] ps = Model(lengths: new[] { 4, 2 });
        var opt = new TestAdam();
        Train(opt, ps, 5);
        Checkpoint.Save(path, ps, opt, new byte[] { 1, 2, 3 });
        CheckpointInfo info = Checkpoint.ReadInfo(path);
        Assert.Equal(Checkpoint.FormatVersion, info.FormatVersion);
        Assert.Equal(typeof(TestAdam).FullName, info.OptimizerType);
        Assert.Equal("TestAdam", info.OptimizerName);
        Assert.Equal(5, info.StepCount);
        Assert.True(info.HasOptimizerState);
        Assert.Equal(["m", "v"], info.BufferNames);
        Assert.Empty(info.ScalarNames);
        Assert.Equal(new[] { new CheckpointTensor("layer0.w", 4), new CheckpointTensor("layer1.w", 2) }, info.Tensors);
        Assert.Equal(new byte[] { 1, 2, 3 }, info.Extra);
        Assert.Equal("OPTGCKPT"u8.ToArray(), File.ReadAllBytes(path)[..8]);
    }

    [Fact]
    public void StreamOverloadsRoundTrip()
    {
        var opt = new TestAdam();
        Parameter[] ps = Trained(opt, 2);
        var ms = new MemoryStream();
        Checkpoint.Save(ms, ps, opt, "x"u8);
        ms.Position = 0;
        Parameter[] ps2 = Fresh(ps);
        var opt2 = new TestAdam();
        Assert.Equal("x"u8.ToArray(), Checkpoint.Load(ms, ps2, opt2));
        OptimizerSnapshot.Take(opt, ps).AssertSameValues(OptimizerSnapshot.Take(opt2, ps2));
    }

    [Fact]
    public void ExtraKeyValueMap()
    {
        var map = new Dictionary<string, string> { ["epoch"] = "12", ["lr"] = 0.1.ToString("R", System.Globalization.CultureInfo.InvariantCulture), ["name"] = "Ünïcode" };
        byte[] bytes = CheckpointExtra.Encode(map);
        Assert.Equal(map, CheckpointExtra.Decode(bytes));
        Assert.Equal(bytes, CheckpointExtra.Encode(new Dictionary<string, string>(map.Reverse())));
        Assert.Throws<InvalidDataException>(() => CheckpointExtra.Decode(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Throws<InvalidDataException>(() => CheckpointExtra.Decode("nope"u8));
    }

    [Fact]
    public void Crc32MatchesTheStandardCheckValue()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(0u, Crc32.Compute(ReadOnlySpan<byte>.Empty));
        byte[] data = Enumerable.Range(0, 1000).Select(i => (byte)(i * 31 + 7)).ToArray();
        Assert.Equal(Crc32.Compute(data), Crc32.Append(Crc32.Compute(data.AsSpan(0, 333)), data.AsSpan(333)));
    }

    // ------------------------------------------------------------------ mismatches

    [Fact]
    public void MismatchedModelOrOptimizerIsAnArgumentExceptionAndChangesNothing()
    {
        using var tmp = new TempFolder();
        string path = tmp.File("m.ckpt");
        Parameter[] ps = Model(lengths: new[] { 6, 4 });
        var opt = new TestAdam();
        Train(opt, ps, 2);
        Checkpoint.Save(path, ps, opt);

        void Expect(Parameter[] target, IOptimizer o, params string[] fragments)
        {
            Train(o, target, 1);
            OptimizerSnapshot before = OptimizerSnapshot.Take(o, target);
            var e = Assert.ThrowsAny<ArgumentException>(() => Checkpoint.Load(path, target, o));
            foreach (string f in fragments)
                Assert.Contains(f, e.Message);
            before.AssertUnchanged(o, target);
        }

        Expect(Fresh(ps), new OtherAdam(), typeof(TestAdam).FullName!, typeof(OtherAdam).FullName!);
        Expect(Fresh(ps), new TestScalarMomentum(), "was saved with optimizer");
        Expect(new[] { new Parameter(6, "layer0.w"), new Parameter(5, "layer1.w") }, new TestAdam(), "'layer1.w'", "has 5 elements", "has 4");
        Expect(new[] { new Parameter(6, "layer0.w"), new Parameter(4, "bias") }, new TestAdam(), "'bias' is not in checkpoint", "'layer1.w'");
        Expect(new[] { new Parameter(6, "layer0.w") }, new TestAdam(), "holds 2 tensors, but 1 parameters");
        Expect(new[] { new Parameter(6, "layer0.w"), new Parameter(4, "layer1.w"), new Parameter(1, "x") }, new TestAdam(), "holds 2 tensors, but 3");
        Expect(new[] { new Parameter(4), new Parameter(6) }, new TestAdam(), "has 4 elements", "has 6");
    }

    [Fact]
    public void SaveRejectsInconsistentArguments()
    {
        using var tmp = new TempFolder();
        string path = tmp.File("x.ckpt");
        var opt = new TestAdam();
        Parameter[] ps = Trained(opt, 1);
        Assert.Throws<ArgumentException>(() => Checkpoint.Save(path, Fresh(ps), opt));               // state belongs to other tensors
        Assert.Throws<ArgumentException>(() => Checkpoint.Save(path, new[] { ps[1], ps[0], ps[2] }, opt)); // other order
        Assert.Throws<ArgumentException>(() => Checkpoint.Save(path, new[] { new Parameter(2, "a"), new Parameter(3, "a") }, new TestAdam()));
        Assert.Throws<ArgumentException>(() => Checkpoint.Save(path, Array.Empty<Parameter>(), new TestAdam()));
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(tmp.Path));
    }
}

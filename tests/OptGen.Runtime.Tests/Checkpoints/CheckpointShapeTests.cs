using System.Text;

namespace OptGen.Runtime.Tests.Checkpoints;

/// <summary>
/// Checkpoint format version 2 stores each tensor's shape (version 3 adds shared scalar states); version 1 files
/// (lengths only) still load as flat tensors, and version 2 files as they were.
/// </summary>
public class CheckpointShapeTests
{
    private static Parameter Filled(int[] shape, string? name, float start)
    {
        var p = new Parameter(shape, name);
        for (int i = 0; i < p.Length; i++)
            p.Value[i] = start + i;
        return p;
    }

    private static byte[] Save(Parameter[] ps, IOptimizer opt)
    {
        var ms = new MemoryStream();
        Checkpoint.Save(ms, ps, opt);
        return ms.ToArray();
    }

    [Fact]
    public void ShapesAreStoredAndReported()
    {
        using var tmp = new TempFolder();
        string path = tmp.File("s.ckpt");
        Parameter[] ps = [Filled([3, 4], "w", 0), Filled([4], "b", 0), Filled([2, 1, 3], null, 0)];
        var opt = new TestAdam();
        opt.Step(ps);
        Checkpoint.Save(path, ps, opt);
        CheckpointInfo info = Checkpoint.ReadInfo(path);
        Assert.Equal(3, info.FormatVersion);
        Assert.Equal(new[] { new CheckpointTensor("w", [3, 4]), new CheckpointTensor("b", [4]), new CheckpointTensor(null, [2, 1, 3]) }, info.Tensors);
        Assert.Equal(new[] { 3, 4 }, info.Tensors[0].Shape);
        Assert.Equal(12, info.Tensors[0].Length);
        Assert.NotEqual(new CheckpointTensor("w", [4, 3]), info.Tensors[0]);
        Assert.Equal(new CheckpointTensor("b", 4), info.Tensors[1]); // a length alone means flat
    }

    [Fact]
    public void FactoredStateRoundTripsAndContinuesBitForBit()
    {
        // Adafactor keeps one value per row and per column of a matrix and a full buffer for a vector: each buffer's
        // own length is stored, and the loaded twin must continue exactly as the original.
        static Parameter[] Model() => [Filled([4, 3], "w", 0.1f), Filled([5], "b", -0.2f), Filled([2, 3, 4], null, 0.05f)];
        static void Train(IOptimizer opt, Parameter[] ps, int steps)
        {
            for (int s = 0; s < steps; s++)
            {
                foreach (Parameter p in ps)
                {
                    for (int i = 0; i < p.Length; i++)
                        p.Grad[i] = MathF.Sin(p.Value[i] * 3 + s) + 0.01f * i;
                }
                opt.Step(ps);
            }
        }

        Parameter[] ps = Model();
        var opt = new OptGen.Optimizers.Adafactor { LearningRate = 0.05f };
        Train(opt, ps, 3);
        Assert.Equal(4, opt.State.Tensors[0].Buffer(0).Length);
        Assert.Equal(0, opt.State.Tensors[1].Buffer(0).Length);
        byte[] bytes = Save(ps, opt);
        Train(opt, ps, 2);

        Parameter[] ps2 = Model();
        var opt2 = new OptGen.Optimizers.Adafactor { LearningRate = 0.05f };
        Checkpoint.Load(new MemoryStream(bytes), ps2, opt2);
        Train(opt2, ps2, 2);
        for (int i = 0; i < ps.Length; i++)
            Assert.Equal(ps[i].Value.ToArray(), ps2[i].Value.ToArray());
    }

    [Fact]
    public void AShapeMismatchIsRejectedNamingTheTensorAndBothShapesAndChangesNothing()
    {
        Parameter[] saved = [Filled([3, 4], "w", 1), Filled([4], "b", 1)];
        byte[] bytes = Save(saved, new TestAdam());

        void Expect(Parameter[] target, params string[] fragments)
        {
            float[][] before = target.Select(p => p.Value.ToArray()).ToArray();
            var e = Assert.Throws<ArgumentException>(() => Checkpoint.Load(new MemoryStream(bytes), target, new TestAdam(), "s.ckpt"));
            foreach (string f in fragments)
                Assert.Contains(f, e.Message);
            Assert.Equal(before, target.Select(p => p.Value.ToArray()).ToArray());
        }

        // Same element count, other shape: the transposed layout, and the flat one.
        Expect([Filled([4, 3], "w", 0), Filled([4], "b", 0)], "'w'", "has shape [4, 3]", "has shape [3, 4]", "'s.ckpt'");
        Expect([Filled([12], "w", 0), Filled([4], "b", 0)], "'w'", "[12]", "[3, 4]");
        Expect([Filled([3, 4], "w", 0), Filled([2, 2], "b", 0)], "'b'", "[2, 2]", "[4]");
        // Another element count says so too.
        Expect([Filled([3, 5], "w", 0), Filled([4], "b", 0)], "'w'", "has 15 elements", "has 12", "[3, 5]", "[3, 4]");

        Parameter[] same = [Filled([3, 4], "w", 0), Filled([4], "b", 0)];
        Checkpoint.Load(new MemoryStream(bytes), same, new TestAdam());
        Assert.Equal(saved[0].Value.ToArray(), same[0].Value.ToArray());
    }

    /// <summary>
    /// A version 1 (or 2) checkpoint spelled out: one tensor "w" of 3 floats, an optimizer that had not stepped. Version 2
    /// stores the shape [3]; neither has the list of shared scalar states version 3 added.
    /// </summary>
    private static byte[] Version1(uint version = 1)
    {
        var body = new MemoryStream();
        var w = new BinaryWriter(body); // little-endian
        void Str(string s)
        {
            byte[] b = Encoding.UTF8.GetBytes(s);
            w.Write((uint)b.Length);
            w.Write(b);
        }
        w.Write("OPTGCKPT"u8);
        w.Write(version);     // format version
        w.Write(0L);          // total length, patched below
        Str(typeof(TestAdam).FullName!);
        Str("TestAdam");
        w.Write(0L);          // step count
        w.Write((byte)0);     // no optimizer state
        w.Write(2u);          // buffer names
        Str("m");
        Str("v");
        w.Write(0u);          // scalar names
        w.Write(1u);          // tensors
        w.Write((byte)1);     // named
        Str("w");
        if (version == 2)
            w.Write(1u);      // rank (version 2), then the dimension
        w.Write(3u);          // its length: version 1 has no shape
        w.Write(1.5f);
        w.Write(-2f);
        w.Write(4f);
        w.Write(0u);          // extra section length
        w.Flush();
        byte[] bytes = [.. body.ToArray(), 0, 0, 0, 0];
        BitConverter.GetBytes((long)bytes.Length).CopyTo(bytes, 12);
        BitConverter.GetBytes(Crc32.Compute(bytes.AsSpan(0, bytes.Length - 4))).CopyTo(bytes, bytes.Length - 4);
        return bytes;
    }

    [Fact]
    public void Version1FilesLoadAsFlatTensors()
    {
        byte[] v1 = Version1();
        var p = new Parameter(3, "w");
        var opt = new TestAdam();
        Checkpoint.Load(new MemoryStream(v1), [p], opt, "old.ckpt");
        Assert.Equal(new[] { 1.5f, -2f, 4f }, p.Value.ToArray());
        Assert.Equal(0, opt.StepCount);

        using var tmp = new TempFolder();
        string path = tmp.File("old.ckpt");
        File.WriteAllBytes(path, v1);
        CheckpointInfo info = Checkpoint.ReadInfo(path);
        Assert.Equal(1, info.FormatVersion);
        Assert.Equal(new[] { 3 }, info.Tensors[0].Shape);

        // A tensor with more than one dimension cannot be matched to a file that recorded none: the layout is unknown.
        var matrix = new Parameter([3, 1], "w");
        var e = Assert.Throws<ArgumentException>(() => Checkpoint.Load(path, [matrix], new TestAdam()));
        Assert.Contains("version 1", e.Message);
        Assert.Contains("[3, 1]", e.Message);
        Assert.Equal(new float[3], matrix.Value.ToArray());
    }

    [Fact]
    public void Version2FilesLoadWithNoSharedStates()
    {
        byte[] v2 = Version1(2);
        var p = new Parameter(3, "w");
        Checkpoint.Load(new MemoryStream(v2), [p], new TestAdam(), "v2.ckpt");
        Assert.Equal(new[] { 1.5f, -2f, 4f }, p.Value.ToArray());
        using var tmp = new TempFolder();
        string path = tmp.File("v2.ckpt");
        File.WriteAllBytes(path, v2);
        CheckpointInfo info = Checkpoint.ReadInfo(path);
        Assert.Equal(2, info.FormatVersion);
        Assert.Empty(info.SharedNames);
    }

    [Fact]
    public void CorruptShapesAreRejected()
    {
        Parameter[] ps = [Filled([2, 3], "w", 0)];
        byte[] good = Save(ps, new TestAdam());
        int rankAt = IndexOf(good, "w"u8.ToArray()) + 1;
        Assert.Equal(2u, BitConverter.ToUInt32(good, rankAt));

        byte[] Resealed(Action<byte[]> change)
        {
            byte[] b = (byte[])good.Clone();
            change(b);
            BitConverter.GetBytes(Crc32.Compute(b.AsSpan(0, b.Length - 4))).CopyTo(b, b.Length - 4);
            return b;
        }

        void Expect(byte[] bytes, string fragment)
        {
            var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(new MemoryStream(bytes), ps, new TestAdam(), "c"));
            Assert.Contains(fragment, e.Message);
        }

        Expect(Resealed(b => BitConverter.GetBytes(0u).CopyTo(b, rankAt)), "rank 0");
        Expect(Resealed(b => BitConverter.GetBytes(65u).CopyTo(b, rankAt)), "count 65");
        Expect(Resealed(b => BitConverter.GetBytes(0u).CopyTo(b, rankAt + 4)), "no elements");
        Expect(Resealed(b => BitConverter.GetBytes(0x80000000u).CopyTo(b, rankAt + 4)), "more elements than an array");
        Expect(Resealed(b => BitConverter.GetBytes(4u).CopyTo(b, rankAt + 8)), "runs past the end");
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        // The last occurrence: the tensor name comes after the optimizer's names.
        for (int i = haystack.Length - needle.Length; i >= 0; i--)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle) && BitConverter.ToUInt32(haystack, i - 4) == needle.Length)
                return i + needle.Length - 1;
        }
        throw new InvalidOperationException("not found");
    }
}

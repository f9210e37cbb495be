using OptGen.Interop;

namespace OptGen.Runtime.Tests;

/// <summary>
/// <c>[State(name, Shared = true)]</c>: one value for all tensors of a step, stored once, reset with the state, restored
/// only when given, and carried by checkpoints and safetensors state files.
/// </summary>
public class SharedStateTests
{
    private static Parameter[] Tensors()
    {
        var a = new Parameter([1f, 2f, 3f], name: "a");
        var b = new Parameter([4f, 5f], name: "b");
        a.Grad[0] = 0.5f;
        a.Grad[1] = -2f;
        a.Grad[2] = 1f;
        b.Grad[0] = 3f; // the largest |g| of the step, in the second tensor
        b.Grad[1] = -1f;
        return [a, b];
    }

    [Fact]
    public void OneValueForAllTensorsReadBeforeTheStepChangesIt()
    {
        Parameter[] ps = Tensors();
        var opt = new TestSharedPeak();
        opt.Step(ps);
        Assert.Equal(["peak"], opt.State.SharedNames);
        Assert.Equal(["count"], opt.State.ScalarNames);
        Assert.Equal([3.0], opt.State.SharedScalars);
        Assert.All(opt.State.Tensors.ToArray(), t => Assert.Equal([1.0], t.Scalars));
        // Both tensors were divided by the step's shared peak (3), the first one too.
        Assert.Equal(1f - 0.1f * 0.5f / 3f, ps[0].Value[0], 6);
        Assert.Equal(4f - 0.1f * 3f / 3f, ps[1].Value[0], 6);
        ps[0].Grad[1] = 6f;
        opt.Step(ps);
        Assert.Equal([6.0], opt.State.SharedScalars);
    }

    [Fact]
    public void ResetPutsTheSharedValueBackToItsInit()
    {
        Parameter[] ps = Tensors();
        var opt = new TestSharedPeak();
        opt.Step(ps);
        opt.Reset();
        Assert.Equal([1e-12], opt.State.SharedScalars);
    }

    [Fact]
    public void RestoringWithoutTheSharedValuesIsRefusedAndChangesNothing()
    {
        Parameter[] ps = Tensors();
        var opt = new TestSharedPeak();
        opt.Step(ps);
        double[][] scalars = [[7.0], [7.0]];
        float[][][] buffers = [[], []];
        var e = Assert.Throws<ArgumentException>(() => opt.State.Restore(ps, 5, buffers, scalars));
        Assert.Contains("peak", e.Message);
        Assert.Equal(1, opt.StepCount);
        opt.State.Restore(ps, 5, buffers, scalars, [42.0]);
        Assert.Equal([42.0], opt.State.SharedScalars);
        Assert.Equal(5, opt.StepCount);
    }

    [Fact]
    public void ACheckpointRoundTripsTheSharedValueAndTheRunContinuesExactly()
    {
        Parameter[] ps = Tensors();
        var opt = new TestSharedPeak();
        opt.Step(ps);
        ps[0].Grad[1] = 6f;
        opt.Step(ps);
        var file = new MemoryStream();
        Checkpoint.Save(file, ps, opt);
        string saved = WriteTemp(file.ToArray());
        try
        {
            CheckpointInfo info = Checkpoint.ReadInfo(saved);
            Assert.Equal(Checkpoint.FormatVersion, info.FormatVersion);
            Assert.Equal(["peak"], info.SharedNames);
        }
        finally
        {
            File.Delete(saved);
        }

        Parameter[] restored = Tensors();
        var twin = new TestSharedPeak();
        file.Position = 0;
        Checkpoint.Load(file, restored, twin);
        Assert.Equal(opt.State.SharedScalars, twin.State.SharedScalars);
        Assert.Equal(6.0, twin.State.SharedScalars[0]);
        restored[0].Grad[1] = 6f;
        opt.Step(ps);
        twin.Step(restored);
        for (int k = 0; k < ps.Length; k++)
            Assert.True(ps[k].Value.SequenceEqual(restored[k].Value));
    }

    [Fact]
    public void ASafetensorsStateFileStoresTheSharedValueOnce()
    {
        Parameter[] ps = Tensors();
        var opt = new TestSharedPeak();
        opt.Step(ps);
        string path = Path.Combine(Path.GetTempPath(), $"optgen-shared-{Guid.NewGuid():N}.safetensors");
        try
        {
            SafeTensors.SaveOptimizerState(path, opt, ps);
            SafeTensorsFile file = SafeTensorsFile.Read(path);
            Assert.Single(file.Tensors, t => t.Name.EndsWith(".peak", StringComparison.Ordinal));
            var twin = new TestSharedPeak();
            SafeTensors.LoadOptimizerState(path, twin, ps);
            Assert.Equal([3.0], twin.State.SharedScalars);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string WriteTemp(byte[] bytes)
    {
        string path = Path.Combine(Path.GetTempPath(), $"optgen-shared-{Guid.NewGuid():N}.ckpt");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}

using System.Text.Json;
using OptGen.Interop;
using static OptGen.TestSupport.SafeTensorsEdits;
using static OptGen.TestSupport.TestTraining;

namespace OptGen.Runtime.Tests.Interop;

/// <summary>Optimizer state under the keys of torch.optim's state_dict, round trips that continue bit for bit.</summary>
public class SafeTensorsOptimizerTests
{
    private static readonly int[][] Shapes = [[3, 2], [3], [5]];

    private static SafeTensorsFile SaveState(IOptimizer opt, Parameter[] ps, TempFolder tmp, string name = "opt.safetensors")
    {
        string path = tmp.File(name);
        SafeTensors.SaveOptimizerState(path, opt, ps);
        return SafeTensorsFile.Read(path);
    }

    [Fact]
    public void AdamStateHasPyTorchsKeysShapesAndStep()
    {
        using var tmp = new TempFolder();
        Parameter[] ps = Model(1, Shapes);
        var adam = new Adam { LearningRate = 0.01f, Beta1 = 0.8f, WeightDecay = 0.5f };
        Train(adam, ps, 3);
        SafeTensorsFile f = SaveState(adam, ps, tmp);

        string[] expected = Enumerable.Range(0, 3).SelectMany(i => new[] { $"state.{i}.exp_avg", $"state.{i}.exp_avg_sq", $"state.{i}.step" }).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, f.Tensors.Select(t => t.Name).Order(StringComparer.Ordinal));
        for (int i = 0; i < ps.Length; i++)
        {
            SafeTensorsEntry m = f.GetTensor($"state.{i}.exp_avg");
            Assert.Equal(SafeTensorsDType.F32, m.DType);
            Assert.Equal(Shapes[i].Select(d => (long)d), m.Shape);
            Assert.Equal(Bits(adam.State.Tensors[i].Buffer(0)), Bits(f.ReadFloat32($"state.{i}.exp_avg")));
            Assert.Equal(Bits(adam.State.Tensors[i].Buffer(1)), Bits(f.ReadFloat32($"state.{i}.exp_avg_sq")));
            SafeTensorsEntry step = f.GetTensor($"state.{i}.step");
            Assert.Equal(SafeTensorsDType.F32, step.DType);
            Assert.Empty(step.Shape);
            Assert.Equal(new[] { 3f }, f.ReadFloat32($"state.{i}.step"));
        }
        Assert.Equal("OptGen.Optimizers.Adam", f.Metadata["optgen.optimizer"]);
        Assert.Equal("Adam", f.Metadata["torch.optim"]);

        using JsonDocument groups = JsonDocument.Parse(f.Metadata["param_groups"]);
        JsonElement g = Assert.Single(groups.RootElement.EnumerateArray().ToArray());
        Assert.Equal(0.01, g.GetProperty("lr").GetDouble());
        Assert.Equal(new[] { 0.8, 0.999 }, g.GetProperty("betas").EnumerateArray().Select(b => b.GetDouble()));
        Assert.Equal(1e-8, g.GetProperty("eps").GetDouble());
        Assert.Equal(0.5, g.GetProperty("weight_decay").GetDouble());
        Assert.False(g.GetProperty("amsgrad").GetBoolean());
        Assert.False(g.GetProperty("maximize").GetBoolean());
        Assert.Equal(new[] { 0, 1, 2 }, g.GetProperty("params").EnumerateArray().Select(p => p.GetInt32()));
    }

    /// <summary>
    /// Trains <paramref name="n"/> steps, saves the values and the state (and lets <paramref name="inspect"/> look at the
    /// file and the optimizer as saved), trains <paramref name="m"/> more; a fresh model and optimizer loaded from the
    /// files and trained <paramref name="m"/> steps must end bit for bit where the original did.
    /// </summary>
    private static void ContinuesBitForBit(Func<IOptimizer> make, int n, int m, Action<IOptimizer, SafeTensorsFile>? inspect = null, int[][]? shapes = null)
    {
        shapes ??= Shapes;
        using var tmp = new TempFolder();
        Parameter[] ps = Model(2, shapes); // lengths 6, 3, 5: odd ones leave a spare half in packed bfloat16 state
        IOptimizer opt = make();
        Train(opt, ps, n);
        inspect?.Invoke(opt, SaveState(opt, ps, tmp));
        SafeTensors.SaveModel(tmp.File("model.safetensors"), ps);
        Train(opt, ps, m);

        Parameter[] ps2 = Model(3, shapes);
        IOptimizer opt2 = make();
        SafeTensors.LoadModel(tmp.File("model.safetensors"), ps2);
        SafeTensors.LoadOptimizerState(tmp.File("opt.safetensors"), opt2, ps2);
        Assert.Equal(n, opt2.StepCount);
        Train(opt2, ps2, m);
        OptimizerSnapshot.Take(opt, ps).AssertSameValues(OptimizerSnapshot.Take(opt2, ps2));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AdamRoundTripContinuesBitForBit(bool amsgrad) =>
        ContinuesBitForBit(() => new Adam { LearningRate = 0.02f, Amsgrad = amsgrad }, 4, 3,
            (_, f) => Assert.Equal(amsgrad, f.Contains("state.0.max_exp_avg_sq")));

    [Fact]
    public void AdafactorKeepsPyTorchsFactoredShapesAndRoundTrips() =>
        ContinuesBitForBit(() => new Adafactor { LearningRate = 0.05f }, 3, 3, (opt, f) =>
        {
            // torch.optim.Adafactor: row_var [.., r, 1] and col_var [.., 1, c] for a matrix, variance for a vector.
            Assert.Equal(new long[] { 4, 1 }, f.GetTensor("state.0.row_var").Shape);
            Assert.Equal(new long[] { 1, 3 }, f.GetTensor("state.0.col_var").Shape);
            Assert.False(f.Contains("state.0.variance"));
            Assert.Equal(new long[] { 5 }, f.GetTensor("state.1.variance").Shape);
            Assert.False(f.Contains("state.1.row_var"));
            Assert.Equal(new long[] { 2, 3, 1 }, f.GetTensor("state.2.row_var").Shape);
            Assert.Equal(new long[] { 2, 1, 4 }, f.GetTensor("state.2.col_var").Shape);
            Assert.Equal(Bits(opt.State!.Tensors[2].Buffer(1)), Bits(f.ReadFloat32("state.2.col_var")));
            Assert.Equal("Adafactor", f.Metadata["torch.optim"]);
        }, [[4, 3], [5], [2, 3, 4]]);

    [Fact]
    public void MuonKeepsPyTorchsMomentumBufferAndGroupAndRoundTrips() =>
        ContinuesBitForBit(() => new Muon { LearningRate = 0.05f, AdjustLrFn = Muon.MatchRmsAdamW }, 3, 3, (opt, f) =>
        {
            // torch.optim.Muon: momentum_buffer shaped as the matrix; ns_coefficients a triple, adjust_lr_fn a string or None.
            Assert.Equal(new long[] { 4, 3 }, f.GetTensor("state.0.momentum_buffer").Shape);
            Assert.Equal(Bits(opt.State!.Tensors[1].Buffer(0)), Bits(f.ReadFloat32("state.1.momentum_buffer")));
            Assert.Equal("Muon", f.Metadata["torch.optim"]);
            using JsonDocument groups = JsonDocument.Parse(f.Metadata["param_groups"]);
            JsonElement g = groups.RootElement[0];
            Assert.Equal([3.4445, -4.775, 2.0315], g.GetProperty("ns_coefficients").EnumerateArray().Select(x => Math.Round(x.GetDouble(), 4)));
            Assert.Equal("match_rms_adamw", g.GetProperty("adjust_lr_fn").GetString());
            Assert.Equal(5, g.GetProperty("ns_steps").GetInt32());
            Assert.True(g.GetProperty("nesterov").GetBoolean());
        }, [[4, 3], [3, 5]]);

    [Fact]
    public void SgdMomentumBufferIsKeptOnlyWithMomentum()
    {
        ContinuesBitForBit(() => new Sgd { LearningRate = 0.1f, Momentum = 0.9f, Nesterov = true }, 2, 2, (sgd, f) =>
        {
            Assert.Equal(Bits(sgd.State.Tensors[1].Buffer(0)), Bits(f.ReadFloat32("state.1.momentum_buffer")));
            Assert.Equal("SGD", f.Metadata["torch.optim"]);
            using JsonDocument groups = JsonDocument.Parse(f.Metadata["param_groups"]);
            JsonElement g = groups.RootElement[0];
            Assert.Equal(0.9, g.GetProperty("momentum").GetDouble(), 6);
            Assert.True(g.GetProperty("nesterov").GetBoolean());
        });

        using var tmp = new TempFolder();
        var plain = new Sgd { LearningRate = 0.1f };
        Parameter[] ps = Model(5, Shapes);
        Train(plain, ps, 1);
        SafeTensorsFile f = SaveState(plain, ps, tmp);
        Assert.Equal(new[] { "state.0.step", "state.1.step", "state.2.step" }, f.Tensors.Select(t => t.Name).Order(StringComparer.Ordinal));
        var plain2 = new Sgd { LearningRate = 0.1f };
        SafeTensors.LoadOptimizerState(f, plain2, ps);
        Assert.Equal(1, plain2.StepCount);
    }

    [Fact]
    public void BFloat16StateIsSavedAsBf16AndRoundTrips() =>
        ContinuesBitForBit(() => new InteropMomentumBf16 { LearningRate = 0.01f }, 3, 2, (opt, f) =>
        {
            Assert.False(f.Metadata.ContainsKey("torch.optim"));
            SafeTensorsEntry v = f.GetTensor("state.2.velocity"); // our name, without the storage suffix
            Assert.Equal(SafeTensorsDType.BF16, v.DType);
            Assert.Equal(new long[] { 5 }, v.Shape);
            Assert.Equal(10, v.End - v.Begin);
            byte[] packed = System.Runtime.InteropServices.MemoryMarshal.AsBytes(opt.State.Tensors[2].Buffer(0)).ToArray();
            Assert.Equal(12, packed.Length); // three floats hold the five halves and a spare one
            Assert.Equal(packed[..10], f.GetData(v).ToArray());
        });

    [Fact]
    public void ScalarStatesAreF64ScalarsUnderPyTorchsNames()
    {
        using var tmp = new TempFolder();
        Parameter[] ps = Model(8, Shapes);
        var nadam = new NAdam();
        Train(nadam, ps, 3);
        SafeTensorsFile f = SaveState(nadam, ps, tmp);
        SafeTensorsEntry mu = f.GetTensor("state.0.mu_product");
        Assert.Equal(SafeTensorsDType.F64, mu.DType);
        Assert.Empty(mu.Shape);
        Assert.Equal(nadam.State.Tensors[0].Scalars[0], BitConverter.ToDouble(f.GetData(mu)));
        var nadam2 = new NAdam();
        SafeTensors.LoadOptimizerState(f, nadam2, ps);
        Assert.Equal(nadam.State.Tensors[2].Scalars[0], nadam2.State.Tensors[2].Scalars[0]);
    }

    [Fact]
    public void OptimizersWithoutAPyTorchCounterpartKeepTheirOwnNames()
    {
        using var tmp = new TempFolder();
        Parameter[] ps = Model(9, Shapes);
        var lion = new Lion();
        Train(lion, ps, 1);
        SafeTensorsFile f = SaveState(lion, ps, tmp);
        Assert.True(f.Contains("state.0.m"));
        Assert.False(f.Metadata.ContainsKey("torch.optim"));
        using JsonDocument groups = JsonDocument.Parse(f.Metadata["param_groups"]);
        Assert.Equal(new[] { "lr", "params" }, groups.RootElement[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void AnOptimizerThatHasNotSteppedSavesNoTensorsAndLoadingItResets()
    {
        using var tmp = new TempFolder();
        Parameter[] ps = Model(10, Shapes);
        SafeTensorsFile f = SaveState(new Adam(), ps, tmp);
        Assert.Empty(f.Tensors);
        var stepped = new Adam();
        Train(stepped, ps, 2);
        SafeTensors.LoadOptimizerState(f, stepped, ps);
        Assert.Equal(0, stepped.StepCount);
        Assert.False(stepped.State.IsInitialized);
    }

    [Fact]
    public void AFileWrittenAsPyTorchWouldLoads()
    {
        // What the Python snippet in docs/interop.md writes: torch's names only, no OptGen metadata, tensors in any
        // order, and step as the (1,)-shaped tensor of PyTorch's fused/capturable Adam.
        using var tmp = new TempFolder();
        Parameter[] ps = Model(11, Shapes);
        var adam = new Adam();
        Train(adam, ps, 5);
        var w = new SafeTensorsWriter();
        w.Metadata["param_groups"] = "[{\"lr\": 0.001, \"params\": [0, 1, 2]}]";
        for (int i = ps.Length - 1; i >= 0; i--)
        {
            w.AddFloat32($"state.{i}.step", [1], [5f]);
            w.AddFloat32($"state.{i}.exp_avg_sq", ps[i].Shape, adam.State.Tensors[i].Buffer(1));
            w.AddFloat32($"state.{i}.exp_avg", ps[i].Shape, adam.State.Tensors[i].Buffer(0));
        }
        var adam2 = new Adam();
        SafeTensors.LoadOptimizerState(SafeTensorsFile.Parse(w.ToArray()), adam2, ps);
        Assert.Equal(5, adam2.StepCount);
        OptimizerSnapshot.Take(adam, ps).AssertSameValues(OptimizerSnapshot.Take(adam2, ps));
    }

    [Fact]
    public void AFileThatDoesNotFitTheOptimizerIsRejectedNamingTheTensorAndChangesNothing()
    {
        using var tmp = new TempFolder();
        Parameter[] ps = Model(12, Shapes);
        var source = new Adam();
        Train(source, ps, 3);
        SafeTensorsFile good = SaveState(source, ps, tmp);

        Parameter[] target = Model(13, Shapes);
        var adam = new Adam();
        Train(adam, target, 2);
        var before = OptimizerSnapshot.Take(adam, target);

        void Expect(byte[] bytes, IOptimizer opt, Parameter[] on, params string[] fragments)
        {
            var snapshot = OptimizerSnapshot.Take(opt, on);
            var e = Assert.ThrowsAny<ArgumentException>(() => SafeTensors.LoadOptimizerState(SafeTensorsFile.Parse(bytes, "o.safetensors"), opt, on));
            Assert.Contains("'o.safetensors'", e.Message);
            foreach (string f in fragments)
                Assert.Contains(f, e.Message);
            snapshot.AssertUnchanged(opt, on);
        }

        byte[] same = Rewrite(good);
        var sgd = new Sgd { Momentum = 0.9f };
        Parameter[] other = Model(20, Shapes);
        Train(sgd, other, 1);
        Expect(same, sgd, other, "OptGen.Optimizers.Adam", "not OptGen.Optimizers.Sgd");
        Expect(Rewrite(good, edit: w => { w.Metadata.Remove("optgen.optimizer"); w.Metadata["torch.optim"] = "SGD"; }), adam, target, "torch.optim.SGD", "torch.optim.Adam");
        Expect(Rewrite(good, drop: e => e.Name == "state.1.exp_avg"), adam, target, "no tensor 'state.1.exp_avg'", "[3]");
        Expect(Rewrite(good, drop: e => e.Name == "state.2.step"), adam, target, "no tensor 'state.2.step'");
        Expect(Rewrite(good, edit: w => w.AddFloat32("state.0.momentum_buffer", [3, 2], new float[6])), adam, target, "'state.0.momentum_buffer'", "exp_avg, exp_avg_sq, max_exp_avg_sq, step");
        Expect(Rewrite(good, edit: w => w.AddFloat32("model.weight", [1], [0f])), adam, target, "'model.weight'", "state.<parameter index>.<name>");
        Expect(Rewrite(good, edit: w => w.AddFloat32("state.01.exp_avg", [1], [0f])), adam, target, "'state.01.exp_avg'");
        Expect(Rewrite(good, edit: w => w.AddFloat32("state.3.exp_avg", [1], [0f])), adam, target, "'state.3.exp_avg'", "parameter 3", "3 parameters");
        Expect(Rewrite(good, drop: e => e.Name == "state.0.exp_avg", edit: w => w.AddFloat32("state.0.exp_avg", [2, 3], new float[6])), adam, target, "'state.0.exp_avg'", "[2, 3]", "[3, 2]");
        Expect(Rewrite(good, drop: e => e.Name == "state.0.exp_avg", edit: w => w.AddFloat64("state.0.exp_avg", [3, 2], new double[6])), adam, target, "'state.0.exp_avg'", "F64", "F32");
        Expect(Rewrite(good, drop: e => e.Name == "state.1.step", edit: w => w.AddFloat32("state.1.step", [], [4f])), adam, target, "'state.1.step'", "4 steps", "3");
        Expect(Rewrite(good, drop: e => e.Name == "state.0.step", edit: w => w.AddFloat32("state.0.step", [], [2.5f])), adam, target, "'state.0.step'", "2.5");
        Expect(Rewrite(good, drop: e => e.Name == "state.0.step", edit: w => w.AddFloat32("state.0.step", [2], [3f, 3f])), adam, target, "'state.0.step'", "shape [2]");
        Expect(Rewrite(good, drop: e => e.Name == "state.0.step", edit: w => w.Add("state.0.step", SafeTensorsDType.U8, [], [3])), adam, target, "'state.0.step'", "U8");
        Expect(same, adam, Model(14, [3, 2], [3]), "'state.2.exp_avg'", "parameter 2", "2 parameters");
        Expect(same, adam, Model(14, [3, 2], [3], [4]), "'state.2.exp_avg'", "[5]", "[4]");
        before.AssertUnchanged(adam, target);

        // The good file still loads into the same optimizer.
        SafeTensors.LoadOptimizerState(good, adam, target);
        Assert.Equal(3, adam.StepCount);
    }

    [Fact]
    public void EveryTruncationOfAStateFileIsRejectedAndTheOptimizerIsUnchanged()
    {
        Parameter[] ps = Model(15, [2], [1]);
        var source = new InteropMomentumBf16();
        Train(source, ps, 1);
        using var tmp = new TempFolder();
        SaveState(source, ps, tmp);
        byte[] good = File.ReadAllBytes(tmp.File("opt.safetensors"));

        var opt = new InteropMomentumBf16();
        Train(opt, ps, 2);
        var before = OptimizerSnapshot.Take(opt, ps);
        for (int length = 0; length < good.Length; length++)
        {
            var e = Assert.Throws<InvalidDataException>(() => SafeTensors.LoadOptimizerState(SafeTensorsFile.Parse(good[..length], "t"), opt, ps));
            Assert.Contains("'t'", e.Message);
        }
        before.AssertUnchanged(opt, ps);
    }

    [Fact]
    public void SavingRejectsParametersTheStateWasNotMadeFor()
    {
        using var tmp = new TempFolder();
        Parameter[] ps = Model(16, Shapes);
        var adam = new Adam();
        Train(adam, ps, 1);
        string path = tmp.File("o.safetensors");
        Assert.Throws<ArgumentException>(() => SafeTensors.SaveOptimizerState(path, adam, [ps[1], ps[0], ps[2]]));
        Assert.Throws<ArgumentException>(() => SafeTensors.SaveOptimizerState(path, adam, Model(16, Shapes)));
        Assert.False(File.Exists(path));
    }
}

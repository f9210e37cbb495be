using OptGen.Interop;
using static OptGen.TestSupport.SafeTensorsEdits;
using static OptGen.TestSupport.TestTraining;

namespace OptGen.Training.Tests.Interop;

/// <summary>Model weights as the state_dict of the equivalent torch.nn.Sequential.</summary>
public class SafeTensorsModelTests
{
    private static Sequential Mlp(ulong seed) =>
        new(4, new Dense(4, 3, seed, name: "dense0"), new Relu(), new Dropout(0.5f, seed), new Dense(3, 2, seed + 1, name: "dense1"));

    private static KeyValuePair<string, Parameter> Named(string name, Parameter p) => new(name, p);

    [Fact]
    public void SequentialNamesCountEveryModuleAsPyTorchDoes()
    {
        Sequential model = Mlp(1);
        var dense0 = (Dense)model.Layers[0];
        var dense1 = (Dense)model.Layers[3];
        IReadOnlyList<KeyValuePair<string, Parameter>> names = SafeTensors.TorchNames(model);
        Assert.Equal(new[] { "0.weight", "0.bias", "3.weight", "3.bias" }, names.Select(n => n.Key));
        Assert.Same(dense0.Weight, names[0].Value);
        Assert.Same(dense0.Bias, names[1].Value);
        Assert.Same(dense1.Weight, names[2].Value);
        Assert.Same(dense1.Bias, names[3].Value);
    }

    /// <summary>A layer with its own parameters: one named with a dot, one unnamed.</summary>
    private sealed class Scale : Layer
    {
        private readonly Parameter[] _ps = [new Parameter([2], "norm.gamma"), new Parameter([2])];

        public override IReadOnlyList<Parameter> Parameters => _ps;

        public override int GetOutputSize(int inputSize) => inputSize;

        public override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch) => input.CopyTo(output);

        public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch) =>
            outputGradient.CopyTo(inputGradient);
    }

    [Fact]
    public void OtherLayersNameTheirTensorsByTheLastPartOfTheNameOrByPosition()
    {
        var scale = new Scale();
        var model = new Sequential(2, new Dense(2, 2, 1, name: "d"), scale);
        Assert.Equal(new[] { "0.weight", "0.bias", "1.gamma", "1.1" }, SafeTensors.TorchNames(model).Select(n => n.Key));
        Assert.Same(scale.Parameters[1], SafeTensors.TorchNames(model)[3].Value);
    }

    [Fact]
    public void ASavedModelHoldsEachParameterAsF32WithItsOwnShape()
    {
        using var tmp = new TempFolder();
        string path = tmp.File("model.safetensors");
        Sequential model = Mlp(2);
        SafeTensors.SaveModel(path, model);

        SafeTensorsFile file = SafeTensorsFile.Read(path);
        Assert.Equal("pt", file.Metadata["format"]);
        Assert.Equal(4, file.Tensors.Count);
        foreach ((string name, Parameter p) in SafeTensors.TorchNames(model))
        {
            SafeTensorsEntry e = file.GetTensor(name);
            Assert.Equal(SafeTensorsDType.F32, e.DType);
            Assert.Equal(p.Shape.ToArray().Select(d => (long)d), e.Shape);
            Assert.Equal(Bits(p.Value), Bits(file.ReadFloat32(name)));
        }
    }

    [Fact]
    public void TwoDimensionalWeightsAreWrittenRowMajorWithoutTransposing()
    {
        // As torch.nn.Linear(3, 2): weight [out=2, in=3], bias [2].
        var weight = new Parameter(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3], "0.weight");
        var bias = new Parameter(new float[] { 7, 8 }, [2], "0.bias");
        using var tmp = new TempFolder();
        string path = tmp.File("linear.safetensors");
        SafeTensors.SaveModel(path, [weight, bias]);
        SafeTensorsFile file = SafeTensorsFile.Read(path);
        Assert.Equal(new long[] { 2, 3 }, file.GetTensor("0.weight").Shape);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, file.ReadFloat32("0.weight"));
        // Same dtype: by name, so "0.bias" comes first in the data.
        Assert.Equal(new[] { "0.bias", "0.weight" }, file.Tensors.Select(t => t.Name));
        Assert.Equal((0L, 8L), (file.Tensors[0].Begin, file.Tensors[0].End));
    }

    [Fact]
    public void AModelRoundTripsBitForBit()
    {
        using var tmp = new TempFolder();
        string path = tmp.File("model.safetensors");
        Sequential a = Mlp(3);
        SafeTensors.SaveModel(path, a);
        Sequential b = Mlp(99);
        Assert.NotEqual(Bits(a.Parameters[0].Value), Bits(b.Parameters[0].Value));
        SafeTensors.LoadModel(path, b);
        for (int i = 0; i < a.Parameters.Length; i++)
            Assert.Equal(Bits(a.Parameters[i].Value), Bits(b.Parameters[i].Value));

        // By parameter names too.
        Parameter[] ps = Model(5, [3, 4], [4]);
        string named = tmp.File("named.safetensors");
        SafeTensors.SaveModel(named, ps);
        Parameter[] fresh = Model(6, [3, 4], [4]);
        SafeTensors.LoadModel(named, fresh);
        Assert.Equal(Bits(ps[0].Value), Bits(fresh[0].Value));
        Assert.Equal(Bits(ps[1].Value), Bits(fresh[1].Value));
    }

    [Fact]
    public void AFileThatDoesNotFitTheModelIsRejectedNamingTheTensorAndChangesNothing()
    {
        Parameter[] saved = Model(1, [2, 3], [3]);
        var w = new SafeTensorsWriter();
        w.AddFloat32("0.weight", [2, 3], saved[0].Value);
        w.AddFloat32("0.bias", [3], saved[1].Value);
        SafeTensorsFile good = SafeTensorsFile.Parse(w.ToArray(), "m.safetensors");

        void Expect(SafeTensorsFile file, Parameter[] target, params string[] fragments)
        {
            int[][] before = target.Select(p => Bits(p.Value)).ToArray();
            KeyValuePair<string, Parameter>[] named = [Named("0.weight", target[0]), Named("0.bias", target[1])];
            var e = Assert.ThrowsAny<ArgumentException>(() => SafeTensors.LoadModel(file, named));
            Assert.Contains("'m.safetensors'", e.Message);
            foreach (string f in fragments)
                Assert.Contains(f, e.Message);
            Assert.Equal(before, target.Select(p => Bits(p.Value)).ToArray());
        }

        // Transposed weight: same element count, other shape.
        Expect(good, Model(2, [3, 2], [3]), "'0.weight'", "shape [2, 3]", "shape [3, 2]");
        // Flat weight of the same length.
        Expect(good, Model(2, [6], [3]), "'0.weight'", "[2, 3]", "[6]");
        Expect(good, Model(2, [2, 3], [4]), "'0.bias'", "[3]", "[4]");
        Expect(SafeTensorsFile.Parse(Rewrite(good, drop: e => e.Name == "0.bias"), "m.safetensors"), Model(2, [2, 3], [3]), "no tensor '0.bias'", "'0.weight'");
        Expect(SafeTensorsFile.Parse(Rewrite(good, edit: x => x.AddFloat32("2.weight", [1], [1f])), "m.safetensors"), Model(2, [2, 3], [3]), "'2.weight'", "no parameter");
        byte[] f64 = Rewrite(good, drop: e => e.Name == "0.bias", edit: x => x.AddFloat64("0.bias", [3], [1, 2, 3]));
        Expect(SafeTensorsFile.Parse(f64, "m.safetensors"), Model(2, [2, 3], [3]), "'0.bias'", "F64", "F32");
        var scalar = new SafeTensorsWriter();
        scalar.AddFloat32("0.weight", [2, 3], new float[6]);
        scalar.AddFloat32("0.bias", [], [1f]);
        Expect(SafeTensorsFile.Parse(scalar.ToArray(), "m.safetensors"), Model(2, [2, 3], [1]), "'0.bias'", "shape []", "shape [1]");
    }

    [Fact]
    public void EveryTruncationOfAModelFileIsRejectedAndTheModelIsUnchanged()
    {
        using var tmp = new TempFolder();
        string path = tmp.File("m.safetensors");
        SafeTensors.SaveModel(path, Mlp(7));
        byte[] good = File.ReadAllBytes(path);
        Sequential target = Mlp(8);
        int[][] before = target.Parameters.ToArray().Select(p => Bits(p.Value)).ToArray();
        for (int length = 0; length < good.Length; length++)
        {
            File.WriteAllBytes(path, good[..length]);
            var e = Assert.Throws<InvalidDataException>(() => SafeTensors.LoadModel(path, target));
            Assert.Contains(path, e.Message);
        }
        Assert.Equal(before, target.Parameters.ToArray().Select(p => Bits(p.Value)).ToArray());
    }

    [Fact]
    public void SavingRejectsUnnamedOrRepeatedTensors()
    {
        using var tmp = new TempFolder();
        string path = tmp.File("x.safetensors");
        Assert.Contains("no name", Assert.Throws<ArgumentException>(() => SafeTensors.SaveModel(path, [new Parameter(2)])).Message);
        var p = new Parameter(2, "a");
        Assert.Contains("both named 'a'", Assert.Throws<ArgumentException>(() => SafeTensors.SaveModel(path, [p, new Parameter(3, "a")])).Message);
        Assert.Contains("listed twice", Assert.Throws<ArgumentException>(() => SafeTensors.SaveModel(path, [Named("x", p), Named("y", p)])).Message);
        Assert.False(File.Exists(path));
    }
}

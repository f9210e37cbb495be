using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using OptGen.Checkpoints;

namespace OptGen.Interop;

/// <summary>
/// Restores an optimizer's state from the keys <see cref="OptimizerStateWriter"/> writes (or a PyTorch
/// <c>state_dict()["state"]</c> flattened the same way). Everything is checked before the optimizer is touched:
/// which optimizer the file is for, that every parameter has every state PyTorch keeps in this configuration, each
/// in the parameter's shape and the expected dtype, one step count shared by all, and no tensor left over.
/// </summary>
internal static class OptimizerStateReader
{
    public static void Load(SafeTensorsFile file, IOptimizer optimizer, IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(parameters);
        OptimizerStateWriter.RefuseRouted(optimizer);
        OptimizerState state = optimizer.State ?? throw new ArgumentException("The optimizer has no State.", nameof(optimizer));
        Checkpoint.CheckParameters(parameters, nameof(parameters));
        TorchOptimizerTable.Row? row = TorchOptimizerTable.Find(optimizer);
        CheckOptimizer(file, optimizer, row);
        int[] owners = Owners(file, parameters.Count);
        if (file.Tensors.Count == 0)
        {
            state.Reset(); // saved before the first step: no state, step 0
            return;
        }

        var claims = new Claims(file);
        var buffers = new float[parameters.Count][][];
        var scalars = new double[parameters.Count][];
        var shared = new double[state.SharedNames.Length];
        for (int s = 0; s < shared.Length; s++)
            shared[s] = Scalar(file, Required(claims, OptimizerStateWriter.Key(0, state.SharedNames[s]), parameters[0], "shared scalar state"), [SafeTensorsDType.F64, SafeTensorsDType.F32]);
        long? step = null;
        for (int i = 0; i < parameters.Count; i++)
        {
            Parameter p = parameters[i];
            buffers[i] = new float[state.BufferNames.Length][];
            for (int b = 0; b < state.BufferNames.Length; b++)
                buffers[i][b] = Buffer(claims, optimizer, row, state, b, i, p);
            scalars[i] = new double[state.ScalarNames.Length];
            for (int s = 0; s < state.ScalarNames.Length; s++)
            {
                SafeTensorsEntry entry = Required(claims, OptimizerStateWriter.Key(i, TorchOptimizerTable.Map(row, state.ScalarNames[s]).Torch), p, "scalar state");
                scalars[i][s] = Scalar(file, entry, [SafeTensorsDType.F64, SafeTensorsDType.F32]);
            }
            long own = Step(file, Required(claims, OptimizerStateWriter.Key(i, "step"), p, "step count; PyTorch's SGD keeps none, so add one"));
            if (step is { } first && own != first)
                throw new ArgumentException($"Tensor '{OptimizerStateWriter.Key(i, "step")}' of '{file.Source}' says {own} steps, but parameter 0's says {first}; {state.OptimizerName} counts one step for all its tensors.", nameof(file));
            step = own;
        }
        if (claims.FirstUnclaimed() is int k)
            throw new ArgumentException($"'{file.Source}' holds tensor '{file.Tensors[k].Name}' (parameter {owners[k]}), which is not a state of {state.OptimizerName} (it keeps {Expected(row, state)}).", nameof(file));
        var array = new Parameter[parameters.Count];
        for (int i = 0; i < array.Length; i++)
            array[i] = parameters[i];
        state.Restore(array, step!.Value, buffers, scalars, shared);
    }

    /// <summary>The file's optimizer (from its metadata, when it says) must be this one.</summary>
    private static void CheckOptimizer(SafeTensorsFile file, IOptimizer optimizer, TorchOptimizerTable.Row? row)
    {
        string ours = Checkpoint.TypeName(optimizer);
        if (file.Metadata.TryGetValue(OptimizerStateWriter.TypeKey, out string? saved))
        {
            if (saved != ours)
                throw new ArgumentException($"'{file.Source}' holds the state of {saved}, not {ours}.", nameof(optimizer));
            return;
        }
        if (file.Metadata.TryGetValue(OptimizerStateWriter.TorchClassKey, out string? torch) && torch != row?.TorchClass)
        {
            string expected = row is null ? $"{ours} has no torch.optim counterpart" : $"{ours} reads torch.optim.{row.TorchClass}";
            throw new ArgumentException($"'{file.Source}' holds the state of torch.optim.{torch}, but {expected}.", nameof(optimizer));
        }
    }

    /// <summary>The parameter index of each tensor, from its key <c>state.{i}.{name}</c>.</summary>
    private static int[] Owners(SafeTensorsFile file, int count)
    {
        var owners = new int[file.Tensors.Count];
        for (int k = 0; k < owners.Length; k++)
        {
            string name = file.Tensors[k].Name;
            int dot = name.StartsWith("state.", StringComparison.Ordinal) ? name.IndexOf('.', 6) : -1;
            ReadOnlySpan<char> index = dot > 6 ? name.AsSpan(6, dot - 6) : default;
            bool canonical = index.Length > 0 && (index.Length == 1 || index[0] != '0') && dot < name.Length - 1;
            if (!canonical || !int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out int i))
                throw new ArgumentException($"'{file.Source}' holds tensor '{name}', which is not an optimizer state key 'state.<parameter index>.<name>'.", nameof(file));
            if (i >= count)
                throw new ArgumentException($"'{file.Source}' holds tensor '{name}' for parameter {i}, but {count} parameters were given.", nameof(file));
            owners[k] = i;
        }
        return owners;
    }

    private static float[] Buffer(Claims claims, IOptimizer optimizer, TorchOptimizerTable.Row? row, OptimizerState state, int b, int i, Parameter p)
    {
        SafeTensorsFile file = claims.File;
        string ours = state.BufferNames[b];
        TorchOptimizerTable.StateName name = TorchOptimizerTable.Map(row, ours);
        string key = OptimizerStateWriter.Key(i, name.Torch);
        int stored = state.StoredLength(b, p);
        if (stored == 0)
            return []; // the tensor's branch of the update keeps no such state
        bool bf16 = ours.EndsWith(OptimizerState.BFloat16Suffix, StringComparison.Ordinal);
        int[] shape = state.GetBufferShape(b, p);
        if (!claims.TryTake(key, out SafeTensorsEntry entry))
        {
            if (name.KeptWhen is { } kept && !kept(optimizer))
                return new float[stored]; // PyTorch has none in this configuration, and the update does not read it
            throw Missing(file, key, p);
        }
        SafeTensorsDType want = bf16 ? SafeTensorsDType.BF16 : SafeTensorsDType.F32;
        if (entry.DType != want)
            throw new ArgumentException($"Tensor '{key}' of '{file.Source}' is {SafeTensorsDTypes.Name(entry.DType)}, but this state is kept as {SafeTensorsDTypes.Name(want)}.", nameof(file));
        if (!SafeTensors.SameShape(entry, shape))
            throw new ArgumentException($"Tensor '{key}' of '{file.Source}' has shape {entry.FormatShape()}, but this state of parameter {i} {SafeTensors.Describe(p)} has shape {Parameter.Format(shape)}.", nameof(file));
        var values = new float[stored];
        if (bf16)
            SafeTensorsData.Read<ushort>(file.GetData(entry), MemoryMarshal.Cast<float, ushort>(values.AsSpan())[..SafeTensors.Count(shape)]);
        else
            SafeTensorsData.Read<float>(file.GetData(entry), values);
        return values;
    }

    private static SafeTensorsEntry Required(Claims claims, string key, Parameter p, string what) =>
        claims.TryTake(key, out SafeTensorsEntry entry) ? entry : throw Missing(claims.File, key, p, what);

    private static ArgumentException Missing(SafeTensorsFile file, string key, Parameter p, string what = "state") =>
        new($"'{file.Source}' has no tensor '{key}' ({what} of parameter {SafeTensors.Describe(p)}, shape {Parameter.Format(p.Shape)}).", nameof(file));

    /// <summary>The file's tensors, each marked when a state takes it, so that leftovers can be reported.</summary>
    private sealed class Claims
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly bool[] _taken;

        public Claims(SafeTensorsFile file)
        {
            File = file;
            _taken = new bool[file.Tensors.Count];
            for (int k = 0; k < _taken.Length; k++)
                _index.Add(file.Tensors[k].Name, k);
        }

        public SafeTensorsFile File { get; }

        public bool TryTake(string key, out SafeTensorsEntry entry)
        {
            if (!_index.TryGetValue(key, out int k))
            {
                entry = null!;
                return false;
            }
            _taken[k] = true;
            entry = File.Tensors[k];
            return true;
        }

        public int? FirstUnclaimed()
        {
            int k = Array.IndexOf(_taken, false);
            return k >= 0 ? k : null;
        }
    }

    /// <summary>A scalar: shape [] (or [1], as PyTorch's fused and capturable optimizers keep <c>step</c>), of an allowed dtype.</summary>
    private static double Scalar(SafeTensorsFile file, SafeTensorsEntry entry, SafeTensorsDType[] allowed)
    {
        bool shapeOk = entry.Shape.Count == 0 || (entry.Shape.Count == 1 && entry.Shape[0] == 1);
        if (!shapeOk)
            throw new ArgumentException($"Tensor '{entry.Name}' of '{file.Source}' has shape {entry.FormatShape()}; a scalar state has shape [].", nameof(file));
        if (Array.IndexOf(allowed, entry.DType) < 0 || SafeTensorsData.ScalarValue(entry.DType, file.GetData(entry)) is not double value)
            throw new ArgumentException($"Tensor '{entry.Name}' of '{file.Source}' is {SafeTensorsDTypes.Name(entry.DType)}; it must be one of {string.Join(", ", Array.ConvertAll(allowed, SafeTensorsDTypes.Name))}.", nameof(file));
        return value;
    }

    private static long Step(SafeTensorsFile file, SafeTensorsEntry entry)
    {
        double value = Scalar(file, entry, [SafeTensorsDType.F32, SafeTensorsDType.F64, SafeTensorsDType.I64, SafeTensorsDType.I32]);
        if (!(value >= 0) || value != Math.Floor(value) || value > long.MaxValue / 2)
            throw new ArgumentException($"Tensor '{entry.Name}' of '{file.Source}' holds {value.ToString(CultureInfo.InvariantCulture)}, which is not a step count (a whole number ≥ 0).", nameof(file));
        return (long)value;
    }

    private static string Expected(TorchOptimizerTable.Row? row, OptimizerState state)
    {
        var names = new List<string>();
        foreach (string b in state.BufferNames)
            names.Add(TorchOptimizerTable.Map(row, b).Torch);
        foreach (string s in state.ScalarNames)
            names.Add(TorchOptimizerTable.Map(row, s).Torch);
        foreach (string s in state.SharedNames)
            names.Add(s + " (parameter 0 only)");
        names.Add("step");
        return string.Join(", ", names);
    }
}

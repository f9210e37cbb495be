using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OptGen.Checkpoints;

namespace OptGen.Interop;

/// <summary>
/// Lays out an optimizer's state as <c>torch.optim.Optimizer.state_dict()</c> flattened into safetensors: tensor
/// <c>state.{i}.{name}</c> for each state of parameter i (PyTorch's names from <see cref="TorchOptimizerTable"/>,
/// else ours), <c>state.{i}.step</c> as PyTorch keeps it (F32, shape []), and the param group in the metadata.
/// </summary>
internal static class OptimizerStateWriter
{
    /// <summary>Metadata key: the optimizer's .NET type.</summary>
    public const string TypeKey = "optgen.optimizer";

    /// <summary>Metadata key: the <c>torch.optim</c> class, for optimizers that have one.</summary>
    public const string TorchClassKey = "torch.optim";

    /// <summary>Metadata key: PyTorch's <c>param_groups</c>, as JSON text.</summary>
    public const string ParamGroupsKey = "param_groups";

    /// <summary>Steps up to this are exact in float32, the dtype PyTorch keeps <c>step</c> in; later ones are written as F64.</summary>
    public const long ExactFloat32Steps = 1 << 24;

    /// <summary>
    /// A safetensors optimizer file is one <c>torch.optim</c> optimizer's state_dict; a <see cref="RoutedOptimizer"/>'s
    /// members are several, so each is exported on its own (a checkpoint saves the router whole).
    /// </summary>
    internal static void RefuseRouted(IOptimizer optimizer)
    {
        if (optimizer is RoutedOptimizer)
            throw new ArgumentException("A RoutedOptimizer's state has no single torch.optim state_dict to export or import: save it with OptGen.Checkpoints.Checkpoint, or export each member with its own tensors (SaveOptimizerState(path, router.Routes[r].Optimizer, router.ParametersOf(r).ToArray())).", nameof(optimizer));
    }

    public static SafeTensorsWriter Build(IOptimizer optimizer, IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(parameters);
        RefuseRouted(optimizer);
        OptimizerState state = optimizer.State ?? throw new ArgumentException("The optimizer has no State.", nameof(optimizer));
        Checkpoint.CheckParameters(parameters, nameof(parameters));
        TorchOptimizerTable.Row? row = TorchOptimizerTable.Find(optimizer);
        var writer = new SafeTensorsWriter();
        writer.Metadata[TypeKey] = Checkpoint.TypeName(optimizer);
        if (row is not null)
            writer.Metadata[TorchClassKey] = row.TorchClass;
        writer.Metadata[ParamGroupsKey] = ParamGroups(optimizer, row, parameters.Count);
        if (!state.IsInitialized)
            return writer;

        CheckpointWriter.CheckOwnership(state, parameters);
        ReadOnlySpan<TensorState> tensors = state.Tensors;
        for (int i = 0; i < tensors.Length; i++)
        {
            Parameter p = parameters[i];
            TensorState t = tensors[i];
            for (int b = 0; b < state.BufferNames.Length; b++)
            {
                string ours = state.BufferNames[b];
                TorchOptimizerTable.StateName name = TorchOptimizerTable.Map(row, ours);
                if (name.KeptWhen is { } kept && !kept(optimizer))
                    continue; // PyTorch has no such state in this configuration
                string key = Key(i, name.Torch);
                if (t.Buffer(b).Length == 0)
                    continue; // the tensor's branch of the update keeps no such state
                int[] shape = state.GetBufferShape(b, p);
                if (ours.EndsWith(OptimizerState.BFloat16Suffix, StringComparison.Ordinal))
                    writer.AddBFloat16(key, shape, MemoryMarshal.Cast<float, ushort>(t.Buffer(b))[..SafeTensors.Count(shape)]);
                else
                    writer.AddFloat32(key, shape, t.Buffer(b));
            }
            for (int s = 0; s < state.ScalarNames.Length; s++)
                writer.AddFloat64(Key(i, TorchOptimizerTable.Map(row, state.ScalarNames[s]).Torch), [], [t.Scalars[s]]);
            for (int s = 0; i == 0 && s < state.SharedNames.Length; s++)
                writer.AddFloat64(Key(0, state.SharedNames[s]), [], [state.SharedScalars[s]]); // shared by all tensors: stored once, with parameter 0
            if (state.StepCount <= ExactFloat32Steps)
                writer.AddFloat32(Key(i, "step"), [], [state.StepCount]);
            else
                writer.AddFloat64(Key(i, "step"), [], [state.StepCount]);
        }
        return writer;
    }

    /// <summary>The key of state <paramref name="name"/> of parameter <paramref name="index"/>: <c>state.{index}.{name}</c>.</summary>
    public static string Key(int index, string name) => "state." + index.ToString(CultureInfo.InvariantCulture) + "." + name;

    /// <summary>
    /// <c>[{"lr": ..., hyperparameters..., "params": [0, ..., n-1]}]</c>: one group, as PyTorch's
    /// <c>state_dict()["param_groups"]</c>. With a schedule, <c>lr</c> is the rate of the next step and
    /// <c>initial_lr</c> the base rate, as PyTorch's schedulers leave them.
    /// </summary>
    private static string ParamGroups(IOptimizer optimizer, TorchOptimizerTable.Row? row, int count)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            w.WriteStartObject();
            if (optimizer.Schedule is { } schedule)
            {
                w.WriteNumber("lr", schedule.GetLearningRate(optimizer.StepCount, optimizer.LearningRate));
                w.WriteNumber("initial_lr", optimizer.LearningRate);
            }
            else
            {
                w.WriteNumber("lr", optimizer.LearningRate);
            }
            row?.WriteHyperparameters(w, optimizer);
            w.WriteStartArray("params");
            for (int i = 0; i < count; i++)
                w.WriteNumberValue(i);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

using System;
using System.Collections.Generic;
using System.IO;

namespace OptGen.Interop;

public static partial class SafeTensors
{
    /// <summary>
    /// Saves <paramref name="optimizer"/>'s state for <paramref name="parameters"/> (the tensors it steps, in order) as
    /// PyTorch's <c>optimizer.state_dict()</c> flattened: tensor <c>state.{i}.{name}</c> for each state of parameter i,
    /// under PyTorch's state names for the built-ins that have a <c>torch.optim</c> counterpart (our own names
    /// otherwise), each in the parameter's shape (F32, or BF16 for bfloat16 state); <c>state.{i}.step</c> as an F32
    /// scalar (shape []); per-tensor scalar states as F64 scalars; and in the metadata <c>param_groups</c> (PyTorch's,
    /// as JSON text), <c>optgen.optimizer</c> and <c>torch.optim</c>. An optimizer that has not stepped saves no
    /// tensors. The file is replaced atomically. See docs/interop.md for the table of names.
    /// </summary>
    /// <exception cref="ArgumentException">The parameters are invalid, or the optimizer's state belongs to other tensors or another order.</exception>
    public static void SaveOptimizerState(string path, IOptimizer optimizer, IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(path);
        OptimizerStateWriter.Build(optimizer, parameters).Save(path);
    }

    /// <summary>
    /// Restores <paramref name="optimizer"/>'s state from a file written by <see cref="SaveOptimizerState"/>, or by
    /// PyTorch in the same layout, for <paramref name="parameters"/> (parameter i takes <c>state.{i}.*</c>); the
    /// optimizer then continues on these tensors, in this order. Hyperparameters and the learning rate are not
    /// changed (they are configuration: read <c>param_groups</c> from <see cref="SafeTensorsFile.Metadata"/> to set
    /// them). A file without state tensors resets the optimizer.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file.</exception>
    /// <exception cref="ArgumentException">The file is for another optimizer, or a state is missing, extra, of another shape or dtype, or the step counts differ.</exception>
    public static void LoadOptimizerState(string path, IOptimizer optimizer, IReadOnlyList<Parameter> parameters) =>
        OptimizerStateReader.Load(SafeTensorsFile.Read(path), optimizer, parameters);

    /// <summary>Restores <paramref name="optimizer"/>'s state from an already read file; see <see cref="LoadOptimizerState(string, IOptimizer, IReadOnlyList{Parameter})"/>.</summary>
    /// <exception cref="ArgumentException">The file is for another optimizer, or a state is missing, extra, of another shape or dtype, or the step counts differ.</exception>
    public static void LoadOptimizerState(SafeTensorsFile file, IOptimizer optimizer, IReadOnlyList<Parameter> parameters) =>
        OptimizerStateReader.Load(file, optimizer, parameters);
}

using System;
using System.Collections.Generic;
using System.IO;
using OptGen.Checkpoints;

namespace OptGen.Training;

/// <summary>
/// Saves and restores a <see cref="Trainer"/>'s whole state through <see cref="Checkpoint"/>: the model's parameters,
/// the optimizer's state and step count, and in the extra section the trainer's own state (completed epochs, the
/// shuffle generator and row order, dropout generators, the optimizer's current learning rate, early-stopping and
/// plateau state, the best weights when they are kept, and the state of every schedule the optimizer follows — its
/// learning-rate schedule, each part of a <see cref="OptGen.Schedules.JoinedSchedule"/>, each hyperparameter's
/// schedule (<see cref="OptGen.Schedules.HyperparameterSchedules"/>): <c>TotalSteps</c> and a
/// <see cref="OptGen.Schedules.ReduceOnPlateau"/>'s counters). A trainer built
/// with the same model architecture, optimizer type, loss and options and loaded from a checkpoint continues
/// bit-identically to one that never stopped.
/// </summary>
/// <remarks>
/// Save between epochs: after <see cref="Trainer.Fit"/> or <see cref="Trainer.FitUntil"/> returns, or from the
/// progress callback, which the trainer calls once an epoch's state is complete. The optimizer's hyperparameters
/// and schedules (hyperparameter schedules included, which must be on the same hyperparameters) are configuration:
/// build them as before the save. Callers can store their own entries next to the
/// trainer's (keys starting <c>trainer.</c> are reserved).
/// </remarks>
public static class TrainerCheckpoint
{
    /// <summary>Atomically writes <paramref name="trainer"/>'s state, plus the caller's <paramref name="entries"/>, to <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">An entry key starts with <c>trainer.</c>, or the parameters do not match the optimizer's state.</exception>
    public static void Save(string path, Trainer trainer, IReadOnlyDictionary<string, string>? entries = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(trainer);
        Dictionary<string, string> values = TrainerState.Capture(trainer);
        if (entries is not null)
        {
            foreach ((string key, string value) in entries)
            {
                if (key.StartsWith(TrainerState.Prefix, StringComparison.Ordinal))
                    throw new ArgumentException($"The key '{key}' is reserved for the trainer's own state.", nameof(entries));
                values.Add(key, value);
            }
        }
        Checkpoint.Save(path, trainer.Model.Parameters.ToArray(), trainer.Optimizer, CheckpointExtra.Encode(values));
    }

    /// <summary>
    /// Restores <paramref name="trainer"/> (its model, optimizer and own state) from <paramref name="path"/> and returns
    /// the caller's entries. Everything is validated before anything changes: on an exception the trainer is untouched.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a checkpoint or is corrupt, or holds no trainer state.</exception>
    /// <exception cref="ArgumentException">The checkpoint does not match the trainer's model, optimizer or options.</exception>
    public static IReadOnlyDictionary<string, string> Load(string path, Trainer trainer)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(trainer);
        byte[] bytes = File.ReadAllBytes(path);
        CheckpointInfo info = Checkpoint.ReadInfo(bytes, path);
        Dictionary<string, string> values = info.Extra.Length == 0
            ? throw new InvalidDataException($"Checkpoint '{path}' holds no trainer state (its extra section is empty).")
            : CheckpointExtra.Decode(info.Extra);
        TrainerState state = TrainerState.Parse(values, trainer, path);
        Checkpoint.Load(new MemoryStream(bytes, writable: false), trainer.Model.Parameters.ToArray(), trainer.Optimizer, path);
        state.Apply(trainer);
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string key, string value) in values)
        {
            if (!key.StartsWith(TrainerState.Prefix, StringComparison.Ordinal))
                entries.Add(key, value);
        }
        return entries;
    }
}

using System.Collections.Generic;

namespace OptGen.Cli;

/// <summary>The parsed command line. <see cref="Default"/> is the configuration of a run without arguments.</summary>
internal sealed record CliSettings(
    string? DataPath,
    string? TestPath,
    int[]? Layers,
    string Optimizer,
    float? LearningRate,
    string Schedule,
    int Epochs,
    int BatchSize,
    ulong Seed,
    string Scaling,
    float Dropout,
    float? WeightDecay,
    string? PlotPath)
{
    /// <summary>The main job: optdigits, 64-256-10, the three optimizers, 40 epochs of batches of 32, cosine schedule.</summary>
    public static CliSettings Default { get; } = new(
        DataPath: null, TestPath: null, Layers: null, Optimizer: "all", LearningRate: null, Schedule: "cosine",
        Epochs: 40, BatchSize: 32, Seed: 42, Scaling: "standard", Dropout: 0.3f, WeightDecay: null, PlotPath: "loss-curves.png");

    /// <summary>Labels of an IDX images file given with <see cref="DataPath"/> (null: next to the images, by MNIST naming).</summary>
    public string? LabelsPath { get; init; }

    /// <summary>Labels of an IDX images file given with <see cref="TestPath"/>.</summary>
    public string? TestLabelsPath { get; init; }

    /// <summary>The label column of CSV files: a header name or a position (OptGen.Data.CsvColumn.Parse); null: the last column.</summary>
    public string? LabelColumn { get; init; }

    /// <summary>How the first line of CSV files is read: auto, names, sklearn or none.</summary>
    public string Header { get; init; } = "auto";

    /// <summary>
    /// When set (a run without --epochs), small training sets get more epochs than <see cref="Epochs"/>, enough to
    /// pass this many rows through the model: 40 epochs are 150,000 rows on optdigits but 4,800 on iris.
    /// </summary>
    public int? MinimumRowsSeen { get; init; }

    /// <summary>Checkpoint file: saved after every epoch, resumed from when it exists (one file per optimizer when several run).</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Pause after this epoch (the checkpoint then resumes the run); null runs to the end.</summary>
    public int? StopAfter { get; init; }

    /// <summary>
    /// <c>--set Name=value</c>, in order: hyperparameters of every optimizer trained (each must have them), applied
    /// after <see cref="WeightDecay"/> and before <see cref="LearningRate"/> (OptimizerSetup).
    /// </summary>
    public IReadOnlyList<HyperparameterAssignment> Hyperparameters { get; init; } = [];

    /// <summary>
    /// <c>--no-decay-bias-norm</c>: the optimizer trained becomes two of its kind routed by OptGen.Routes.IsNoDecay, the
    /// second with <c>WeightDecay = 0</c> for biases, norms and rank-1 tensors (OptimizerSetup).
    /// </summary>
    public bool NoDecayBiasNorm { get; init; }
}

namespace OptGen.Cli;

/// <summary>The parsed command line.</summary>
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
    string? PlotPath);

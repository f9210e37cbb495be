namespace OptGen.Runtime.Tests.TestOptimizers;

/// <summary><c>max</c> of an element and a per-step number (the one-instruction form when the number allows it).</summary>
[Optimizer]
[Update("w = max(g, Floor)")]
public partial class TestFloor
{
    [Hyperparameter(0)] public partial float Floor { get; set; }
}

/// <summary><c>min</c> of an element and a per-step number.</summary>
[Optimizer]
[Update("w = min(g, Ceiling)")]
public partial class TestCeiling
{
    [Hyperparameter(0)] public partial float Ceiling { get; set; }
}

/// <summary><c>max</c> and <c>min</c> of an element and constants (always the one-instruction form).</summary>
[Optimizer]
[Update("w = Low ? max(g, 0.25) : min(g, -0.25)")]
public partial class TestConstantBounds
{
    [Hyperparameter(true)] public partial bool Low { get; set; }
}

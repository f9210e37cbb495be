namespace OptGen.Runtime.Tests.TestOptimizers;

/// <summary>Step decay: the learning rate is multiplied by Gamma every StepSize steps.</summary>
[Schedule("lr0 * Gamma^floor(t / StepSize)")]
public partial class TestStepDecay
{
    [Hyperparameter(0.1, Min = 0)] public partial float Gamma { get; set; }
    [Hyperparameter(30, Min = 1)] public partial int StepSize { get; set; }
}

/// <summary>A noisy rate: one uniform and one normal draw per step.</summary>
[Schedule("lr0 * (1 + Amplitude * (uniform() - 0.5) + 0.1 * Amplitude * normal())")]
public partial class TestNoisySchedule
{
    [Hyperparameter(0.5, Min = 0, Max = 1)] public partial float Amplitude { get; set; }
}

/// <summary>The uniform draw alone, to check its range and mean.</summary>
[Schedule("lr0 * uniform()")]
public partial class TestUniformSchedule
{
}

/// <summary>The normal draw alone, to check its mean and spread.</summary>
[Schedule("lr0 * normal()")]
public partial class TestNormalSchedule
{
}

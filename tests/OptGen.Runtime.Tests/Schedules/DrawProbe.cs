namespace OptGen.Runtime.Tests.Schedules;

/// <summary>A schedule with two uniform() and one normal() draw per step; Pick chooses which one it returns.</summary>
[Schedule("""
    u = uniform()
    z = normal()
    u2 = uniform()
    Pick == 0 ? Lo + (Hi - Lo) * u : (Pick == 1 ? z : (Pick == 2 ? u2 : lr0 * exp(0.1 * z) * u))
    """)]
public partial class DrawProbe
{
    /// <summary>0: Lo + (Hi - Lo) u; 1: z; 2: u2; 3: lr0 exp(0.1 z) u.</summary>
    [Hyperparameter(0, Min = 0, Max = 3)] public partial int Pick { get; set; }

    /// <summary>Lower end of the uniform rate.</summary>
    [Hyperparameter(0.2)] public partial double Lo { get; set; }

    /// <summary>Upper end of the uniform rate.</summary>
    [Hyperparameter(0.7)] public partial double Hi { get; set; }
}

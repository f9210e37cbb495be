namespace OptGen.Runtime.Tests.TestOptimizers;

// A factored state assigned between passes while an earlier version of it is still read by a loop: the second
// assignment (rs = rows) must wait for the loop that reads the first version, and the last one must be the state's
// final value. The generator threw here (two versions of rs read by one loop) until 2026-12-05.
[Optimizer(LearningRate = 0.1)]
[State("rs", Shape = StateShape.Row, Init = 1)]
[Update("""
    if rank >= 2
        rs = rs + row_sum(g * rs)
        rs = rows
        rs = rs + row_sum(g * rs)
        w -= lr * rs * g
    else
        w -= lr * g
    end
    """)]
public partial class TestStateReassigned;

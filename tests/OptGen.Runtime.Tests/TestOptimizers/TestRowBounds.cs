namespace OptGen.Runtime.Tests.TestOptimizers;

// max and min of an element and a per-row value (the one-instruction form where the row's value allows it, checked
// once per row), for MaxMinWithRowValueTests: the per-row state r comes from the previous step's gradients.
[Optimizer]
[State("r", Shape = StateShape.Row)]
[Update("""
    w = min(r, g)
    r = row_max(g)
    """)]
public partial class TestRowCeiling;

[Optimizer]
[State("r", Shape = StateShape.Row)]
[Update("""
    w = max(g, r)
    r = row_min(g)
    """)]
public partial class TestRowFloor;

// The extremes themselves, written to the weights (no arithmetic after them that could hide a zero's sign).
[Optimizer]
[Update("w = row_max(g)")]
public partial class TestRowMaxOf;

[Optimizer]
[Update("w = row_min(g)")]
public partial class TestRowMinOf;

[Optimizer]
[Update("w = col_max(g)")]
public partial class TestColumnMaxOf;

[Optimizer]
[Update("w = col_min(g)")]
public partial class TestColumnMinOf;

[Optimizer]
[Update("w = mat_max(g) + mat_min(g)")]
public partial class TestMatrixExtremesOf;

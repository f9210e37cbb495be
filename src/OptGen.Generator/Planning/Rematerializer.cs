using OptGen.Generator.Binding;

namespace OptGen.Generator.Planning;

/// <summary>
/// Recomputes cheap element values in the later passes that read them instead of keeping them in scratch memory.
/// A value kept for a later pass costs a stream written by its pass (with the cache's read for ownership) and read
/// again: three streams of traffic. When the value is a few additions, multiplications, minima or selects of what the
/// later pass can read anyway — memory still holding the same version, per-row or per-column arrays, scalars — the
/// later pass computes it again, from the same operands by the same expression, so with the same bits. Adafactor's
/// update <c>u = g * min(rs * cs, 1 / Eps1)</c>, needed after the norm of <c>u</c> is known, is the case in point: its
/// last pass reads <c>g</c> again instead of a scratch <c>u</c>.
/// </summary>
internal static class Rematerializer
{
    /// <summary>Operators and calls one recomputed value may take, those of the values it is built from included.</summary>
    public const int MaxOperations = 12;

    /// <summary>Element streams the later pass may load in addition to its own: each is one of a scratch buffer's three.</summary>
    public const int MaxNewStreams = 1;

    /// <summary>
    /// Tests only, for the current async flow: plans are made without recomputation, so that a test can run both and
    /// compare their bits (RematerializerExecutionTests).
    /// </summary>
    internal static readonly System.Threading.AsyncLocal<bool> SkippedForTests = new();

    public static void Apply(Plan plan)
    {
        if (SkippedForTests.Value)
            return;
        var definitions = new Dictionary<Value, (ElementOp Op, int Pass)>();
        foreach (PassPlan pass in plan.Passes)
        {
            foreach (ElementOp op in pass.Ops)
                definitions[op.Result] = (op, pass.Index);
        }
        // A matrix built-in reads its input from memory and leaves its result there: those stay in scratch.
        var inMemory = new HashSet<Value>(plan.Passes.SelectMany(p => p.MatrixOps).SelectMany(m => new[] { m.Input, m.Result }));
        foreach (PassPlan pass in plan.Passes)
            new PassRecomputation(plan, pass, definitions, inMemory).Run();
    }

    /// <summary>What one later pass recomputes: the values it reads from earlier passes that qualify.</summary>
    private sealed class PassRecomputation(Plan plan, PassPlan pass, Dictionary<Value, (ElementOp Op, int Pass)> definitions, HashSet<Value> inMemory)
    {
        private readonly HashSet<Value> _defined = new(pass.Ops.Select(o => o.Result));
        private readonly HashSet<(TargetKind, int)> _streams = new();

        public void Run()
        {
            List<Value> reads = pass.Reads();
            foreach (Value v in reads)
            {
                if (MemoryStreams.Of(v) is { } stream)
                    _streams.Add(stream);
            }
            foreach (ElementOp op in pass.Ops)
            {
                if (MemoryStreams.Of(op.Result) is { } stream)
                    _streams.Add(stream); // a stream the pass writes is brought into the cache anyway
            }

            var added = new List<ElementOp>();
            foreach (Value v in reads.Distinct())
            {
                if (!IsEarlierLocal(v))
                    continue;
                var cone = new List<ElementOp>();
                var newStreams = new HashSet<(TargetKind, int)>();
                int operations = 0;
                if (!TryCollect(v, cone, newStreams, ref operations))
                    continue;
                foreach (ElementOp op in cone)
                {
                    if (_defined.Add(op.Result))
                        added.Add(op);
                }
                _streams.UnionWith(newStreams);
            }
            pass.Ops.InsertRange(0, added);
        }

        // An element local (or a reassigned g, which is never written back) computed by an earlier pass's loop.
        private bool IsEarlierLocal(Value v) =>
            v is { Kind: ValueKind.Defined, Level: Level.Element, Target.Kind: TargetKind.Local or TargetKind.Gradient }
            && !_defined.Contains(v) && definitions.TryGetValue(v, out var d) && d.Pass < pass.Index && !inMemory.Contains(v);

        // Adds v's definition, after those of the earlier locals it reads, to the cone, if all of it qualifies.
        private bool TryCollect(Value v, List<ElementOp> cone, HashSet<(TargetKind, int)> newStreams, ref int operations)
        {
            if (cone.Exists(o => o.Result == v))
                return true;
            ElementOp op = definitions[v].Op;
            if (!IsCheap(op.Expr, ref operations) || operations > MaxOperations)
                return false;
            foreach (Value x in Planner.Uses(op.Expr))
            {
                if (x.Level < Level.Axis || _defined.Contains(x))
                    continue; // scalars reach every pass; values of this pass are at hand
                if (IsEarlierLocal(x))
                {
                    if (!TryCollect(x, cone, newStreams, ref operations))
                        return false;
                    continue;
                }
                if (x is { Level: Level.Axis, Kind: ValueKind.Defined, Target.Kind: TargetKind.Local })
                    continue; // a per-row, per-column or per-matrix array: kept for the whole step
                if (MemoryStreams.Of(x) is not { } stream || !MemoryStreams.HoldsAt(plan, x, stream, pass.Index))
                    return false;
                if (x.Level == Level.Element && !_streams.Contains(stream))
                    newStreams.Add(stream);
            }
            if (newStreams.Count > MaxNewStreams)
                return false;
            cone.Add(op);
            return true;
        }

        // Additions, multiplications, comparisons, selects, min, max, abs, sign and clamp: a cycle or two per vector.
        // Not a division, square root, power or transcendental (the divider and long sequences), not a random draw.
        private static bool IsCheap(BExpr e, ref int operations)
        {
            switch (e)
            {
                case BConst or BBool or BRef:
                    return true;
                case BUnary u:
                    operations++;
                    return IsCheap(u.Operand, ref operations);
                case BBinary b:
                    operations++;
                    return b.Op is not (Op.Div or Op.Pow) && IsCheap(b.Left, ref operations) && IsCheap(b.Right, ref operations);
                case BCond c:
                    operations++;
                    return IsCheap(c.Condition, ref operations) && IsCheap(c.WhenTrue, ref operations) && IsCheap(c.WhenFalse, ref operations);
                case BCall c:
                    operations++;
                    if (c.Function is not (Function.Min or Function.Max or Function.Abs or Function.Sign or Function.Clamp))
                        return false;
                    foreach (BExpr a in c.Args)
                    {
                        if (!IsCheap(a, ref operations))
                            return false;
                    }
                    return true;
                default:
                    return false;
            }
        }
    }
}

using OptGen.Generator.Binding;
using OptGen.Generator.Planning;

namespace OptGen.Generator.Emitting;

// The per-row, per-column and per-matrix work of a class between passes: loops that compute factored values in double,
// reductions of such values, the scaling of a pass's row/column means and norms, and matrix built-ins.
internal sealed partial class ClassCode
{
    private const string AllBits = "System::BitConverter.Int32BitsToSingle(-1)";

    /// <summary>A loop over the positions of a per-row (or column, matrix ...) value, computed in double from other such values.</summary>
    private void WriteAxisDef(ScalarDef s)
    {
        Value result = s.Result;
        int axes = (int)result.Axes;
        string target = SpanOfValue(result);
        if (s.Expr is BReduce reduction)
        {
            _w.Line($"{Runtime}::AxisMath.Reduce({AxisKind(reduction.Kind)}, {SpanOf(reduction.Args[0])}, {(int)Levels.AxesOf(reduction.Args[0])}, {(int)reduction.Reduces}, view, {target});");
            return;
        }
        // Spans of the values read (each once), then the loop.
        var reads = new List<Value>();
        var scalars = new List<Value>();
        foreach (Value v in Planner.Uses(s.Expr))
        {
            List<Value> list = v.Level == Level.Axis ? reads : scalars;
            if (!list.Contains(v))
                list.Add(v);
        }
        var spans = new Dictionary<Value, string>();
        _w.Open("");
        _w.Line($"System::Span<float> target = {target};");
        for (int r = 0; r < reads.Count; r++)
        {
            spans[reads[r]] = "from" + r.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _w.Line($"System::Span<float> {spans[reads[r]]} = {SpanOfValue(reads[r])};");
        }
        // Per-step numbers into locals first: a hyperparameter is a property and a view's count a method, and in a Run
        // this large the JIT inlines neither, so the loop would call them for every value.
        var locals = new Dictionary<Value, string>();
        for (int r = 0; r < scalars.Count; r++)
        {
            locals[scalars[r]] = "number" + r.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _w.Line($"var {locals[scalars[r]]} = {ScalarName(scalars[r])};");
        }
        if (reads.Any(v => (int)v.Axes != axes))
        {
            // Values of other axes are read by (matrix, row, column): nested loops in the order of the target's layout
            // give those, with i counting along, where splitting i would take a division or two per value (SM3 on a
            // [2048, 2048] matrix spent most of its step there).
            _w.Line("int i = 0, rowCount = view.Rows, colCount = view.Cols;");
            _w.Line($"for (int mat = 0; mat < {Extent(axes, Axes.Matrix, "view.Matrices")}; mat++)");
            _w.Line($"for (int row = 0; row < {Extent(axes, Axes.Row, "rowCount")}; row++)");
            _w.Open($"for (int col = 0; col < {Extent(axes, Axes.Column, "colCount")}; col++, i++)");
        }
        else
        {
            _w.Open($"for (int i = 0; i < target.Length; i++)");
        }
        var writer = new ScalarExpressionWriter(v => v.Level == Level.Axis ? Read(spans[v], v, axes) : locals[v]);
        string value = writer.Write(s.Expr);
        _w.Line(result.Type == ValueType.Bool ? $"target[i] = {value} ? {AllBits} : 0f;" : $"target[i] = (float){value};");
        _w.Close();
        _w.Close();
    }

    // How many positions a loop over 'axes' takes along one axis: the view's count where the value varies along it, else one.
    private static string Extent(int axes, Axes axis, string count) => (axes & (int)axis) != 0 ? count : "1";

    // A per-row (or ...) value inside a loop over the positions of 'loopAxes': the same position, or its row, matrix ...
    // (where AxisMath.Index would store it, written out: in a large Run the JIT does not inline the call).
    private static string Read(string span, Value v, int loopAxes)
    {
        string index = (int)v.Axes == loopAxes ? "i" : v.Axes switch
        {
            Axes.Matrix => "mat",
            Axes.Row => "row",
            Axes.Column => "col",
            Axes.Matrix | Axes.Row => "mat * rowCount + row",
            Axes.Matrix | Axes.Column => "mat * colCount + col",
            Axes.Row | Axes.Column => "row * colCount + col",
            Axes.All => "(mat * rowCount + row) * colCount + col",
            _ => "0",
        };
        return v.Type == ValueType.Bool
            ? $"(System::BitConverter.SingleToInt32Bits({span}[{index}]) != 0)"
            : $"(double){span}[{index}]";
    }

    /// <summary>After a pass: a row or column mean is its sum scaled, a norm the root of its sum of squares.</summary>
    private void WriteAxisResultFinish(ReduceDef r)
    {
        string span = SpanOfValue(r.Result);
        if (r.Kind == ReductionKind.Mean)
        {
            string count = r.Reduces switch
            {
                Axes.Column => "view.Cols",
                Axes.Row => "view.Rows",
                _ => "((double)view.Rows * view.Cols)",
            };
            _w.Line($"{Runtime}::AxisMath.Scale({span}, 1d / {count});");
        }
        else if (r.Kind == ReductionKind.Norm)
        {
            _w.Line($"{Runtime}::AxisMath.Sqrt({span});");
        }
    }

    /// <summary>A matrix built-in on every matrix of the tensor, from its input's memory into its result's scratch.</summary>
    private void WriteMatrixOp(MatrixOpDef m)
    {
        (StreamKind kind, int index) = PassModel.MemoryOf(Plan, m.Input, AxisOffset);
        string input = kind switch
        {
            StreamKind.Weight => "parameters[k].ValueReference",
            StreamKind.Gradient => "parameters[k].GradReference",
            StreamKind.Buffer => $"st.BufferReference({index})",
            _ => $"st.ScratchReference({index})",
        };
        string arguments = string.Join(", ", m.Coefficients.Select(Scalars.Write));
        _w.Line($"{Runtime}::MatrixOps.{m.Function}(view, ref {input}, ref st.ScratchReference({Plan.ScratchSlots[m.Result]}), {arguments});");
    }

    /// <summary>The memory of a reduction's operand (a per-row ... value that is stored: state or an axis array).</summary>
    private string SpanOf(BExpr operand) => operand is BRef r ? SpanOfValue(r.Value) : "default";

    private string SpanOfValue(Value v)
    {
        (StreamKind kind, int index) = PassModel.MemoryOf(Plan, v, AxisOffset);
        return kind == StreamKind.Buffer ? $"st.Buffer({index})" : $"st.AxisScratch({index})";
    }

    // The numbering AxisMath uses for what a reduction computes.
    private static int AxisKind(ReductionKind kind) => kind switch
    {
        ReductionKind.Mean => 1,
        ReductionKind.Max => 2,
        ReductionKind.Min => 3,
        ReductionKind.Norm => 4,
        ReductionKind.MaxAbs => 5,
        _ => 0,
    };
}

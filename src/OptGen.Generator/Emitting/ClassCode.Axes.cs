using OptGen.Generator.Binding;
using OptGen.Generator.Planning;

namespace OptGen.Generator.Emitting;

// The per-row, per-column and per-matrix work of a class between passes: loops that compute factored values in double,
// reductions of such values, the scaling of a pass's row/column means and norms, and matrix built-ins.
internal sealed partial class ClassCode
{
    private const string AllBits = "System::BitConverter.Int32BitsToSingle(-1)";

    // The loops of per-row/column values, each a static method (WriteAxisDef), and how many there are so far.
    private readonly CodeWriter _axisMethods = new();
    private int _axisMethodCount;

    /// <summary>Writes the static methods of this class's per-row/column loops (after its kernels; nothing when it has none).</summary>
    public void WriteAxisMethods() => _w.Lines(_axisMethods);

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
        // The loop is a static method of its own, called with the spans and numbers it reads: inside a Run as large as
        // SM3's the JIT inlined neither MatrixView.Cols nor the hyperparameter getters (nor the index helper the loops
        // used then), and a method of its own gets the inliner's whole budget. Values are widened and narrowed by
        // ScalarMath (see Widen there).
        var reads = new List<Value>();
        var scalars = new List<Value>();
        foreach (Value v in Planner.Uses(s.Expr))
        {
            List<Value> list = v.Level == Level.Axis ? reads : scalars;
            if (!list.Contains(v))
                list.Add(v);
        }
        var names = new Dictionary<Value, string>();
        var parameters = new List<string> { "System::Span<float> target" };
        var arguments = new List<string> { target };
        for (int r = 0; r < reads.Count; r++)
        {
            names[reads[r]] = "from" + r.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameters.Add("System::Span<float> " + names[reads[r]]);
            arguments.Add(SpanOfValue(reads[r]));
        }
        for (int r = 0; r < scalars.Count; r++)
        {
            names[scalars[r]] = "number" + r.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameters.Add((scalars[r].Type == ValueType.Bool ? "bool " : "double ") + names[scalars[r]]);
            arguments.Add(ScalarName(scalars[r]));
        }
        parameters.Add("OptGen::MatrixView view");
        arguments.Add("view");
        string method = Model.GeneratedMembers.AxisValuesPrefix + suffix + Tag + "_" + (_axisMethodCount++).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _w.Line($"{method}({string.Join(", ", arguments)});");

        CodeWriter m = _axisMethods;
        m.Line();
        m.Line($"// {result.Name}, one value per {Binder.Per(result.Axes)}");
        m.Open($"private static void {method}({string.Join(", ", parameters)})");
        if (reads.Any(v => (int)v.Axes != axes))
        {
            // Values of other axes are read by (matrix, row, column): nested loops in the order of the target's layout
            // give those, with i counting along, where splitting i would take a division or two per value.
            m.Line("int i = 0, rowCount = view.Rows, colCount = view.Cols;");
            m.Line($"for (int mat = 0; mat < {Extent(axes, Axes.Matrix, "view.Matrices")}; mat++)");
            m.Line($"for (int row = 0; row < {Extent(axes, Axes.Row, "rowCount")}; row++)");
            m.Open($"for (int col = 0; col < {Extent(axes, Axes.Column, "colCount")}; col++, i++)");
        }
        else
        {
            m.Open($"for (int i = 0; i < target.Length; i++)");
        }
        var writer = new ScalarExpressionWriter(v => v.Level == Level.Axis ? Read(names[v], v, axes) : names[v]);
        string value = writer.Write(s.Expr);
        m.Line(result.Type == ValueType.Bool ? $"target[i] = {value} ? {AllBits} : 0f;" : $"target[i] = {Runtime}::ScalarMath.Narrow({value});");
        m.Close();
        m.Close();
    }

    // How many positions a loop over 'axes' takes along one axis: the view's count where the value varies along it, else one.
    private static string Extent(int axes, Axes axis, string count) => (axes & (int)axis) != 0 ? count : "1";

    // A per-row (or ...) value inside a loop over the positions of 'loopAxes': the same position, or its row, matrix ...
    // (where AxisMath stores it, written out). No axis value varies along rows and columns without the matrix: Levels
    // makes such a value an element value.
    private static string Read(string span, Value v, int loopAxes)
    {
        string index = (int)v.Axes == loopAxes ? "i" : v.Axes switch
        {
            Axes.Matrix => "mat",
            Axes.Row => "row",
            Axes.Column => "col",
            Axes.Matrix | Axes.Row => "mat * rowCount + row",
            Axes.Matrix | Axes.Column => "mat * colCount + col",
            Axes.All => "(mat * rowCount + row) * colCount + col",
            _ => "0",
        };
        return v.Type == ValueType.Bool
            ? $"(System::BitConverter.SingleToInt32Bits({span}[{index}]) != 0)"
            : $"{Runtime}::ScalarMath.Widen({span}[{index}])";
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

    /// <summary>
    /// A matrix built-in on every matrix of the tensor, from its input's memory (a bfloat16 state's as such) into its
    /// result's scratch.
    /// <paramref name="parameter"/>: how the tensor's <c>Parameter</c> is spelled there (<see cref="WriteTensorWork"/>).
    /// </summary>
    private void WriteMatrixOp(MatrixOpDef m, string parameter)
    {
        (StreamKind kind, int index) = PassModel.MemoryOf(Plan, m.Input, AxisOffset);
        // Spelled as a kernel's stream of that memory is bound.
        string input = new KernelStream("", kind, index, BFloat16: kind == StreamKind.Buffer && buffers[index].BFloat16).Source(parameter, "st");
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

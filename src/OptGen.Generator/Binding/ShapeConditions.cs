using System.Globalization;

namespace OptGen.Generator.Binding;

/// <summary>
/// The shape conditions of an update: the parts of its branch conditions that depend on the tensor's shape alone
/// (<c>rank &gt;= 2</c>, <c>rows &gt; cols</c>; bool hyperparameters left out). Each tensor falls into one shape class,
/// the outcome of every condition, fixed when its state is allocated; the update is specialised for each class.
/// </summary>
internal static class ShapeConditions
{
    /// <summary>Most distinct shape conditions one optimizer may branch on (each doubles the specialised kernels).</summary>
    public const int Max = 4;

    /// <summary>The distinct shape conditions of the branches, in order of first appearance.</summary>
    public static List<BExpr> Collect(IReadOnlyList<BNode> nodes)
    {
        var found = new List<BExpr>();
        var keys = new HashSet<string>();
        Walk(nodes, found, keys);
        return found;
    }

    private static void Walk(IReadOnlyList<BNode> nodes, List<BExpr> found, HashSet<string> keys)
    {
        foreach (BNode node in nodes)
        {
            if (node is not BBranch b)
                continue;
            Atoms(b.Condition, found, keys);
            Walk(b.Then, found, keys);
            Walk(b.Else, found, keys);
        }
    }

    // A condition without bool hyperparameters is one atom; otherwise its parts joined by && || ! ?: are looked at.
    private static void Atoms(BExpr e, List<BExpr> found, HashSet<string> keys)
    {
        if (!UsesFlags(e))
        {
            if (UsesShape(e) && keys.Add(Key(e)))
                found.Add(e);
            return;
        }
        switch (e)
        {
            case BUnary u:
                Atoms(u.Operand, found, keys);
                break;
            case BBinary b:
                Atoms(b.Left, found, keys);
                Atoms(b.Right, found, keys);
                break;
            case BCond c:
                Atoms(c.Condition, found, keys);
                Atoms(c.WhenTrue, found, keys);
                Atoms(c.WhenFalse, found, keys);
                break;
        }
    }

    private static bool UsesFlags(BExpr e) => Any(e, v => v.Kind == ValueKind.Hyperparameter);

    /// <summary>
    /// Whether a condition reads the tensor's shape: a branch on it is taken by some tensors of a step and not by
    /// others, where one on bool hyperparameters alone is taken by all or none.
    /// </summary>
    public static bool UsesShape(BExpr e) => Any(e, v => v.Kind == ValueKind.Builtin);

    private static bool Any(BExpr e, System.Func<Value, bool> test) => e switch
    {
        BRef r => test(r.Value),
        BUnary u => Any(u.Operand, test),
        BBinary b => Any(b.Left, test) || Any(b.Right, test),
        BCond c => Any(c.Condition, test) || Any(c.WhenTrue, test) || Any(c.WhenFalse, test),
        BCall c => c.Args.Any(a => Any(a, test)),
        _ => false,
    };

    /// <summary>A canonical spelling of a condition, to recognise the same condition in several branches.</summary>
    public static string Key(BExpr e) => e switch
    {
        BConst c => c.Value.ToString("R", CultureInfo.InvariantCulture),
        BBool b => b.Value ? "true" : "false",
        BRef r => r.Value.Kind == ValueKind.Defined ? r.Value.ToString() : r.Value.Name,
        BUnary u => "(" + u.Op + " " + Key(u.Operand) + ")",
        BBinary b => "(" + Key(b.Left) + " " + b.Op + " " + Key(b.Right) + ")",
        BCond c => "(" + Key(c.Condition) + " ? " + Key(c.WhenTrue) + " : " + Key(c.WhenFalse) + ")",
        BCall c => c.Function + "(" + string.Join(", ", c.Args.Select(Key)) + ")",
        _ => e.GetType().Name,
    };
}

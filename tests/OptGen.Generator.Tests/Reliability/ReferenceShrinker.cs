using static OptGen.Generator.Tests.Reliability.ReferenceFormulas;

namespace OptGen.Generator.Tests.Reliability;

/// <summary>
/// Makes a failing random update small enough to read: drops statements, inlines a branch's side, replaces a part of
/// a value with one of its own parts or with a plain name of the same level, for as long as the update still fails
/// (a candidate the generator rejects does not). What the failure message of <see cref="ReferenceSemanticsTests"/> shows.
/// </summary>
internal static class ReferenceShrinker
{
    public static List<Line> Shrink(List<Line> update, Func<List<Line>, bool> fails, int budget = 400)
    {
        bool shrunk = true;
        while (shrunk)
        {
            shrunk = false;
            foreach (List<Line> candidate in Candidates(update))
            {
                if (budget-- <= 0)
                    return update;
                if (fails(candidate))
                {
                    update = candidate;
                    shrunk = true;
                    break;
                }
            }
        }
        return update;
    }

    private static IEnumerable<List<Line>> Candidates(List<Line> lines)
    {
        for (int i = 0; i < lines.Count; i++)
            yield return [.. lines[..i], .. lines[(i + 1)..]];
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i] is Branch b)
            {
                yield return [.. lines[..i], .. b.Then, .. lines[(i + 1)..]];
                yield return [.. lines[..i], .. b.Else, .. lines[(i + 1)..]];
                foreach (List<Line> then in Candidates(b.Then))
                    yield return Replace(lines, i, new Branch(b.Condition, then, b.Else));
                foreach (List<Line> otherwise in Candidates(b.Else))
                    yield return Replace(lines, i, new Branch(b.Condition, b.Then, otherwise));
            }
            else if (lines[i] is Statement s)
            {
                foreach (Node value in Simpler(s.Value))
                    yield return Replace(lines, i, new Statement(s.Target, value));
            }
        }
    }

    private static List<Line> Replace(List<Line> lines, int i, Line line) => [.. lines[..i], line, .. lines[(i + 1)..]];

    // The node's parts of its own level, a plain name of its level, then the same done inside each part.
    private static IEnumerable<Node> Simpler(Node node)
    {
        Node[] parts = Parts(node);
        foreach (Node part in parts.Where(p => p.Axes == node.Axes))
            yield return part;
        if (parts.Length > 0)
            yield return Plain(node.Axes);
        for (int i = 0; i < parts.Length; i++)
        {
            foreach (Node simpler in Simpler(parts[i]))
            {
                Node[] copy = [.. parts];
                copy[i] = simpler;
                yield return Rebuild(node, copy);
            }
        }
    }

    private static Node Plain(Axes axes) => axes switch
    {
        Axes.None => new Number(0.5),
        Axes.All => new Name("g", Axes.All),
        _ => new Name(States.First(s => s.Axes == axes).Name, axes),
    };

    // Made anew (not 'with'), so that the level is computed from the new parts.
    private static Node Rebuild(Node node, Node[] parts) => node switch
    {
        Unary u => new Unary(u.Op, parts[0]),
        Binary b => new Binary(b.Op, parts[0], parts[1]),
        Choice => new Choice(parts[0], parts[1], parts[2], parts[3]),
        Reduction r => new Reduction(r.Function, parts[0], parts.Length > 1 ? parts[1] : null),
        NewtonSchulz ns => new NewtonSchulz(parts[0], ns.Steps),
        _ => node,
    };
}

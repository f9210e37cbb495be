using OptGen.Generator.Binding;
using OptGen.Generator.Model;

namespace OptGen.Generator.Extraction;

/// <summary>
/// Checks of the declarations that need no formula: clashes between states, hyperparameters, built-in names and
/// generated members, invalid state names, and states that cannot start as a copy of w. They run on the spec with
/// its transforms expanded (<see cref="FormulaAnalysis"/>), so a transform's hyperparameters and states take part.
/// </summary>
internal static class DeclarationChecks
{
    public static void Check(ClassSpec spec, List<DiagnosticInfo> diagnostics)
    {
        string[] builtins = spec.IsSchedule ? Builtins.ScheduleNames : Builtins.UpdateNames;
        var seen = new HashSet<string>();
        foreach (HyperparameterSpec h in spec.Hyperparameters)
        {
            if (builtins.Contains(h.Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameConflict, h.Location, h.Name, "is a built-in name of the formula language; choose another name for the hyperparameter"));
            else if (GeneratedMembers.Contains(h.Name, spec.IsSchedule))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameConflict, h.Location, h.Name, "is a member OptGen generates; choose another name for the hyperparameter"));
            seen.Add(h.Name);
        }
        foreach (StateSpec s in spec.States)
        {
            if (builtins.Contains(s.Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameConflict, s.Location, s.Name, "is a built-in name of the formula language; choose another name for the state"));
            else if (!IsIdentifier(s.Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameConflict, s.Location, s.Name, "is not a valid name: use letters, digits and '_', starting with a letter or '_'"));
            else if (!seen.Add(s.Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateDeclaration, s.Location, s.Name));
            if (s.FromWeights && InitFromWeightsProblem(s) is { } problem)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BadStateInit, s.Location, s.Name, problem));
        }
    }

    // A state copied from w must hold one value per element of w, and start from nothing else.
    private static string? InitFromWeightsProblem(StateSpec s) =>
        s.Shared ? "it is shared by all tensors (Shared = true), one value per step; only a per-element state can hold a copy of w"
        : s.Scalar ? "it is a scalar (Scalar = true), one value per tensor; only a per-element state can hold a copy of w"
        : s.Shape != StateShapeKind.Element ? $"it is factored (Shape = StateShape.{s.Shape}); only a per-element state can hold a copy of w"
        : s.Init != 0 ? "it also has an Init value; a state starts either from Init or from w"
        : null;

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => (c < 128 && char.IsLetterOrDigit(c)) || c == '_')
        && (name[0] < 128);
}

namespace OptGen.Generator.Analysis;

/// <summary>Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> that OptGen's code fixes read.</summary>
internal static class DiagnosticProperties
{
    /// <summary>
    /// On OPTG0002 and OPTG0006: the name the unknown one was probably meant to be. Set only when the diagnostic's
    /// location covers exactly the unknown name in the source, so replacing that span with it is the fix.
    /// </summary>
    public const string Suggestion = "OptGen.Suggestion";
}

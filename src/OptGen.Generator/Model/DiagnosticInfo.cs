using System.Globalization;
using Microsoft.CodeAnalysis;

namespace OptGen.Generator.Model;

/// <summary>
/// A diagnostic as equatable data: its descriptor id, where it is and its message arguments. <see cref="Suggestion"/>
/// is the name an unknown name or function was probably meant to be (the code fix's replacement).
/// </summary>
internal sealed record DiagnosticInfo(string Id, SourceSpanInfo? Location, EquatableArray<string> Arguments, string? Suggestion = null)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SourceSpanInfo? location, params string[] arguments) =>
        new(descriptor.Id, location, new EquatableArray<string>(arguments));

    public DiagnosticDescriptor Descriptor => DiagnosticDescriptors.ById(Id);

    public bool IsError => Descriptor.DefaultSeverity == DiagnosticSeverity.Error;

    /// <summary>
    /// As a diagnostic located by file path and span, for the generator, which holds no syntax trees (the analyzer
    /// finds the tree instead); the compiler shows it like a source location.
    /// </summary>
    public Diagnostic ToFileDiagnostic()
    {
        Location location = Location is { } at ? Microsoft.CodeAnalysis.Location.Create(at.FilePath, at.Span, at.LineSpan) : Microsoft.CodeAnalysis.Location.None;
        return Diagnostic.Create(Descriptor, location, Arguments.Select(a => (object?)a).ToArray());
    }

    /// <summary>The message as the compiler shows it.</summary>
    public string Message
    {
        get
        {
            object[] arguments = new object[Arguments.Count];
            for (int i = 0; i < arguments.Length; i++)
                arguments[i] = Arguments[i];
            return string.Format(CultureInfo.InvariantCulture, Descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture), arguments);
        }
    }
}

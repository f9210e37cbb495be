using System.Linq;
using Microsoft.CodeAnalysis;

namespace OptGen.Generator.Model;

/// <summary>A diagnostic as equatable data: its descriptor id, where it is and its message arguments.</summary>
internal sealed record DiagnosticInfo(string Id, SourceSpanInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SourceSpanInfo? location, params string[] arguments) =>
        new(descriptor.Id, location, new EquatableArray<string>(arguments));

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(DiagnosticDescriptors.ById(Id), Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None,
            Arguments.Select(a => (object?)a).ToArray());
}

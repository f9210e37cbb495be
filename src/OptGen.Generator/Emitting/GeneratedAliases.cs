namespace OptGen.Generator.Emitting;

/// <summary>
/// The namespace aliases at the top of every generated file. Generated code sits inside the user's class, where any
/// of the user's types could be named <c>System</c> or <c>OptGen</c>; an alias-qualified name (<c>System::Math</c>)
/// is looked up among aliases only, so it cannot be captured, and it reads better than <c>global::System.Math</c>.
/// <c>OptGen</c> and <c>System</c> are aliased under their own names, so emitters write <c>OptGen::Parameter</c> and
/// <c>System::Math.Sqrt</c> as plain text.
/// </summary>
internal static class GeneratedAliases
{
    /// <summary>The alias of <c>OptGen.Internal</c> (the driver and the helpers generated code calls).</summary>
    public const string Runtime = "OptGenRt";

    /// <summary>The alias of <c>System.Runtime.CompilerServices.MethodImplAttribute</c>, on every kernel member.</summary>
    public const string InlineAttribute = "OptGenInline";

    /// <summary>The directives every generated file declares; optimizers add <see cref="InlineAttribute"/>'s.</summary>
    public static readonly string[] Usings =
    [
        "using OptGen = global::OptGen;",
        "using System = global::System;",
        "using " + Runtime + " = global::OptGen.Internal;",
    ];

    /// <summary>The directive that declares <see cref="InlineAttribute"/>, in files that have kernels.</summary>
    public const string InlineUsing = "using " + InlineAttribute + " = global::System.Runtime.CompilerServices.MethodImplAttribute;";
}

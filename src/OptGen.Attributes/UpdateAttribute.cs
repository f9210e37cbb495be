using System;

namespace OptGen;

/// <summary>
/// The update rule of an <see cref="OptimizerAttribute"/> class: statements that run in order, each applied
/// to the whole tensor before the next starts. A string may hold several statements separated by newlines
/// or <c>;</c>. See docs/dsl.md for the formula language.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class UpdateAttribute : Attribute
{
    /// <summary>Declares the update statements.</summary>
    public UpdateAttribute(params string[] statements) => Statements = statements;

    /// <summary>The statements as written.</summary>
    public string[] Statements { get; }
}

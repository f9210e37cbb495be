using System;
using System.IO;
using Spectre.Console;

namespace OptGen.Cli;

/// <summary>Where the CLI writes: Spectre markup (header, table, live bars) and plain lines (progress when redirected, the last line).</summary>
internal sealed record CliConsole(IAnsiConsole Rich, TextWriter Plain, bool Interactive)
{
    /// <summary>The process's console: live bars on a terminal, plain lines when redirected.</summary>
    public static CliConsole Standard => new(AnsiConsole.Console, Console.Out,
        !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive);

    /// <summary>Everything to one writer, no colours, no live display (tests, logs).</summary>
    public static CliConsole To(TextWriter writer) => new(
        AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        }),
        writer,
        Interactive: false);
}

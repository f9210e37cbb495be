using System.Text;

namespace OptGen.Generator.Emitting;

/// <summary>A string builder that keeps indentation, with LF line endings whatever the host.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _sb = new(16 * 1024);
    private int _indent;

    public CodeWriter Line(string text = "")
    {
        if (text.Length > 0)
            _sb.Append(' ', _indent * 4).Append(text);
        _sb.Append('\n');
        return this;
    }

    /// <summary>Starts a non-empty line at the current indentation: append its text, then call <see cref="EndLine"/>.</summary>
    public StringBuilder StartLine() => _sb.Append(' ', _indent * 4);

    public void EndLine() => _sb.Append('\n');

    public CodeWriter Open(string header)
    {
        if (header.Length > 0)
            Line(header);
        Line("{");
        _indent++;
        return this;
    }

    /// <summary>Opens a block whose header was already written (e.g. a signature followed by constraints).</summary>
    public CodeWriter Begin()
    {
        Line("{");
        _indent++;
        return this;
    }

    public CodeWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    public override string ToString() => _sb.ToString();
}

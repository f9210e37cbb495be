using System;
using System.Text;

namespace OptGen.Data;

/// <summary>
/// A data file is malformed. The message names the file and where the problem is: the 1-based line and
/// column for text files, the byte offset for binary ones. <see cref="FilePath"/>, <see cref="Line"/>,
/// <see cref="Column"/> and <see cref="ByteOffset"/> carry the same information for code.
/// </summary>
public sealed class DataFormatException : FormatException
{
    /// <summary>Creates an exception for a problem at a line and column (1-based; 0 when not known).</summary>
    public DataFormatException(string filePath, int line, int column, string problem, Exception? inner = null)
        : this(filePath, line, column, -1, problem, inner)
    {
    }

    /// <summary>Creates an exception for a problem at a byte offset (0-based; -1 when not known).</summary>
    public DataFormatException(string filePath, long byteOffset, string problem, Exception? inner = null)
        : this(filePath, 0, 0, byteOffset, problem, inner)
    {
    }

    private DataFormatException(string filePath, int line, int column, long byteOffset, string problem, Exception? inner)
        : base(Describe(filePath, line, column, byteOffset, problem), inner)
    {
        FilePath = filePath;
        Line = line;
        Column = column;
        ByteOffset = byteOffset;
        Problem = problem;
    }

    /// <summary>The file (or source name) that is malformed.</summary>
    public string FilePath { get; }

    /// <summary>1-based line of the problem in a text file, or 0.</summary>
    public int Line { get; }

    /// <summary>1-based character column of the problem in a text file, or 0.</summary>
    public int Column { get; }

    /// <summary>0-based byte offset of the problem in a binary file (of the decompressed data for .gz files), or -1.</summary>
    public long ByteOffset { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Describe(string filePath, int line, int column, long byteOffset, string problem)
    {
        var sb = new StringBuilder();
        sb.Append('\'').Append(filePath).Append('\'');
        if (line > 0)
        {
            sb.Append(", line ").Append(line);
            if (column > 0)
                sb.Append(", column ").Append(column);
        }
        if (byteOffset >= 0)
            sb.Append(", byte offset ").Append(byteOffset);
        sb.Append(": ").Append(problem);
        return sb.ToString();
    }
}

using System;
using System.IO;
using System.Text;

namespace OptGen.Data;

/// <summary>
/// The hand-written row splitter: reads lines, then splits each at the delimiter or at runs of blanks (as NumPy's
/// <c>loadtxt</c>). No quoting. Used for whitespace-separated text and delimiters Sep does not take.
/// </summary>
internal sealed class LineRowSource(TextReader reader, string path, CsvOptions options) : CsvRowSource(path)
{
    private readonly bool _whitespace = options.WhitespaceSeparated;
    private readonly char _delimiter = options.Delimiter;
    private int[] _start = new int[16];
    private int[] _length = new int[16];
    private string _line = "";
    private int _lineNumber;
    private int _count;

    public override int LinesRead => _lineNumber;

    public override int Line => _lineNumber;

    public override int Count => _count;

    public override CsvPosition End => new(_lineNumber, _line.Length + 1);

    public override bool MoveNext()
    {
        while (true)
        {
            string? line;
            try
            {
                line = reader.ReadLine();
            }
            catch (Exception e) when (e is InvalidDataException or DecoderFallbackException)
            {
                throw ReadFailure(e);
            }
            if (line is null)
                return false;
            _lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            _line = line;
            Split(line);
            return true;
        }
    }

    public override ReadOnlySpan<char> Field(int index) => _line.AsSpan(_start[index], _length[index]);

    public override CsvPosition PositionOf(int index) => new(_lineNumber, _start[index] + 1);

    private void Split(string line)
    {
        _count = 0;
        if (_whitespace)
        {
            int i = 0;
            while (true)
            {
                while (i < line.Length && CsvFieldText.IsBlank(line[i]))
                    i++;
                if (i >= line.Length)
                    break;
                int s = i;
                while (i < line.Length && !CsvFieldText.IsBlank(line[i]))
                    i++;
                Add(s, i - s);
            }
            return;
        }
        int start = 0;
        while (true)
        {
            int end = line.IndexOf(_delimiter, start);
            int stop = end < 0 ? line.Length : end;
            int s = start, e = stop;
            while (s < e && CsvFieldText.IsBlank(line[s]))
                s++;
            while (e > s && CsvFieldText.IsBlank(line[e - 1]))
                e--;
            Add(e > s ? s : start, e - s); // an empty field is placed at its start
            if (end < 0)
                break;
            start = end + 1;
        }
    }

    private void Add(int start, int length)
    {
        if (_count == _start.Length)
        {
            Array.Resize(ref _start, _count * 2);
            Array.Resize(ref _length, _count * 2);
        }
        _start[_count] = start;
        _length[_count] = length;
        _count++;
    }
}

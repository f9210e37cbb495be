using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using nietras.SeparatedValues;
using OptGen.Data;

namespace OptGen.Benchmarks;

/// <summary>
/// Reading a large numeric CSV into a <see cref="Dataset"/> (docs/data.md): 200,000 rows of 50 features and an
/// integer label, 85 MB, generated once into the temp folder. <see cref="HandWritten"/> and <see cref="Sep"/> are
/// CsvReader with its checks and number parser, splitting rows by lines or with Sep; <see cref="SepAlone"/> is Sep
/// parsing every field with its own float parser into a preallocated array, with no checks: the bound. MB/s is
/// the file size over the mean. Run with <c>--job short --inProcess</c> (docs/data.md): one read takes about a second.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputColumn.Config))]
public class CsvReaderBenchmarks
{
    public const int Rows = 200_000;
    public const int Features = 50;

    private static readonly CsvOptions Lines = new() { Engine = CsvEngine.Lines };
    private float[] _bare = null!;

    /// <summary>The generated file (kept between runs: same seed, same bytes).</summary>
    public static string FilePath { get; } = Path.Combine(Path.GetTempPath(), $"optgen-bench-{Rows}x{Features}.csv");

    [GlobalSetup]
    public void Setup()
    {
        EnsureFile();
        _bare = new float[Rows * (Features + 1)];
    }

    [Benchmark(Baseline = true)]
    public Dataset HandWritten() => CsvReader.Read(FilePath, Lines);

    [Benchmark]
    public Dataset Sep() => CsvReader.Read(FilePath);

    [Benchmark]
    public int SepAlone()
    {
        using var reader = nietras.SeparatedValues.Sep.New(',').Reader(o => o with { HasHeader = false }).FromFile(FilePath);
        int k = 0;
        foreach (SepReader.Row row in reader)
        {
            for (int c = 0; c < row.ColCount; c++)
                _bare[k++] = row[c].Parse<float>();
        }
        return k;
    }

    /// <summary>Writes the file unless it is there: values with 6 significant digits in [-10, 10), label 0..9.</summary>
    public static void EnsureFile()
    {
        if (File.Exists(FilePath))
            return;
        var rng = new Random(1);
        string partial = FilePath + ".partial";
        using (var writer = new StreamWriter(partial, append: false, new UTF8Encoding(false)))
        {
            var line = new StringBuilder();
            for (int r = 0; r < Rows; r++)
            {
                line.Clear();
                for (int c = 0; c < Features; c++)
                    line.Append(((float)(rng.NextDouble() * 20 - 10)).ToString("G6", CultureInfo.InvariantCulture)).Append(',');
                line.Append(r % 10).Append('\n');
                writer.Write(line);
            }
        }
        File.Move(partial, FilePath, overwrite: true);
    }
}

/// <summary>
/// The number parser alone, on the first 1,000,000 fields of the same file: .NET's <c>float.TryParse</c> (what the
/// reader used before) against the reader's (csFastFloat after a small-integer path, same results).
/// </summary>
public class CsvNumberParsingBenchmarks
{
    private string[] _fields = null!;

    [GlobalSetup]
    public void Setup()
    {
        CsvReaderBenchmarks.EnsureFile();
        _fields = File.ReadLines(CsvReaderBenchmarks.FilePath).SelectMany(l => l.Split(',')).Take(1_000_000).ToArray();
    }

    [Benchmark(Baseline = true)]
    public float DotNet()
    {
        float sum = 0;
        foreach (string f in _fields)
        {
            float.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out float v);
            sum += v;
        }
        return sum;
    }

    [Benchmark]
    public float Reader()
    {
        float sum = 0;
        foreach (string f in _fields)
        {
            CsvFieldText.TryParseFloat(f, out float v);
            sum += v;
        }
        return sum;
    }
}

namespace OptGen.Training.Tests;

/// <summary>Seeded synthetic data and the bundled optdigits files.</summary>
internal static class TestData
{
    public static float[] Uniform(int count, ulong seed, float lo = -1f, float hi = 1f)
    {
        var rng = new NnRandom(seed);
        var x = new float[count];
        for (int i = 0; i < count; i++)
            x[i] = lo + (hi - lo) * rng.NextFloat();
        return x;
    }

    /// <summary>Uniform values kept at least <paramref name="gap"/> away from 0, so finite differences do not straddle a kink.</summary>
    public static float[] AwayFromZero(int count, ulong seed, float gap = 0.1f)
    {
        float[] x = Uniform(count, seed);
        for (int i = 0; i < count; i++)
            x[i] = MathF.CopySign(gap + MathF.Abs(x[i]), x[i]);
        return x;
    }

    /// <summary>An iris-like problem: three Gaussian blobs in four dimensions, with some overlap.</summary>
    public static Dataset Blobs(int rowsPerClass, ulong seed)
    {
        float[][] centres = [[5.0f, 3.4f, 1.5f, 0.2f], [5.9f, 2.8f, 4.3f, 1.3f], [6.6f, 3.0f, 5.6f, 2.0f]];
        var rng = new NnRandom(seed);
        int rows = rowsPerClass * centres.Length;
        var features = new float[rows * 4];
        var labels = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            int c = r % centres.Length;
            labels[r] = c;
            for (int j = 0; j < 4; j++)
                features[r * 4 + j] = centres[c][j] + 0.35f * (float)rng.NextNormal() - 4f;
        }
        return new Dataset(features, 4, labels, null);
    }

    /// <summary>y = 2·x0 - x1 + 0.5 plus a little noise.</summary>
    public static Dataset Linear(int rows, ulong seed)
    {
        var rng = new NnRandom(seed);
        var features = new float[rows * 2];
        var targets = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            float a = 2 * rng.NextFloat() - 1, b = 2 * rng.NextFloat() - 1;
            features[2 * r] = a;
            features[2 * r + 1] = b;
            targets[r] = 2 * a - b + 0.5f + 0.01f * (float)rng.NextNormal();
        }
        return new Dataset(features, 2, null, targets);
    }

    /// <summary>The bundled optdigits file, scaled to [0, 1] (pixels count 0..16).</summary>
    public static Dataset Optdigits(string file, int maxRows = int.MaxValue)
    {
        string path = RepositoryRoot.Data("optdigits", file);
        string[] lines = File.ReadAllLines(path);
        int rows = Math.Min(maxRows, lines.Length);
        var features = new float[rows * 64];
        var labels = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            string[] cells = lines[r].Split(',');
            for (int c = 0; c < 64; c++)
                features[r * 64 + c] = int.Parse(cells[c]) / 16f;
            labels[r] = int.Parse(cells[64]);
        }
        return new Dataset(features, 64, labels, null, null, path);
    }
}

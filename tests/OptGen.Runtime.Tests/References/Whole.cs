namespace OptGen.Runtime.Tests.References;

/// <summary>Whole-array statements and reductions in double precision, for the reference optimizers.</summary>
public static class Whole
{
    /// <summary>A new array of <paramref name="n"/> elements <c>f(i)</c>.</summary>
    public static double[] New(int n, Func<int, double> f)
    {
        var result = new double[n];
        for (int i = 0; i < n; i++)
            result[i] = f(i);
        return result;
    }

    /// <summary>target = f, computed over the whole array before any element is written.</summary>
    public static void Assign(double[] target, Func<int, double> f) => New(target.Length, f).CopyTo(target, 0);

    public static double Sum(int n, Func<int, double> f)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
            s += f(i);
        return s;
    }

    public static double Mean(int n, Func<int, double> f) => Sum(n, f) / n;

    public static double Norm(int n, Func<int, double> f) => Math.Sqrt(Sum(n, i => f(i) * f(i)));

    public static double MaxAbs(int n, Func<int, double> f)
    {
        double m = 0;
        for (int i = 0; i < n; i++)
            m = Math.Max(m, Math.Abs(f(i)));
        return m;
    }

    public static double Dot(int n, Func<int, double> a, Func<int, double> b) => Sum(n, i => a(i) * b(i));

    /// <summary>+1 / -1 for positive / negative x, x itself for zeros.</summary>
    public static double Sign(double x) => x > 0 ? 1 : x < 0 ? -1 : x;

    public static double Clamp(double x, double lo, double hi) => Math.Min(Math.Max(x, lo), hi);
}

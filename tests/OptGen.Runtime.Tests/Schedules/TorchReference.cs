namespace OptGen.Runtime.Tests.Schedules;

/// <summary>
/// PyTorch's schedulers re-implemented from torch/optim/lr_scheduler.py: the chainable <c>get_lr</c> recursions
/// (each value computed from the previous one, as <c>scheduler.step()</c> does) and, where PyTorch has only one
/// form, that form. Index t is <c>last_epoch</c>, the number of completed steps.
/// </summary>
internal static class TorchReference
{
    /// <summary>lr_0 = first; lr_t = next(t, lr_{t-1}).</summary>
    public static double[] Recur(int steps, double first, Func<long, double, double> next)
    {
        var lr = new double[steps];
        lr[0] = first;
        for (int t = 1; t < steps; t++)
            lr[t] = next(t, lr[t - 1]);
        return lr;
    }

    public static double[] StepLR(int steps, double lr0, long stepSize, double gamma) =>
        Recur(steps, lr0, (t, lr) => t % stepSize != 0 ? lr : lr * gamma);

    public static double[] MultiStepLR(int steps, double lr0, long[] milestones, double gamma) =>
        Recur(steps, lr0, (t, lr) => lr * Math.Pow(gamma, milestones.Count(m => m == t))); // Counter(milestones)[t]

    public static double[] ExponentialLR(int steps, double lr0, double gamma) => Recur(steps, lr0, (t, lr) => lr * gamma);

    public static double[] LinearLR(int steps, double lr0, double start, double end, long total) =>
        Recur(steps, lr0 * start, (t, lr) => t > total ? lr : lr * (1 + (end - start) / (total * start + (t - 1) * (end - start))));

    public static double[] PolynomialLR(int steps, double lr0, long total, double power) =>
        Recur(steps, lr0, (t, lr) => t > total ? lr : lr * Math.Pow((1.0 - (double)t / total) / (1.0 - (double)(t - 1) / total), power));

    public static double[] CosineAnnealingLR(int steps, double lr0, long tMax, double etaMin) =>
        Recur(steps, lr0, (t, lr) => PyMod(t - 1 - tMax, 2 * tMax) == 0
            ? lr + (lr0 - etaMin) * (1 - Math.Cos(Math.PI / tMax)) / 2
            : (1 + Math.Cos(Math.PI * t / tMax)) / (1 + Math.Cos(Math.PI * (t - 1) / tMax)) * (lr - etaMin) + etaMin);

    /// <summary><c>step()</c> without an epoch: T_cur counts up and wraps, T_i grows by T_mult at each restart.</summary>
    public static double[] CosineAnnealingWarmRestarts(int steps, double lr0, long t0, long tMult, double etaMin)
    {
        var lr = new double[steps];
        long tCur = 0, tI = t0;
        for (int t = 0; t < steps; t++)
        {
            if (t > 0 && ++tCur >= tI)
            {
                tCur -= tI;
                tI *= tMult;
            }
            lr[t] = etaMin + (lr0 - etaMin) * (1 + Math.Cos(Math.PI * tCur / tI)) / 2;
        }
        return lr;
    }

    /// <summary>OneCycleLR (two phases, cos annealing); lr0 is max_lr. PyTorch has only this closed form.</summary>
    public static double OneCycleLR(long t, double maxLr, long totalSteps, double pctStart, double div, double finalDiv)
    {
        double initial = maxLr / div, min = initial / finalDiv;
        var phases = new List<(double End, double Start, double Stop)>
        {
            ((double)(pctStart * totalSteps) - 1, initial, maxLr),
            (totalSteps - 1, maxLr, min),
        };
        double startStep = 0;
        for (int i = 0; i < phases.Count; i++)
        {
            if (t <= phases[i].End || i == phases.Count - 1)
            {
                double pct = (t - startStep) / (phases[i].End - startStep);
                return phases[i].Stop + (phases[i].Start - phases[i].Stop) / 2.0 * (Math.Cos(Math.PI * pct) + 1);
            }
            startStep = phases[i].End;
        }
        throw new InvalidOperationException();
    }

    /// <summary>CyclicLR as PyTorch's get_lr: mode 'triangular' (scale_fn = 1), 'triangular2' (1 / 2^(cycle - 1), per
    /// cycle) or 'exp_range' (gamma^t, per iteration).</summary>
    public static double CyclicLR(long t, double baseLr, double maxLr, double stepSizeUp, double? stepSizeDown, string mode = "triangular", double gamma = 1.0)
    {
        double down = stepSizeDown ?? stepSizeUp;
        double total = stepSizeUp + down, ratio = stepSizeUp / total;
        double cycle = Math.Floor(1 + t / total);
        double x = 1.0 + t / total - cycle;
        double scale = x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
        double baseHeight = (maxLr - baseLr) * scale;
        return mode switch
        {
            "triangular" => baseLr + baseHeight,
            "triangular2" => baseLr + baseHeight * (1 / Math.Pow(2.0, cycle - 1)),
            "exp_range" => baseLr + baseHeight * Math.Pow(gamma, t),
            _ => throw new ArgumentException(mode),
        };
    }

    private static long PyMod(long a, long m) => ((a % m) + m) % m;
}

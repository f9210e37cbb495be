using System;
using OptGen;
using OptGen.SeedFormulas;

// Minimises a small ill-conditioned quadratic with each of the 21 strategies and prints where each ends up.
const int n = 16;
Console.WriteLine($"{"#",2}  {"strategy",-40} {"loss after 200 steps",22}");
foreach (Catalogue.Strategy s in Catalogue.All)
{
    var p = new Parameter(new float[n]);
    for (int i = 0; i < n; i++)
        p.Value[i] = 0.5f;
    IOptimizer optimizer = s.Optimizer();
    optimizer.Schedule = s.Schedule();
    double loss = 0;
    for (int step = 0; step < 200; step++)
    {
        loss = 0;
        for (int i = 0; i < n; i++)
        {
            float scale = 0.1f + i / (float)n;          // curvature from 0.1 to ~1.1
            float d = p.Value[i] - 0.25f;
            p.Grad[i] = scale * d;
            loss += 0.5 * scale * d * d;
        }
        optimizer.Step(p);
    }
    Console.WriteLine($"{s.Number,2}  {s.Name,-40} {loss,22:G6}");
}

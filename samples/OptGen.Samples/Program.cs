using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OptGen.Samples;

// dotnet run --project samples/OptGen.Samples -c Release -- <sample> [--seed N]
var samples = new (string Name, string What, Action<ulong> Run)[]
{
    ("mlp-bce", "MLP 10-10-1, binary cross-entropy, Adam, random data (source example 1)", s => BinaryMlpSample.Run(Console.Out, s)),
    ("grad-norm", "MLP 20-10-10-1, MSE: gradient normalisation vs RMSprop vs Adam (source example 2)", s => GradientNormalisationSample.Run(Console.Out, s)),
    ("linear-2x2", "linear 2->2 learns [[1,2],[3,4]] with Adam (source example 3)", s => LinearMatrixSample.Run(Console.Out, s)),
    ("linear-regression", "plain gradient descent on 100x1 data (source example 4)", s => LinearRegressionSample.Run(Console.Out, s)),
    ("schedules", "SGD with fixed, exponential, inverse-time and random rates (source example 5)", s => ScheduleComparisonSample.Run(Console.Out, s)),
    ("polyak", "y = 2x + 1 by Polyak's step size: the loss in the update formula", s => PolyakSample.Run(Console.Out, s)),
    ("iris", "iris, standardised, stratified 112/38 split", s => ClassificationSample.Run(ClassificationSample.Iris, Console.Out, s)),
    ("wine", "wine, standardised, stratified 133/45 split", s => ClassificationSample.Run(ClassificationSample.Wine, Console.Out, s)),
    ("breast-cancer", "breast cancer, standardised, stratified 426/143 split", s => ClassificationSample.Run(ClassificationSample.BreastCancer, Console.Out, s)),
    ("mnist", "MNIST t10k, stratified 8000/2000 split", s => ClassificationSample.Run(ClassificationSample.Mnist, Console.Out, s)),
};

List<string> rest = args.ToList();
ulong seed = 42;
int at = rest.IndexOf("--seed");
if (at >= 0)
{
    if (at + 1 >= rest.Count || !ulong.TryParse(rest[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out seed))
    {
        Console.Error.WriteLine("error: --seed needs a non-negative integer");
        return 1;
    }
    rest.RemoveRange(at, 2);
}
if (rest.Count != 1 || (rest[0] != "all" && samples.All(s => s.Name != rest[0])))
{
    Console.Error.WriteLine("usage: OptGen.Samples <sample> [--seed N]   (default seed 42)");
    foreach (var s in samples)
        Console.Error.WriteLine($"  {s.Name,-18} {s.What}");
    Console.Error.WriteLine($"  {"all",-18} every sample in turn");
    return rest.Count == 0 ? 0 : 1;
}
foreach (var s in samples.Where(s => rest[0] == "all" || s.Name == rest[0]))
{
    Console.WriteLine($"== {s.Name}: {s.What}");
    s.Run(seed);
}
return 0;

using System;
using OptGen.Data;

namespace OptGen.Cli;

/// <summary>Feature scaling fitted on the training data (OptGen.Data's scalers), applied to both sets.</summary>
internal static class Scaling
{
    public static (Dataset Train, Dataset Test) Apply(string method, Dataset train, Dataset test)
    {
        switch (method)
        {
            case "standard":
                var standard = Standardizer.Fit(train);
                return (standard.Transform(train), standard.Transform(test));
            case "minmax":
                var minMax = MinMaxScaler.Fit(train);
                return (minMax.Transform(train), minMax.Transform(test));
            default:
                throw new ArgumentException($"Unknown scaling '{method}'.");
        }
    }
}

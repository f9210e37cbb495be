using BenchmarkDotNet.Running;
using OptGen.Benchmarks;

// Run all benchmarks (or pick with --filter), e.g.
//   dotnet run -c Release --project bench/OptGen.Benchmarks -- --filter '*AdamStep*'
// 'bf16-accuracy' instead prints how bfloat16 moments change Adam's result; 'driver-ratios' the driver's one-core
// ratios from interleaved trials (steady on a shared machine, where BenchmarkDotNet's few iterations are not);
// 'shaped-ratios' Adafactor's and Newton–Schulz's the same way, on one core and on every core; 'parallel-ratios' Adam
// on every core against the all-core memory-only kernel the same way; 'bf16-ceiling' how fast hand-written bfloat16
// Adam loops get in cache against fp32 (AVX-512); 'training-ratios' an MLP's epoch and step on every core against one;
// 'builtin-ratios' every built-in's step on one core against Adam's (and cautious AdamP's, a variant).
if (args.Length == 1 && args[0] == "bf16-accuracy")
    Bf16Accuracy.Run();
else if (args.Length == 1 && args[0] == "driver-ratios")
    DriverRatios.Run();
else if (args.Length == 1 && args[0] == "shaped-ratios")
    ShapedRatios.Run();
else if (args.Length == 1 && args[0] == "parallel-ratios")
    ParallelRatios.Run();
else if (args.Length == 1 && args[0] == "bf16-ceiling")
    Bf16Ceiling.Run();
else if (args.Length == 1 && args[0] == "training-ratios")
    TrainingRatios.Run();
else if (args.Length == 1 && args[0] == "builtin-ratios")
    BuiltInRatios.Run();
else
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

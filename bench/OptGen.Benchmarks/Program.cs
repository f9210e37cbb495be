using BenchmarkDotNet.Running;
using OptGen.Benchmarks;

// Run all benchmarks (or pick with --filter), e.g.
//   dotnet run -c Release --project bench/OptGen.Benchmarks -- --filter '*AdamStep*'
// 'bf16-accuracy' instead prints how bfloat16 moments change Adam's result.
if (args.Length == 1 && args[0] == "bf16-accuracy")
    Bf16Accuracy.Run();
else
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

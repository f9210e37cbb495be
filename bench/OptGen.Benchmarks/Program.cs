using BenchmarkDotNet.Running;

// Run all benchmarks (or pick with --filter), e.g.
//   dotnet run -c Release --project bench/OptGen.Benchmarks -- --filter '*AdamStep*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

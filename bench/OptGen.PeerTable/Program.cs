using System;
using OptGen.PeerTable;

// One line per figure, in the form of the peers' script (../shared/device/peers.py), so that one log holds both and
// bench/device/table.py can pair them:
//   optgen-peers adam THREADS             Adam (fp32 and bfloat16 moments) step, ns per parameter, 4 Ki … 64 Mi
//                                         (env SIZES=a,b,... to change), and 1000 tensors of 1 Ki; env PREFETCH=on|off
//                                         forces SimdPolicy.PrefetchElementPasses (lines adam+prefetch, adam-noprefetch)
//   optgen-peers bf16-ceiling             hand-written bfloat16 Adam loops against fp32 in cache (AVX-512; the
//                                         benchmarks' bf16-ceiling mode)
//   optgen-peers mlp THREADS DATA_DIR     the peers' MLPs: optdigits 64-256-10 (batch 32 and 256, 20 epochs) and MNIST
//                                         t10k 8k/2k 784-256-128-10 (batch 64, 10 epochs), Adam lr 1e-3
string mode = args.Length > 0 ? args[0] : "";
if (mode == "bf16-ceiling")
{
    OptGen.Benchmarks.Bf16Ceiling.Run();
    return 0;
}
if (args.Length < 2 || !int.TryParse(args[1], out int threads) || threads < 1 || mode is not ("adam" or "mlp"))
{
    Console.Error.WriteLine("usage: optgen-peers adam THREADS | optgen-peers mlp THREADS DATA_DIR | optgen-peers bf16-ceiling");
    return 2;
}
string? prefetch = Environment.GetEnvironmentVariable("PREFETCH");
if (prefetch is not (null or "" or "on" or "off"))
{
    Console.Error.WriteLine($"PREFETCH is '{prefetch}': on, off, or unset for the default policy");
    return 2;
}
OptGen.SimdPolicy.MaxThreads = threads;
if (mode == "adam")
    AdamTimings.Run(threads, AdamTimings.Sizes(Environment.GetEnvironmentVariable("SIZES")),
        prefetch switch { "on" => true, "off" => false, _ => null });
else
    MlpTimings.Run(threads, args.Length > 2 ? args[2] : "data");
return 0;

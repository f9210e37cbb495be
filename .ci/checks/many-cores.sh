#!/usr/bin/env bash
# The many-core path on a machine with few cores: the threading tests of the runtime and of the network, with .NET
# told there are 16 processors (DOTNET_PROCESSOR_COUNT), so that ParallelRunner starts 15 workers and passes, products
# and reductions split up to 16 ways, as on the 16-core benchmark machine. Here they only share two cores, which is
# what these tests are about: every chunk once, the bits of one thread, no thread beyond a run's seats, nothing
# allocated on any worker. (The test run of .ci/run sees one worker on a two-core machine.)
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_PROCESSOR_COUNT=16 OPTGEN_EXPECT_PROCESSORS=16
runtime="ParallelRunnerTests ParallelStepTests TensorKernelsTests AxisSplitTests ConcurrencyTests RoutedParallelTests RandomDrawTests
  ReductionNanTests StateReassignedTests SymmetricProductTests LibraryInvariantsTests WidthIndependenceTests"
training="GemmTests MultiCoreTests RowGatherTests"
filter() { printf 'FullyQualifiedName~.%s|' $1 | sed 's/|$//'; }
dotnet test tests/OptGen.Runtime.Tests -c Release --filter "$(filter "$runtime")"
dotnet test tests/OptGen.Training.Tests -c Release --filter "$(filter "$training")"

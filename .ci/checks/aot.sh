#!/usr/bin/env bash
# Native AOT: publishes the main sample (samples/OptGen.Cli, PublishAot=true in its project) for linux-x64 with
# AVX2/FMA code (IlcInstructionSet=x86-64-v3, see docs/aot.md), with OptGen.Runtime, OptGen.Training and OptGen.Attributes rooted
# whole so every line of the libraries goes through the trim/AOT analysis, and requires:
#   - zero warnings from the publish (the repository treats warnings as errors; this also greps the log),
#   - the native binary to train on the bundled optdigits data, write its plot and end with
#     "test accuracy: 0.xxxx" >= 0.97, like the main job.
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$SECONDS
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

dotnet publish samples/OptGen.Cli/OptGen.Cli.csproj -c Release -r linux-x64 -o "$out/bin" \
  -p:IlcInstructionSet=x86-64-v3 -p:OptGenAotAnalyzeLibraries=true 2>&1 | tee "$out/publish.log"
publish_seconds=$((SECONDS - started))
if grep -E 'warning [A-Z]+[0-9]+' "$out/publish.log"; then
  echo "the AOT publish has warnings"; exit 1
fi
[ -x "$out/bin/optgen" ] || { echo "no native binary at $out/bin/optgen"; ls -l "$out/bin"; exit 1; }
# A native binary, not an apphost next to a managed optgen.dll.
[ ! -e "$out/bin/optgen.dll" ] || { echo "optgen.dll was published: this is not a Native AOT build"; exit 1; }

# Run from the repository root: the program finds data/optdigits through the OptGen.sln above the current folder.
run_started=$SECONDS
"$out/bin/optgen" --plot "$out/loss-curves.png" | tee "$out/run.log"
line=$(tail -n 1 "$out/run.log")
[[ "$line" =~ ^test\ accuracy:\ (0\.[0-9]{4})$ ]] || { echo "last line is not 'test accuracy: 0.xxxx': $line"; exit 1; }
awk -v a="${BASH_REMATCH[1]}" 'BEGIN { exit !(a >= 0.97) }' || { echo "accuracy ${BASH_REMATCH[1]} < 0.97"; exit 1; }
[ -s "$out/loss-curves.png" ] || { echo "the AOT binary wrote no plot"; exit 1; }
echo "aot check passed: publish ${publish_seconds} s, run $((SECONDS - run_started)) s, binary $(du -h "$out/bin/optgen" | cut -f1)"

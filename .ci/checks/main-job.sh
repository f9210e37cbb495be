#!/usr/bin/env bash
# The README's first command: trains on the bundled optdigits data and must reach >= 0.97 test accuracy.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
dotnet run --project samples/OptGen.Cli -c Release -- --plot "$out/loss-curves.png" | tee "$out/log.txt"
line=$(tail -n 1 "$out/log.txt")
[[ "$line" =~ ^test\ accuracy:\ (0\.[0-9]{4})$ ]] || { echo "last line is not 'test accuracy: 0.xxxx': $line"; exit 1; }
awk -v a="${BASH_REMATCH[1]}" 'BEGIN { exit !(a >= 0.97) }' || { echo "accuracy ${BASH_REMATCH[1]} < 0.97"; exit 1; }
[ -s "$out/loss-curves.png" ] || { echo "no plot written"; exit 1; }

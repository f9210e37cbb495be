#!/usr/bin/env bash
# Here, before a device run: a self-contained, trimmed build of bench/OptGen.PeerTable (the machine has no .NET) and
# the peers' script, into bench/device/kit (git-ignored; the device call carries it). See bench/device/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
kit=bench/device/kit
rm -rf "$kit"
dotnet publish bench/OptGen.PeerTable -c Release -o "$kit" -v quiet -nologo
peers=${PEERS_PY:-../shared/device/peers.py}
if [ -f "$peers" ]; then
  cp "$peers" "$kit/peers.py"
else
  echo "note: no peers script at $peers (set PEERS_PY); the device run will time OptGen only" >&2
fi
du -sh "$kit"

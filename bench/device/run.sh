#!/usr/bin/env bash
# On the lent 16-core machine, from the repository root, after bench/device/prepare.sh here: OptGen, then PyTorch and
# Optax (the peers' script), one core and every core, into one log; then the table. Writes to $OUT (the device call's
# returned folder), else bench/device/out. STAGES picks parts: adam, torch, optax, mlp (default all). ~4 minutes.
set -u
cd "$(dirname "$0")/../.."
kit=bench/device/kit
out=${OUT:-bench/device/out}
mkdir -p "$out"
log=$out/peers.log
all=$(nproc)
stages=${STAGES:-adam torch optax mlp}
has() { case " $stages " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
peers() { if [ -f "$kit/peers.py" ]; then python3 "$kit/peers.py" "$@"; else echo "no peers.py in the kit"; fi; }
{
  echo "# $(date -u +%FT%TZ) $all cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)"
  if has adam; then "$kit/optgen-peers" adam 1; "$kit/optgen-peers" adam "$all"; fi
  if has torch; then peers torch 1; peers torch "$all"; fi
  if has optax; then JAX_PLATFORMS=cpu peers optax "$all"; fi
  if has mlp; then
    "$kit/optgen-peers" mlp 1 data; "$kit/optgen-peers" mlp "$all" data
    peers mlp 1 data; peers mlp "$all" data
  fi
} 2>&1 | tee "$log"
python3 bench/device/table.py "$log" | tee "$out/table.md"

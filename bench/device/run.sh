#!/usr/bin/env bash
# On the lent 16-core machine, from the repository root, after bench/device/prepare.sh here: OptGen, then PyTorch and
# Optax (the peers' script), one core and every core, into one log; then the table. Writes to $OUT (the device call's
# returned folder), else bench/device/out. STAGES picks parts: adam, prefetch (OptGen's Adam again with element-pass
# prefetching forced on and off, 1 / 16 / 64 Mi), bf16 (hand-written bfloat16 Adam loops against fp32 in cache), torch,
# optax, mlp (default all). ~4-5 minutes.
set -u
cd "$(dirname "$0")/../.."
kit=bench/device/kit
out=${OUT:-bench/device/out}
mkdir -p "$out"
if [ ! -x "$kit/optgen-peers" ]; then
  echo "run.sh: no $kit/optgen-peers: run bench/device/prepare.sh on the build machine and carry bench/device/kit" | tee "$out/peers.log"
  exit 2
fi
log=$out/peers.log
all=$(nproc)
stages=${STAGES:-adam prefetch bf16 torch optax mlp}
has() { case " $stages " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
peers() { if [ -f "$kit/peers.py" ]; then python3 "$kit/peers.py" "$@"; else echo "no peers.py in the kit"; fi; }
{
  echo "# $(date -u +%FT%TZ) $all cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)"
  # What the next session needs to read the figures: sockets and NUMA nodes (a step's memory is first touched by one
  # thread), the vector extensions, and the huge-page setting OptGen's buffers ask for.
  echo "# numa nodes: $(cat /sys/devices/system/node/online 2>/dev/null || echo '?'); $(lscpu 2>/dev/null | grep -E '^(Socket|NUMA node\(s\)|L3)' | tr -s ' ' | paste -sd ';')"
  echo "# avx512: $(grep -m1 -o 'avx512[a-z_0-9]*' /proc/cpuinfo | sort -u | paste -sd ' '); thp: $(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null)"
  if has adam; then "$kit/optgen-peers" adam 1; "$kit/optgen-peers" adam "$all"; fi
  if has prefetch; then
    for p in on off; do
      for t in 1 "$all"; do PREFETCH=$p SIZES=1048576,16777216,67108864 "$kit/optgen-peers" adam "$t"; done
    done
  fi
  if has bf16; then "$kit/optgen-peers" bf16-ceiling | sed 's/^/bf16-ceiling: /'; fi
  if has torch; then peers torch 1; peers torch "$all"; fi
  if has optax; then JAX_PLATFORMS=cpu peers optax "$all"; fi
  if has mlp; then
    "$kit/optgen-peers" mlp 1 data; "$kit/optgen-peers" mlp "$all" data
    peers mlp 1 data; peers mlp "$all" data
  fi
} 2>&1 | tee "$log"
python3 bench/device/table.py "$log" | tee "$out/table.md"

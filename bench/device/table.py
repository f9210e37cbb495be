# The tables of bench/device/run.sh's log (OptGen's and the peers' lines, in the forms their programs print): Adam step
# in ns per parameter, lower is better, with the peer's time over ours ("ahead" when above 1); MLP training in samples
# per second, higher is better.  python3 table.py LOG
import re, sys

adam = {}   # (who, kind, size, threads) -> ns per parameter
ceiling = []  # the bf16-ceiling lines, as optgen-peers printed them
mlp = {}    # (who, name, threads) -> (samples per s, test accuracy)
threads_seen = {1}
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    if line.startswith("bf16-ceiling: "):
        ceiling.append(line[len("bf16-ceiling: "):].rstrip("\n"))
        continue
    m = re.match(r"^(optgen|torch\S*|optax\S*) (\S+) (?:n=(\d+)|(\d+x\d+)) threads=(\d+) ns_per_param=([\d.]+)", line)
    if m:
        who = re.match(r"[a-z]+", m[1])[0]
        size = int(m[3]) if m[3] else m[4]
        adam[(who, m[2], size, int(m[5]))] = float(m[6])
        threads_seen.add(int(m[5]))
        continue
    m = re.match(r"^mlp-(\w+) (.+?) threads=(\d+) .*samples_per_s=(\d+) test_acc=([\d.]+)", line)
    if m:
        mlp[(m[1], m[2], int(m[3]))] = (int(m[4]), float(m[5]))
        threads_seen.add(int(m[3]))
all_threads = max(threads_seen)


def cell(value, fmt="{:.3g}"):
    return "—" if value is None else fmt.format(value)


def ratio(peer, ours):
    return "—" if peer is None or ours is None else f"{peer / ours:.2f}"


def label(size):
    if isinstance(size, str):
        count, length = size.split("x")
        return f"{count} tensors × {int(length) // 1024} Ki"
    return f"{size >> 20} Mi" if size >= 1 << 20 else f"{size >> 10} Ki"


sizes = sorted({k[2] for k in adam if isinstance(k[2], int)}) + sorted({k[2] for k in adam if isinstance(k[2], str)})
T = all_threads
print(f"Adam step, ns per parameter (lower is better); 'torch ÷ OptGen' above 1: OptGen ahead\n")
print(f"| parameters | OptGen 1 core | torch fused, 1 thread | torch ÷ OptGen | OptGen {T} cores | torch fused, {T} threads "
      f"| torch ÷ OptGen | Optax jit, {T} threads | OptGen bf16, 1 core | OptGen bf16, {T} cores |")
print("|---|---|---|---|---|---|---|---|---|---|")
for n in sizes:
    o1, t1 = adam.get(("optgen", "adam", n, 1)), adam.get(("torch", "adam-fused", n, 1))
    oT, tT = adam.get(("optgen", "adam", n, T)), adam.get(("torch", "adam-fused", n, T))
    print(f"| {label(n)} | {cell(o1)} | {cell(t1)} | {ratio(t1, o1)} | {cell(oT)} | {cell(tT)} | {ratio(tT, oT)} "
          f"| {cell(adam.get(('optax', 'adam-jit', n, T)))} | {cell(adam.get(('optgen', 'adam-bf16', n, 1)))} "
          f"| {cell(adam.get(('optgen', 'adam-bf16', n, T)))} |")

forced = sorted({k[2] for k in adam if k[0] == "optgen" and k[1].endswith("prefetch") and isinstance(k[2], int)})
if forced:
    print(f"\nOptGen's Adam with element-pass prefetching as the policy has it / forced on / forced off, ns per parameter "
          f"(SimdPolicy.PrefetchElementPasses; the policy: at 512 bits only with bfloat16 state)\n")
    print(f"| parameters | fp32, 1 core | fp32, {T} cores | bf16, 1 core | bf16, {T} cores |")
    print("|---|---|---|---|---|")
    for n in forced:
        def three(kind, t):
            return " / ".join(cell(adam.get(("optgen", kind + tag, n, t))) for tag in ("", "+prefetch", "-noprefetch"))
        print(f"| {label(n)} | {three('adam', 1)} | {three('adam', T)} | {three('adam-bf16', 1)} | {three('adam-bf16', T)} |")

rows = [c for c in ceiling if "|" in c]
if rows:
    notes = [c for c in ceiling if "|" not in c]
    print(f"\nbfloat16 Adam's ceiling in cache, one core (bf16-ceiling; {'; '.join(notes)})\n")
    print(f"| {rows[0]} |")
    print("|" + "---|" * (rows[0].count("|") + 1))
    for r in rows[1:]:
        print(f"| {r} |")

names = sorted({k[1] for k in mlp})
if names:
    print(f"\nMLP training, samples per second (higher is better; test accuracy in brackets)\n")
    print(f"| model | OptGen 1 core | torch 1 thread | OptGen {T} cores | torch {T} threads | OptGen ÷ torch, best of each |")
    print("|---|---|---|---|---|---|")
    for name in names:
        def at(who, t):
            v = mlp.get((who, name, t))
            return "—" if v is None else f"{v[0]:,} ({v[1]:.3f})"
        best = lambda who: max((v[0] for k, v in mlp.items() if k[0] == who and k[1] == name), default=None)
        print(f"| {name} | {at('optgen', 1)} | {at('torch', 1)} | {at('optgen', T)} | {at('torch', T)} "
              f"| {ratio(best('optgen'), best('torch'))} |")

"""The bench's table: medians over the rounds of each generator and user count, with ratios (see inside.sh)."""
import statistics
import sys
from collections import defaultdict

runs_file, rounds, seconds, warmup, load = sys.argv[1:6]
runs = defaultdict(list)
order = []
for line in open(runs_file):
    gen, users, rnd, whole, steady, cpu, p50, p99, errors, requests, served = line.rstrip("\n").split("\t")
    key = (gen, int(users))
    if gen not in order:
        order.append(gen)
    runs[key].append(dict(whole=float(whole), steady=float(steady), cpu=float(cpu), p50=float(p50),
                          p99=float(p99), errors=int(errors) if errors not in ("None", "") else 0))


def med(key, field):
    values = [r[field] for r in runs.get(key, []) if r[field] == r[field]]
    return statistics.median(values) if values else float("nan")


names = {"wrk": "wrk -t1", "locust-http": "Locust 2.12 HttpUser", "locust-fast": "Locust 2.12 FastHttpUser",
         "gatling": "Gatling (Java DSL)", "raw-async": "raw HttpClient 5 async + virtual threads",
         "raw-classic": "raw HttpClient 5 classic + virtual threads", "junit-loadtest": "junit-loadtest @LoadTest",
         "junit-loadtest-alt": "junit-loadtest @LoadTest (baseline build)",
         "junit-loadtest-lean": "junit-loadtest @LoadTest, lean transport (experimental)"}
def shown(value, form):
    return format(value, form) if value == value else "–"


# Against the sample target there is no server-side counter (steady and CPU are "–"): ratios then compare whole runs,
# JIT warm-up included, and say so.
basis = "steady" if any(r["steady"] == r["steady"] for rs in runs.values() for r in rs) else "whole"
if basis == "whole":
    print("No server-side count: ratios compare whole-run rates (warm-up included).\n")
print(f"{rounds} round(s) of {seconds} s per generator and user count, generators alternated; medians. "
      f"Steady = nginx's own count from {warmup} s after the start to 2 s before the end. CPU = the generator's user+system "
      f"CPU over the steady window per 1,000 requests. Load average at the end: {load}.\n")
print("| generator | users | req/s (whole run) | req/s (steady) | vs wrk | vs raw async | CPU s / 1k req | p50 ms | p99 ms | errors |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for users in sorted({u for (_, u) in runs}):
    wrk = med(("wrk", users), basis)
    raw = med(("raw-async", users), basis)
    for gen in order:
        key = (gen, users)
        if key not in runs:
            continue
        rate = med(key, basis)
        vs_wrk = f"{rate / wrk:.0%}" if wrk == wrk else "–"
        vs_raw = f"{rate / raw:.0%}" if raw == raw else "–"
        errors = sum(r["errors"] for r in runs[key])
        print(f"| {names.get(gen, gen)} | {users} | {med(key, 'whole'):,.0f} | {shown(med(key, 'steady'), ',.0f')} "
              f"| {vs_wrk} | {vs_raw} | {shown(med(key, 'cpu'), '.3f')} | {med(key, 'p50'):.2f} | {med(key, 'p99'):.2f} "
              f"| {errors} |")

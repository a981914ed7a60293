"""The bench's table: medians over the rounds of each generator and user count, with ratios (see inside.sh), then the
budgets of junit-loadtest against wrk and Gatling (CPU per request)."""
import statistics
import sys
from collections import defaultdict

runs_file, rounds, seconds, warmup, load = sys.argv[1:6]
# nginx's core at or above this share of its time: it is the bottleneck, and req/s no longer measures the generator.
SATURATED = 0.90
runs = defaultdict(list)
order = []
for line in open(runs_file):
    fields = line.rstrip("\n").split("\t")
    gen, users, rnd, whole, steady, cpu, p50, p99, errors, requests, served, gen_core, target_core = fields
    key = (gen, int(users))
    if gen not in order:
        order.append(gen)
    runs[key].append(dict(whole=float(whole), steady=float(steady), cpu=float(cpu), p50=float(p50),
                          p99=float(p99), errors=int(errors) if errors not in ("None", "") else 0,
                          gen_core=float(gen_core), target_core=float(target_core)))


def values(key, field):
    return [r[field] for r in runs.get(key, []) if r[field] == r[field]]


def med(key, field):
    found = values(key, field)
    return statistics.median(found) if found else float("nan")


names = {"wrk": "wrk -t1", "locust-http": "Locust 2.12 HttpUser", "locust-fast": "Locust 2.12 FastHttpUser",
         "gatling": "Gatling (Java DSL)", "raw-async": "raw HttpClient 5 async + virtual threads",
         "raw-classic": "raw HttpClient 5 classic + virtual threads",
         "raw-socket": "raw blocking socket per virtual thread",
         "junit-loadtest": "junit-loadtest @LoadTest (default transport)",
         "junit-loadtest-lean": "junit-loadtest @LoadTest, lean transport",
         "junit-loadtest-httpclient": "junit-loadtest @LoadTest, HttpClient 5 transport",
         "junit-loadtest-alt": "junit-loadtest @LoadTest (baseline build)"}


def shown(value, form):
    return format(value, form) if value == value else "–"


def ratio(value, reference, form=".2f", suffix="x"):
    return format(value / reference, form) + suffix if value == value and reference == reference else "–"


# Against the sample target there is no server-side counter (steady and CPU are "–"): ratios then compare whole runs,
# JIT warm-up included, and say so.
basis = "steady" if any(r["steady"] == r["steady"] for rs in runs.values() for r in rs) else "whole"
if basis == "whole":
    print("No server-side count: ratios compare whole-run rates (warm-up included).\n")
print(f"{rounds} round(s) of {seconds} s per generator and user count, generators alternated; medians. "
      f"Steady = nginx's own count from {warmup} s after the start to 2 s before the end. CPU µs/req = the generator's "
      f"user+system CPU over the steady window per request served, with the lowest and highest round in brackets. "
      f"Cores = the share of one core the generator and the target used over that window; a target at "
      f"{SATURATED:.0%} or more is saturated (marked *), and then req/s measures the target, not the generator: "
      f"compare CPU µs/req. Load average at the end: {load}.\n")
print("| generator | users | req/s (steady) | vs wrk | CPU µs/req | × wrk | × Gatling | generator core | nginx core "
      "| p50 ms | p99 ms | errors |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for users in sorted({u for (_, u) in runs}):
    wrk_rate = med(("wrk", users), basis)
    wrk_cpu = med(("wrk", users), "cpu")
    gatling_cpu = med(("gatling", users), "cpu")
    for gen in order:
        key = (gen, users)
        if key not in runs:
            continue
        rate = med(key, basis)
        cpus = values(key, "cpu")
        cpu = med(key, "cpu")
        spread = f" ({min(cpus):.1f}–{max(cpus):.1f})" if len(cpus) > 1 else ""
        target = med(key, "target_core")
        errors = sum(r["errors"] for r in runs[key])
        print(f"| {names.get(gen, gen)} | {users} | {shown(rate, ',.0f')} | {ratio(rate, wrk_rate, '.0%', '')} "
              f"| {shown(cpu, '.1f')}{spread} | {ratio(cpu, wrk_cpu)} | {ratio(cpu, gatling_cpu)} "
              f"| {shown(med(key, 'gen_core'), '.0%')} | {shown(target, '.0%')}{'*' if target >= SATURATED else ''} "
              f"| {med(key, 'p50'):.2f} | {med(key, 'p99'):.2f} | {errors} |")

# The budgets: junit-loadtest's CPU per request at most 0.6x Gatling's and 1.5x wrk's, at every user count.
budget_lines = []
for gen in order:
    if not gen.startswith("junit-loadtest"):
        continue
    for users in sorted({u for (g, u) in runs if g == gen}):
        cpu = med((gen, users), "cpu")
        wrk_cpu = med(("wrk", users), "cpu")
        gatling_cpu = med(("gatling", users), "cpu")
        parts = []
        if wrk_cpu == wrk_cpu:
            parts.append(f"{cpu / wrk_cpu:.2f}x wrk (budget 1.5x: {'met' if cpu <= 1.5 * wrk_cpu else 'NOT met'})")
        if gatling_cpu == gatling_cpu:
            parts.append(f"{cpu / gatling_cpu:.2f}x Gatling (budget 0.6x: "
                         f"{'met' if cpu <= 0.6 * gatling_cpu else 'NOT met'})")
        if parts:
            budget_lines.append(f"- {names.get(gen, gen)}, {users} users: {cpu:.1f} µs/req = " + ", ".join(parts))
if budget_lines:
    print("\nCPU per request against the budgets (medians):\n")
    print("\n".join(budget_lines))

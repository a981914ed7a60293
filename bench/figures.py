"""One run's figures from a generator's own output and nginx's counter: one tab-separated line (see inside.sh):
generator users round whole_rps steady_rps cpu_us_per_request p50_ms p99_ms errors requests served generator_core
target_core, the last two the share of one core each used over the steady window."""
import csv
import re
import sys

(gen, users, rnd, out, c1, c2, t1, t2, k1, k2, hz, secs, served, n1, n2) = sys.argv[1:16]
c1, c2, k1, k2, hz, served, n1, n2 = int(c1), int(c2), int(k1), int(k2), int(hz), int(served), int(n1), int(n2)
t1, t2, secs = float(t1), float(t2), float(secs)
log = open(out + ".log", errors="replace").read()

requests = errors = None
p50 = p99 = float("nan")
seconds = secs


def ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


if gen == "wrk":
    m = re.search(r"(\d+) requests in ([\d.]+)(\w+)", log)
    requests = int(m.group(1))
    seconds = ms(m.group(2), m.group(3)) / 1000
    p50 = ms(*re.search(r"\s50%\s+([\d.]+)(us|ms|s)", log).groups())
    p99 = ms(*re.search(r"\s99%\s+([\d.]+)(us|ms|s)", log).groups())
    errors = 0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", log)
    if m:
        errors += int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", log)
    if m:
        errors += sum(int(g) for g in m.groups())
elif gen.startswith("locust"):
    with open(out + ".csv_stats.csv") as f:
        for row in csv.DictReader(f):
            if row["Name"] == "Aggregated":
                requests = int(row["Request Count"])
                errors = int(row["Failure Count"])
                p50 = float(row["50%"])
                p99 = float(row["99%"])
elif gen == "gatling":
    m = re.search(r"request count\s+\|?\s*([\d,]+)\s*\|?\s*([\d,]+)\s*\|?\s*([\d,-]+)", log)
    if m:
        requests = int(m.group(1).replace(",", ""))
        errors = int(m.group(3).replace(",", "").replace("-", "0") or 0)
    else:
        m = re.search(r"request count\s+(\d+) \(OK=(\d+)\s+KO=(\d+)", log)
        requests, errors = int(m.group(1)), int(m.group(3))
    m50 = re.search(r"50th percentile\D*?([\d,.]+)", log)
    m99 = re.search(r"99th percentile\D*?([\d,.]+)", log)
    p50 = float(m50.group(1).replace(",", "")) if m50 else p50
    p99 = float(m99.group(1).replace(",", "")) if m99 else p99
else:
    line = open(out + ".line").read().split("\n")[0]
    fields = dict(kv.split("=") for kv in line.split())
    requests, errors = int(fields["requests"]), int(fields["errors"])
    seconds = float(fields["seconds"])
    p50, p99 = float(fields["p50_ms"]), float(fields["p99_ms"])

steady = (c2 - c1) / (t2 - t1) if c2 > c1 else float("nan")
cpu_us = ((k2 - k1) / hz) / (c2 - c1) * 1e6 if c2 > c1 else float("nan")
generator_core = ((k2 - k1) / hz) / (t2 - t1)
target_core = ((n2 - n1) / hz) / (t2 - t1)
whole = requests / seconds if requests else float("nan")
print("\t".join(str(x) for x in [gen, users, rnd, round(whole), round(steady) if steady == steady else "nan",
                                  f"{cpu_us:.2f}", f"{p50:.3f}", f"{p99:.3f}", errors, requests, served,
                                  f"{generator_core:.3f}", f"{target_core:.3f}"]))

#!/usr/bin/env bash
# The benchmark (see BENCHMARKS.md). Builds what it runs, then runs every load inside a network namespace with only
# loopback up, nginx pinned to core 1 and each generator to core 0, and prints one table.
#
#   bench/run.sh                      # throughput: every generator, 50 and 200 users, 25 s (steady from 13 s), 3 rounds
#   bench/run.sh throughput --rounds 1 --seconds 20 --warmup 10 --users 50 --only "wrk junit-loadtest raw-async"
#   bench/run.sh https                # the same over TLS (nginx with a certificate made at bench time, see https.sh):
#                                     #   wrk, Gatling, junit-loadtest (lean; HttpClient 5 HTTP/1.1; HTTP/2)
#   bench/run.sh memory [--counts "1000 10000"]   # RSS with idle users, junit-loadtest and Locust
#   bench/run.sh accuracy             # fixed delays and a one-second stall (open model)
#   bench/run.sh sample               # junit-loadtest and wrk against the sample target instead of nginx
#   bench/run.sh jmh                  # JMH of the recording path, with -prof gc (not in a namespace: no load)
#
# Results go to bench/out/ (not committed): <what>-<date>.md, and the raw per-run lines beside it.
set -euo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$BENCH")"
WHAT="${1:-throughput}"
[ $# -gt 0 ] && shift

for tool in nginx wrk locust taskset unshare ip mvn python3; do
  command -v "$tool" >/dev/null || { echo "bench: '$tool' is missing (Debian: apt-get install nginx-light wrk python3-locust util-linux iproute2 maven)" >&2; exit 2; }
done
JAVA_BIN="${BENCH_JAVA:-}"
if [ -z "$JAVA_BIN" ]; then
  for home in /usr/lib/jvm/*; do
    if [ -x "$home/bin/java" ] && [ "$("$home/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1)" -ge 21 ] 2>/dev/null; then
      JAVA_BIN="$home/bin/java"
    fi
  done
fi
[ -n "$JAVA_BIN" ] || { echo "bench: no JDK 21+ under /usr/lib/jvm (set BENCH_JAVA=/path/to/bin/java)" >&2; exit 2; }
export JAVA_BIN

# Build outside the namespace (Maven may need to download once); the runs inside are offline.
echo "bench: building the Java side (bench/java, profile bench) ..." >&2
(cd "$ROOT" && { mvn -B -q -o -Pbench package -pl bench/java -am -DskipTests 2>/dev/null \
  || mvn -B -q -Pbench package -pl bench/java -am -DskipTests; })
if [ "$WHAT" = throughput ] || [ "$WHAT" = https ]; then
  echo "bench: resolving Gatling (bench/gatling) ..." >&2
  (cd "$BENCH/gatling" && JAVA_HOME="$(dirname "$(dirname "$JAVA_BIN")")" \
    mvn -B -q -o test-compile gatling:test -Dgatling.skip=true 2>/dev/null \
    || JAVA_HOME="$(dirname "$(dirname "$JAVA_BIN")")" mvn -B -q test-compile gatling:test -Dgatling.skip=true)
fi

mkdir -p "$BENCH/out"
if [ "$WHAT" = jmh ]; then
  exec "$JAVA_BIN" -cp "$BENCH/java/target/classes:$BENCH/java/target/lib/*" org.openjdk.jmh.Main \
    -prof gc -rf text -rff "$BENCH/out/jmh-$(date -u +%Y%m%d-%H%M).txt" "$@" RecordingBenchmark
fi

exec unshare --net -- "$BENCH/inside.sh" "$WHAT" "$@"

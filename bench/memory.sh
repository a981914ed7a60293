#!/usr/bin/env bash
# Memory with idle users (called by inside.sh in the network namespace): for each count, junit-loadtest's
# IdleUsersLoadTest and Locust's FastHttpUser (bench/locust/idle.py) start that many users, each sends one request and
# waits; once nginx sees every user's connection, the generator's RSS is read (for the JVM after a full GC, with a
# class histogram of the heap kept beside the results).
set -euo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
WORK="$1"; URL="$2"; COUNTS="$3"; CORE="$4"
CP="$BENCH/java/target/classes:$BENCH/java/target/lib/*"
JCMD="$(dirname "$JAVA_BIN")/jcmd"
active() { curl -s "$URL/nginx_status" | awk 'NR==1 {print $3}'; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
heap_used_kb() { "$JCMD" "$1" GC.heap_info 2>/dev/null | awk '/used/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub("K","",v); print v; exit}}'; }

# Waits until nginx counts $1 more active connections than at the start ($2), for at most $3 seconds.
wait_for_connections() {
  local want="$1" base="$2" limit="$3" waited=0
  while [ $(( $(active) - base )) -lt "$want" ]; do
    sleep 1; waited=$((waited + 1))
    if [ "$waited" -ge "$limit" ]; then
      echo "memory: only $(( $(active) - base )) of $want connections after ${limit}s" >&2
      return 1
    fi
  done
  return 0
}

echo "| generator | idle users | RSS MB | heap used after GC MB | connections |"
echo "|---|---:|---:|---:|---:|"
declare -A JVM_RSS LOCUST_RSS
for n in $COUNTS; do
  base="$(active)"
  spawn=$(( n < 5000 ? n : 5000 ))
  secs=$(( n / spawn + 40 ))
  taskset -c "$CORE" "$JAVA_BIN" -cp "$CP" org.junit.platform.console.ConsoleLauncher execute --disable-banner \
    --details=none --select-class dev.junitloadtest.bench.IdleUsersLoadTest --config loadtest.users="$n" \
    --config loadtest.spawn-rate="$spawn" --config loadtest.duration="${secs}s" --config loadtest.host="$URL" \
    --config loadtest.report-files=false --config loadtest.console.interval=off > "$WORK/idle-jlt-$n.log" 2>&1 &
  pid=$!
  if wait_for_connections "$n" "$base" 120; then
    sleep 3
    "$JCMD" "$pid" GC.run > /dev/null; sleep 2
    rss=$(( $(rss_kb "$pid") / 1024 )); heap=$(( $(heap_used_kb "$pid") / 1024 ))
    "$JCMD" "$pid" GC.class_histogram > "$WORK/histogram-jlt-$n.txt" 2>&1 || true
    conns=$(( $(active) - base ))
    echo "| junit-loadtest | $n | $rss | $heap | $conns |"
    JVM_RSS[$n]=$rss
  fi
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  sleep 2

  base="$(active)"
  rate=$(( n < 1000 ? n : 1000 ))
  taskset -c "$CORE" locust -f "$BENCH/locust/idle.py" --headless -u "$n" -r "$rate" -t "$(( n / rate + 40 ))s" \
    --host "$URL" --only-summary --loglevel WARNING > "$WORK/idle-locust-$n.log" 2>&1 &
  pid=$!
  if wait_for_connections "$n" "$base" 120; then
    sleep 3
    rss=$(( $(rss_kb "$pid") / 1024 ))
    conns=$(( $(active) - base ))
    echo "| Locust 2.12 FastHttpUser | $n | $rss | – | $conns |"
    LOCUST_RSS[$n]=$rss
  fi
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  sleep 2
done
set -- $COUNTS
if [ $# -ge 2 ] && [ -n "${JVM_RSS[$1]:-}" ] && [ -n "${JVM_RSS[${!#}]:-}" ]; then
  first="$1"; last="${!#}"
  echo
  echo "Per extra idle user ($first → $last): junit-loadtest $(( (JVM_RSS[$last] - JVM_RSS[$first]) * 1024 / (last - first) )) KB," \
    "Locust FastHttpUser $(( (${LOCUST_RSS[$last]:-0} - ${LOCUST_RSS[$first]:-0}) * 1024 / (last - first) )) KB."
fi
echo
echo "Heap histograms (top classes) in $WORK/histogram-jlt-*.txt"

#!/usr/bin/env bash
# Runs inside `unshare --net` (see run.sh): only loopback exists, so no tool can reach anything else.
set -euo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$BENCH")"
WHAT="$1"; shift
ROUNDS=3; SECONDS_PER_RUN=25; WARMUP=13; USERS="50 200"; COUNTS="1000 10000"; BARE=""; TARGET=nginx
# One run compares the reference (wrk), Gatling, the raw loops under each transport, junit-loadtest on each transport,
# and Locust.
ONLY="wrk gatling raw-socket raw-async junit-loadtest-lean junit-loadtest-httpclient locust-fast"
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --seconds) SECONDS_PER_RUN="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --users) USERS="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    --counts) COUNTS="$2"; shift 2 ;;
    --bare) BARE="$2"; shift 2 ;;
    *) echo "bench: unknown option $1" >&2; exit 2 ;;
  esac
done

ip link set lo up
ulimit -n "$(ulimit -Hn)"
sysctl -q -w net.ipv4.ip_local_port_range="1024 65000" || true
WORK="$(mktemp -d /tmp/jlt-bench.XXXXXX)"
STAMP="$(date -u +%Y%m%d-%H%M)"
PORT=8080; PORT2=8081
URL="http://127.0.0.1:$PORT"
GEN_CORE=0; TARGET_CORE=1
CP="$BENCH/java/target/classes:$BENCH/java/target/lib/*"
JAVA_HOME_DIR="$(dirname "$(dirname "$JAVA_BIN")")"
HZ="$(getconf CLK_TCK)"

# nginx may hold as many connections as its file descriptors allow; for the memory bench it also listens on more
# loopback addresses (all of 127.0.0.0/8 is local), so that more users than one address pair has ports can connect.
ADDRESSES=1
[ "$WHAT" = memory ] && ADDRESSES=8
NOFILE="$(ulimit -n)"
LISTEN_MORE=""
for i in $(seq 2 "$ADDRESSES"); do LISTEN_MORE="$LISTEN_MORE listen 127.0.0.$i:$PORT backlog=4096;"; done
sed -e "s#@WORK@#$WORK#g" -e "s#@PORT@#$PORT#g" -e "s#@PORT2@#$PORT2#g" -e "s#@NOFILE@#$NOFILE#g" \
  -e "s#@CONNECTIONS@#$((NOFILE - 100))#g" -e "s#@LISTEN_MORE@#$LISTEN_MORE#g" "$BENCH/nginx.conf" > "$WORK/nginx.conf"
taskset -c "$TARGET_CORE" nginx -c "$WORK/nginx.conf" -e "$WORK/nginx-error.log" &
NGINX_PID=$!
TARGET_PID=$NGINX_PID
SAMPLE_PID=""
cleanup() {
  kill "$NGINX_PID" 2>/dev/null || true
  [ -n "$SAMPLE_PID" ] && kill "$SAMPLE_PID" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 50); do curl -s -o /dev/null "$URL/" && break; sleep 0.1; done

# nginx's own count of requests (stub_status), the steady-state measure common to every generator.
served() { curl -s "$URL/nginx_status" | awk 'NR==3 {print $3}'; }
active() { curl -s "$URL/nginx_status" | awk 'NR==1 {print $3}'; }
# CPU ticks (user + system) of process $1 and its children (nginx's master and its worker).
tree_ticks() {
  local total=0 pid
  for pid in "$1" $(ps -o pid= --ppid "$1" 2>/dev/null); do
    [ -r "/proc/$pid/stat" ] || continue
    total=$((total + $(sed 's/^.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
  done
  echo "$total"
}
# CPU ticks (user + system) of every process in session $1.
session_ticks() {
  local total=0 pid
  for pid in $(ps -o pid= -s "$1" 2>/dev/null); do
    [ -r "/proc/$pid/stat" ] || continue
    total=$((total + $(sed 's/^.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
  done
  echo "$total"
}
now() { date +%s.%N; }

# The command line of BenchLoadTest on class path $1 with $2 users for $3 seconds, its figures to $4.line; the rest
# are more ConsoleLauncher options.
jlt_command() {
  local cp="$1" users="$2" secs="$3" out="$4"
  shift 4
  echo "$JAVA_BIN ${BENCH_JVM_OPTS:-} -Dbench.out=$out.line -cp $cp org.junit.platform.console.ConsoleLauncher execute --disable-banner --details=none --select-class dev.junitloadtest.bench.BenchLoadTest --config loadtest.users=$users --config loadtest.duration=${secs}s --config loadtest.host=$URL --config loadtest.report-dir=$WORK/reports --config loadtest.console.interval=off $*"
}

# The command line of generator $1 with $2 users for $3 seconds; its output goes to $4.
command_of() {
  local gen="$1" users="$2" secs="$3" out="$4"
  case "$gen" in
    wrk) echo "wrk -t1 -c$users -d${secs}s --latency $URL/" ;;
    locust-http) echo "locust -f $BENCH/locust/httpuser.py --headless -u $users -r $users -t ${secs}s --host $URL --only-summary --csv $out.csv --loglevel WARNING" ;;
    locust-fast) echo "locust -f $BENCH/locust/fasthttpuser.py --headless -u $users -r $users -t ${secs}s --host $URL --only-summary --csv $out.csv --loglevel WARNING" ;;
    gatling) echo "env JAVA_HOME=$JAVA_HOME_DIR mvn -B -o -f $BENCH/gatling/pom.xml gatling:test -Dusers=$users -Dseconds=$secs -Dbase=$URL" ;;
    raw-async) echo "$JAVA_BIN ${BENCH_JVM_OPTS:-} -cp $CP dev.junitloadtest.bench.RawLoop async $users $secs $URL/ $out.line" ;;
    raw-classic) echo "$JAVA_BIN ${BENCH_JVM_OPTS:-} -cp $CP dev.junitloadtest.bench.RawLoop classic $users $secs $URL/ $out.line" ;;
    raw-socket) echo "$JAVA_BIN ${BENCH_JVM_OPTS:-} -cp $CP dev.junitloadtest.bench.RawLoop socket $users $secs $URL/ $out.line" ;;
    # The load test as a user writes it, on the default transport, and on each transport by name.
    junit-loadtest) jlt_command "$CP" "$users" "$secs" "$out" ;;
    junit-loadtest-lean) jlt_command "$CP" "$users" "$secs" "$out" --config loadtest.http.transport=lean ;;
    junit-loadtest-httpclient) jlt_command "$CP" "$users" "$secs" "$out" --config loadtest.http.transport=httpclient ;;
    # The same load test on another build (BENCH_ALT_CP, e.g. a copy of bench/java/target made before a change), to
    # compare a change with its baseline in one session; BENCH_ALT_CONFIG adds --config options (a transport).
    junit-loadtest-alt) jlt_command "${BENCH_ALT_CP:?set BENCH_ALT_CP}" "$users" "$secs" "$out" ${BENCH_ALT_CONFIG:-} ;;
    *) echo "bench: unknown generator $gen" >&2; return 2 ;;
  esac
}

# Runs one generator and appends one line of figures to $WORK/runs.tsv (see figures.py):
# generator users round whole_rps steady_rps cpu_us_per_request p50_ms p99_ms errors requests served generator_core
# target_core
run_one() {
  local gen="$1" users="$2" round="$3" secs="$SECONDS_PER_RUN"
  local out="$WORK/$gen-$users-$round"
  local cmd; cmd="$(command_of "$gen" "$users" "$secs" "$out")"
  local c0 c1 c2 t1 t2 k1 k2 n1 n2 t0
  c0="$(served)"; t0="$(now)"
  setsid taskset -c "$GEN_CORE" $cmd > "$out.log" 2>&1 &
  local pid=$!
  # Gatling starts its run once Maven has started and compiled: count from the simulation's start.
  if [ "$gen" = gatling ]; then
    for _ in $(seq 300); do grep -q "Simulation .* started" "$out.log" 2>/dev/null && break; sleep 0.1; done
  fi
  # Steady state: from $WARMUP s after the start to 2 s before the end. On one core shared with its JIT compiler
  # threads a JVM generator (junit-loadtest, the raw loops, Gatling) is still speeding up 10-12 s into a run.
  local warm=$WARMUP tail=2
  [ "$warm" -ge "$((secs - tail))" ] && warm=$(( (secs - tail) / 2 ))
  sleep "$warm"
  c1="$(served)"; t1="$(now)"; k1="$(session_ticks "$pid")"; n1="$(tree_ticks "$TARGET_PID")"
  sleep "$((secs - warm - tail))"
  c2="$(served)"; t2="$(now)"; k2="$(session_ticks "$pid")"; n2="$(tree_ticks "$TARGET_PID")"
  local waited=0
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1; waited=$((waited + 1))
    if [ "$waited" -gt 120 ]; then kill -- -"$pid" 2>/dev/null || true; echo "bench: $gen timed out" >&2; break; fi
  done
  wait "$pid" 2>/dev/null || true
  local total_served=$(( $(served) - c0 - 1 ))
  python3 "$BENCH/figures.py" "$gen" "$users" "$round" "$out" "$c1" "$c2" "$t1" "$t2" "$k1" "$k2" "$HZ" \
    "$secs" "$total_served" "$n1" "$n2" >> "$WORK/runs.tsv"
  tail -n 1 "$WORK/runs.tsv" >&2
  sleep 1
}

case "$WHAT" in
  throughput|sample|https)
    # HTTPS: nginx over TLS, the generators against https:// (see https.sh).
    if [ "$WHAT" = https ]; then . "$BENCH/https.sh"; fi
    if [ "$WHAT" = sample ]; then
      # The repository's sample target (JDK HTTP server) on core 1 instead of nginx, its "/" endpoint.
      kill "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true
      SAMPLE_CP="$ROOT/sample-target/target/classes"
      taskset -c "$TARGET_CORE" "$JAVA_BIN" -cp "$SAMPLE_CP" dev.junitloadtest.sampletarget.Main --port "$PORT" --bind 127.0.0.1 --quiet > "$WORK/sample.log" 2>&1 &
      SAMPLE_PID=$!
      TARGET_PID=$SAMPLE_PID
      for _ in $(seq 100); do curl -s -o /dev/null "$URL/" && break; sleep 0.1; done
      served() { echo 0; }
      ONLY="${ONLY_SAMPLE:-wrk junit-loadtest raw-async}"
    fi
    : > "$WORK/runs.tsv"
    echo "bench: load before: $(cat /proc/loadavg)" >&2
    for round in $(seq "$ROUNDS"); do
      gens=($ONLY)
      # Alternate the order from round to round.
      if [ $((round % 2)) -eq 0 ]; then mapfile -t gens < <(printf '%s\n' "${gens[@]}" | tac); fi
      for users in $USERS; do
        for gen in "${gens[@]}"; do run_one "$gen" "$users" "$round"; done
      done
    done
    echo "bench: load after: $(cat /proc/loadavg)" >&2
    RESULT="$BENCH/out/$WHAT-$STAMP.md"
    python3 "$BENCH/table.py" "$WORK/runs.tsv" "$ROUNDS" "$SECONDS_PER_RUN" "$WARMUP" "$(cat /proc/loadavg)" | tee "$RESULT"
    cp "$WORK/runs.tsv" "$BENCH/out/$WHAT-$STAMP.tsv"
    echo "bench: table written to $RESULT" >&2
    ;;
  memory)
    "$BENCH/memory.sh" "$WORK" "$URL" "$COUNTS" "$GEN_CORE" "$ADDRESSES" "$PORT" "$BARE" | tee "$BENCH/out/memory-$STAMP.md"
    ;;
  accuracy)
    # Generator and delay server share one JVM; unpinned, so neither waits for the other's core.
    "$JAVA_BIN" -cp "$CP" dev.junitloadtest.bench.Accuracy "$BENCH/out/accuracy-$STAMP.md" > "$WORK/accuracy.log" 2>&1 \
      || { tail -50 "$WORK/accuracy.log"; exit 1; }
    cat "$BENCH/out/accuracy-$STAMP.md"
    ;;
  *) echo "bench: unknown benchmark $WHAT (throughput, https, memory, accuracy, sample, jmh)" >&2; exit 2 ;;
esac
echo "bench: raw logs in $WORK" >&2

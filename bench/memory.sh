#!/usr/bin/env bash
# Memory with idle users (called by inside.sh in the network namespace): for each count, junit-loadtest's
# IdleUsersLoadTest (on the lean transport unless BENCH_MEMORY_CONFIG says otherwise) and Locust's FastHttpUser (bench/locust/idle.py) start that many users, each sends one request and
# waits; once nginx sees every user's connection, the generator's RSS is read (for the JVM after a full GC, with a
# class histogram of the heap kept beside the results). junit-loadtest's users are spread over nginx's addresses
# (127.0.0.1 to 127.0.0.$ADDRESSES), since one address pair has too few ports for 100,000 connections. Locust runs up
# to $LOCUST_MAX users. Counts in $BARE are junit-loadtest users that send nothing: what a user costs without a socket.
set -euo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
WORK="$1"; URL="$2"; COUNTS="$3"; CORE="$4"; ADDRESSES="$5"; PORT="$6"; BARE="${7:-}"
LOCUST_MAX="${LOCUST_MAX:-10000}"
CP="$BENCH/java/target/classes:$BENCH/java/target/lib/*"
JCMD="$(dirname "$JAVA_BIN")/jcmd"
active() { curl -s "$URL/nginx_status" | awk 'NR==1 {print $3}'; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
# Every connection is a file descriptor on both sides; the limit is the process's (ulimit -n, raised to the hard limit).
FD_LIMIT="$(ulimit -n)"

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

# Starts IdleUsersLoadTest with $1 users and $2 more JVM options; prints its pid. Its log: $WORK/idle-jlt-$3.log.
start_jlt() {
  local n="$1" opts="$2" name="$3"
  local spawn=$(( n < 5000 ? n : 5000 ))
  local secs=$(( n / spawn + 60 ))
  taskset -c "$CORE" "$JAVA_BIN" $opts -cp "$CP" org.junit.platform.console.ConsoleLauncher execute \
    --disable-banner --details=none --select-class dev.junitloadtest.bench.IdleUsersLoadTest \
    --config loadtest.users="$n" --config loadtest.spawn-rate="$spawn" --config loadtest.duration="${secs}s" \
    --config loadtest.host="$URL" --config loadtest.report-files=false --config loadtest.console.interval=off \
    --config loadtest.ceiling.users="$n" ${BENCH_MEMORY_CONFIG:---config loadtest.http.transport=lean} \
    > "$WORK/idle-jlt-$name.log" 2>&1 &
  echo $!
}

# Reads the JVM $1's RSS and heap after a full GC and prints a table row for $2 users ($3: what they hold).
jvm_row() {
  local pid="$1" n="$2" what="$3" conns="$4"
  "$JCMD" "$pid" GC.run > /dev/null; sleep 2
  local rss=$(( $(rss_kb "$pid") / 1024 ))
  "$JCMD" "$pid" GC.class_histogram > "$WORK/histogram-jlt-$what-$n.txt" 2>&1 || true
  # Live heap: the class histogram's total (it runs a full GC itself).
  local heap=$(( $(awk '/^Total/ {print $3}' "$WORK/histogram-jlt-$what-$n.txt") / 1048576 ))
  echo "| junit-loadtest$([ "$what" = bare ] && echo ", users without a request" || true) | $n | $rss | $heap | $conns |"
  eval "JVM_RSS_$what[$n]=$rss"
}

echo "| generator | idle users | RSS MB | live heap MB | connections |"
echo "|---|---:|---:|---:|---:|"
declare -A JVM_RSS_conn JVM_RSS_bare LOCUST_RSS
for n in $COUNTS; do
  if [ $(( n + 200 )) -gt "$FD_LIMIT" ]; then
    echo "| junit-loadtest | $n | not run: $n connections need $n file descriptors in one process, and the limit here is $FD_LIMIT (ulimit -Hn) | | |"
  else
    base="$(active)"
    pid="$(start_jlt "$n" "-Dbench.addresses=$ADDRESSES -Dbench.port=$PORT" "$n")"
    if wait_for_connections "$n" "$base" $(( n / 1000 + 120 )); then
      sleep 3
      jvm_row "$pid" "$n" conn "$(( $(active) - base ))"
    fi
    kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
    sleep 2
  fi

  if [ "$n" -le "$LOCUST_MAX" ] && [ $(( n + 200 )) -le "$FD_LIMIT" ]; then
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
  fi
done

for n in $BARE; do
  pid="$(start_jlt "$n" "-Dbench.request=false" "bare-$n")"
  # No connection to count: wait for the spawn (5,000 users a second) and a margin.
  sleep $(( n / 5000 + 15 ))
  jvm_row "$pid" "$n" bare 0
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  sleep 2
done

per_user() {  # $1 name of the associative array, $2 first count, $3 last count
  local -n rss="$1"
  [ -n "${rss[$2]:-}" ] && [ -n "${rss[$3]:-}" ] && echo $(( (rss[$3] - rss[$2]) * 1024 / ($3 - $2) ))
}
set -- $COUNTS
ran=()
for n in "$@"; do [ -n "${JVM_RSS_conn[$n]:-}" ] && ran+=("$n"); done
echo
if [ "${#ran[@]}" -ge 2 ]; then
  first="${ran[0]}"; last="${ran[-1]}"
  echo "Per extra idle user ($first → $last): junit-loadtest $(per_user JVM_RSS_conn "$first" "$last") KB."
  lfirst=""; llast=""
  for n in "$@"; do [ -n "${LOCUST_RSS[$n]:-}" ] && { [ -z "$lfirst" ] && lfirst="$n"; llast="$n"; }; done
  if [ -n "$lfirst" ] && [ "$lfirst" != "$llast" ]; then
    echo "Per extra idle user ($lfirst → $llast): junit-loadtest $(per_user JVM_RSS_conn "$lfirst" "$llast") KB," \
      "Locust FastHttpUser $(per_user LOCUST_RSS "$lfirst" "$llast") KB."
  fi
fi
set -- $BARE
if [ $# -ge 2 ]; then
  echo "Per extra user without a request ($1 → ${!#}): $(per_user JVM_RSS_bare "$1" "${!#}") KB."
fi
echo
echo "Heap histograms (top classes) in $WORK/histogram-jlt-*.txt"

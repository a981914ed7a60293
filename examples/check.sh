#!/usr/bin/env bash
# Proves the README's "Add it to your project" on every build: installs the library, then runs the standalone
# example project (examples/quickstart, whose pom.xml is the README's) with Maven on the machine's default Java,
# against the sample target on a free loopback port, at both ends of the supported JUnit range and below it, and
# checks its Surefire XML as a CI test report reads it. Run from anywhere; .ci/run calls it after `mvn verify`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
example=$root/examples/quickstart
work=$root/examples/target
rm -rf "$work" && mkdir -p "$work"
started=$(date +%s)

log() { printf '\n== %s\n' "$*"; }
fail() { printf 'examples/check.sh: %s\n' "$*" >&2; exit 1; }

# The JUnit range the README states: the lowest Jupiter with every API the library uses, the newest tested (the
# build's own, which the example's pom also defaults to), and one below the range that must be refused.
lowest=5.14.0
newest=$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' pom.xml)
below=5.11.4

log "install the library into the local repository (the README's step for a clone)"
mvn -B -ntp -q install -DskipTests -pl junit-loadtest -am

# The sample target needs Java 21+, which Maven's own Java may not be: take the first JDK 21+ found.
java21=
for home in ${JAVA_HOME:-} /usr/lib/jvm/*; do
  release=$home/release
  [ -f "$release" ] || continue
  major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  if [ "${major:-0}" -ge 21 ]; then java21=$home/bin/java; break; fi
done
[ -n "$java21" ] || fail "no JDK 21+ found to run the sample target"

log "start the sample target on a free loopback port"
"$java21" -jar sample-target/target/sample-target.jar --port 0 --bind 127.0.0.1 --quiet >"$work/target.out" 2>&1 &
target_pid=$!
trap 'kill "$target_pid" 2>/dev/null || true' EXIT
host=
for _ in $(seq 1 300); do
  host=$(sed -n 's/^sample-target listening on \(http:[^ ]*\)$/\1/p' "$work/target.out")
  [ -n "$host" ] && break
  kill -0 "$target_pid" 2>/dev/null || { cat "$work/target.out" >&2; fail "the sample target exited"; }
  sleep 0.1
done
[ -n "$host" ] || fail "the sample target printed no ready line within 30 s"
echo "sample target at $host"

# Maven as a new user runs it: on the machine's default Java (no JAVA_HOME), the pom's toolchain picking the JDK.
example_mvn() {
  local name=$1; shift
  rm -rf "$example/target"
  set +e
  env -u JAVA_HOME mvn -B -ntp -f "$example/pom.xml" test -Dloadtest.host="$host" "$@" >"$work/$name.log" 2>&1
  local status=$?
  set -e
  rm -rf "$work/$name-reports"
  [ -d "$example/target/surefire-reports" ] && cp -r "$example/target/surefire-reports" "$work/$name-reports"
  echo "$status"
}
no_slf4j_warning() {
  if grep -n 'SLF4J' "$work/$1.log"; then fail "SLF4J warned in the example's output ($work/$1.log)"; fi
}

log "example, JUnit $newest (the newest supported), the failing threshold included: the build must fail"
env -u JAVA_HOME mvn -v | sed -n 3p
status=$(example_mvn newest -Djunit.version="$newest" -Djunitloadtest.example.failing=true)
[ "$status" -ne 0 ] || fail "the example passed although BuggyBudgetLoadTest breaks a threshold ($work/newest.log)"
grep -q 'Tests run: 10, Failures: 1, Errors: 0, Skipped: 0$' "$work/newest.log" \
  || { tail -n 40 "$work/newest.log" >&2; fail "unexpected test counts ($work/newest.log)"; }
no_slf4j_warning newest
python3 examples/check_surefire_xml.py "$work/newest-reports" --failing

log "example, JUnit $lowest (the lowest supported): the build must pass"
status=$(example_mvn lowest -Djunit.version="$lowest")
[ "$status" -eq 0 ] || { tail -n 60 "$work/lowest.log" >&2; fail "the example failed with JUnit $lowest"; }
no_slf4j_warning lowest
python3 examples/check_surefire_xml.py "$work/lowest-reports"

log "example, JUnit $below (below the range): the run must stop at once, naming both versions"
status=$(example_mvn below -Djunit.version="$below")
[ "$status" -ne 0 ] || fail "the example passed with JUnit $below"
expected="junit-loadtest requires JUnit Jupiter $lowest or newer (tested up to $newest), but the test class path has JUnit Jupiter $below."
grep -qF "$expected" "$work/below.log" || { tail -n 60 "$work/below.log" >&2; fail "no version message ($work/below.log)"; }
if grep -nE 'NoSuchMethodError|NoClassDefFoundError|TypeNotPresentException' "$work/below.log"; then
  fail "a linkage error reached the output with JUnit $below"
fi
echo "refused: $expected"

log "examples/check.sh passed in $(( $(date +%s) - started )) s"

"""Where a generator's CPU goes, from a JFR recording:
`python3 bench/jfr-profile.py recording.jfr [jfr-binary] [skip-seconds] [event]`.

The event is jdk.ExecutionSample by default; jdk.CPUTimeSample (JDK 25, recorded with
`jdk.CPUTimeSample#enabled=true,jdk.CPUTimeSample#throttle=2ms`) also counts the time spent in system calls.

Prints the share of execution samples by leaf method (self time) and by chosen frames anywhere in the stack
(inclusive time), from `jfr print --events jdk.ExecutionSample`. Samples of the JUnit/Maven start are left out by
counting only samples taken after the first HTTP request (a stack with HttpClient in it), and, with skip-seconds,
only those taken that many seconds after the first sample (to leave the JIT's warm-up out).
"""
import collections
import re
import subprocess
import sys

jfr = sys.argv[2] if len(sys.argv) > 2 else "jfr"
event_name = sys.argv[4] if len(sys.argv) > 4 else "jdk.ExecutionSample"
text = subprocess.run([jfr, "print", "--events", event_name, "--stack-depth", "96", sys.argv[1]],
                      capture_output=True, text=True, check=True).stdout
events = text.split(event_name + " {")[1:]
skip = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
stacks = []
started = False
first = None
for event in events:
    frames = re.findall(r"^\s+([\w.$<>]+)\(.*?\)\s+line:", event, re.M)
    if not frames:
        continue
    m = re.search(r"startTime = (\d+):(\d+):([\d.]+)", event)
    if m:
        t = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
        first = t if first is None else first
        if t - first < skip:
            continue
    if not started and any(f.startswith("org.apache.hc.") or f.startswith("dev.junitloadtest.internal.http.")
                           for f in frames):
        started = True
    if started:
        stacks.append(frames)

total = len(stacks)
print(f"{total} samples after the first request\n")
print("Self time, top methods:")
for method, n in collections.Counter(s[0] for s in stacks).most_common(25):
    print(f"  {n / total:6.1%}  {method}")

groups = [
    ("virtual user: task, request building, judging, recording", r"^dev\.junitloadtest\.internal\.engine\.VirtualUserImpl\.runClosed"),
    ("  DefaultHttpRequest.send (all of it, incl. client submit)", r"^dev\.junitloadtest\.internal\.http\.DefaultHttpRequest\.send"),
    ("  client execute() on the user's thread", r"^org\.apache\.hc\.client5\.http\.impl\.async\.(CloseableHttpAsyncClient|InternalAbstractHttpAsyncClient)\.(execute|doExecute)"),
    ("  recording (RequestRecorder.record)", r"^dev\.junitloadtest\.internal\.recording\.RequestRecorder\.record"),
    ("  response object (DefaultHttpResponse)", r"^dev\.junitloadtest\.internal\.http\.DefaultHttpResponse\.<init>"),
    ("  URI building (resolve)", r"^dev\.junitloadtest\.internal\.http\.DefaultHttpRequest\.resolve"),
    ("I/O reactor thread (HttpCore)", r"^org\.apache\.hc\.core5\.reactor\.(SingleCoreIOReactor|AbstractSingleCoreIOReactor)\.(doExecute|execute)"),
    ("  socket reads/writes", r"^sun\.nio\.ch\.(SocketChannelImpl\.(read|write)|IOUtil\.(read|write))"),
    ("  epoll", r"^sun\.nio\.ch\.EPoll"),
    ("  connection pool (lease/release)", r"^dev\.junitloadtest\.internal\.http\.UserConnectionPool|^org\.apache\.hc\.core5\.pool\."),
    ("lean transport: the user's exchange (LeanChannel.exchange)", r"^dev\.junitloadtest\.internal\.http\.LeanChannel\.exchange"),
    ("  writing the request (socket write)", r"^dev\.junitloadtest\.internal\.http\.LeanChannel\.write"),
    ("  reading and parsing the response (Http1Codec.read)", r"^dev\.junitloadtest\.internal\.http\.Http1Codec\.read"),
    ("JDK poller (epoll registration, epoll_wait, wake-ups)", r"^sun\.nio\.ch\.(Poller|EPollPoller)\."),
    ("raw loop (RawLoop lambdas)", r"^dev\.junitloadtest\.bench\.RawLoop"),
    ("virtual thread scheduling (park/unpark/yield/continuation)", r"^(java\.lang\.VirtualThread\.(park|unpark|yieldContinuation|submitRunContinuation|runContinuation)|jdk\.internal\.vm\.Continuation\.(yield|run))"),
    ("sampler thread", r"^dev\.junitloadtest\.internal\.recording\.Sampler\.loop"),
    ("GC / JIT (no Java frames)", None),
]
print("\nInclusive time:")
for name, pattern in groups:
    if pattern is None:
        continue
    rx = re.compile(pattern)
    n = sum(1 for s in stacks if any(rx.search(f) for f in s))
    print(f"  {n / total:6.1%}  {name}")

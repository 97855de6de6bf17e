#!/usr/bin/env bash
# Recovery figures of the gate, measured with the drill on loopback (each run a fresh JVM, as in CI):
#  1. time from the failed verification to the trigger being accepted by the local PagerDuty Events v2 endpoint
#     (the page goes out before the rollback) and to the rollback starting, median and p95 over N runs;
#  2. the drill's total time with hyperfine, next to a reference measured in the same run: the JVM start of
#     `release-gate --version`.
# Usage: bench/run-recovery.sh [runs, default 20] [hyperfine runs, default 5]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
runs="${1:-20}"
timed="${2:-5}"
mvn -B -q -DskipTests package
jar="$(ls target/release-gate-engine-*-cli.jar | head -n 1)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "machine: $(nproc) vCPUs, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -n 1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "recovery latency over $runs drill runs (embedded load balancer):"
for i in $(seq 1 "$runs"); do
  ./release-gate drill --format json --html "$out/drill-$i.html" > "$out/drill-$i.json" 2> /dev/null || true
done
python3 - "$out" "$runs" <<'PY'
import json, math, statistics, sys, pathlib
out, runs = pathlib.Path(sys.argv[1]), int(sys.argv[2])
rows = []
for i in range(1, runs + 1):
    data = json.loads((out / f"drill-{i}.json").read_text())
    rec = data["run"]["recovery"]
    trigger = next(p for p in data["run"]["pages"] if p["action"] == "trigger")
    rows.append((data["caught"], rec["pageAcceptedMs"], rec["rollbackStartMs"], rec["rollbackDurationMs"],
                 trigger["attempts"][-1]["durationMs"], data["totalMs"]))
def stats(index):
    values = sorted(r[index] for r in rows)
    p95 = values[max(0, math.ceil(0.95 * len(values)) - 1)]
    return f"median {statistics.median(values):.0f} ms, p95 {p95} ms, max {values[-1]} ms"
print(f"  caught the incident: {sum(1 for r in rows if r[0])} of {len(rows)} runs")
print(f"  failure -> page accepted:                      {stats(1)}")
print(f"  failure -> rollback start (after the page):    {stats(2)}")
print(f"  rollback's own run time (load balancer reload): {stats(3)}")
print(f"  reference: the accepted HTTP attempt itself:   {stats(4)}")
print(f"  drill total (inside the JVM):                  {stats(5)}")
PY
echo "drill total time, hyperfine ($timed runs each):"
hyperfine --runs "$timed" --warmup 1 --export-markdown "$out/hyperfine.md" \
  "java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar $jar --version" \
  "java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar $jar drill" > /dev/null
cat "$out/hyperfine.md"

#!/usr/bin/env bash
# Paging latency: time from "verification failed" (calling the paging API) to the page being accepted (202) by a
# local PagerDuty Events API v2 endpoint. Warm: many pages in one JVM. Cold: the first page of a fresh JVM (the
# worst case for one gate run), against a bare HTTP POST in a fresh JVM as the reference.
# Usage: bench/page-latency.sh [WARM_RUNS] [COLD_JVMS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-1000}"
cold="${2:-20}"
jar="$here/target/release-gate-engine-0.1.0-SNAPSHOT-cli.jar"
if [[ ! -f "$jar" ]] || [[ -n "$(find "$here/src/main" "$here/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]]; then
  (cd "$here" && mvn -q -B -DskipTests package >&2)
fi
# compile once: launching the .java source directly would put the compiler into every cold run
classes="$(mktemp -d)"
trap 'rm -rf "$classes"' EXIT
javac -d "$classes" -cp "$jar" "$here/bench/PageLatency.java"
jvm=(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -cp "$jar:$classes")

echo "== warm: $runs pages per series in one JVM, after 200 warm-up pages"
"${jvm[@]}" PageLatency warm "$runs" 200

summary() {
  sort -n | awk -v name="$1" '{ v[NR] = $1 } END {
    printf "%-36s median %7.3f ms  p95 %7.3f ms  max %8.3f ms  (%d JVMs)\n", name, v[int((NR + 1) / 2)],
      v[int(NR * 0.95 + 0.999)], v[NR], NR }'
}
echo "== cold: the first page of a fresh JVM (same JVM options as ./release-gate)"
for i in $(seq 1 "$cold"); do "${jvm[@]}" PageLatency cold gate; done | summary "gate+outbox, first page"
for i in $(seq 1 "$cold"); do "${jvm[@]}" PageLatency cold reference; done | summary "reference, first bare POST"
echo "== prepared: the first page of a fresh JVM after Paging.prepare() (nothing else loaded)"
for i in $(seq 1 "$cold"); do "${jvm[@]}" PageLatency cold gate prepared; done | summary "gate+outbox, first page"
echo "== primed: the first page of a fresh JVM that has already used Jackson and java.net.http (as a gate has)"
for i in $(seq 1 "$cold"); do "${jvm[@]}" PageLatency cold gate primed; done | summary "gate+outbox, first page"
for i in $(seq 1 "$cold"); do "${jvm[@]}" PageLatency cold reference primed; done | summary "reference, first bare POST"

#!/usr/bin/env bash
# Cold parse of a generated 1,000,000-line (about 50 MB) haproxy.cfg as `release-gate lint FILE` reads it (no files:
# rule: read, recognise by content, parse), in a fresh JVM with a 512 MB heap, against reading the same file once
# in the same JVM. Runs each JVM option set RUNS times, alternating, and prints every run and the medians.
# Usage: bench/run-large-parse.sh [RUNS] [LINES]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
runs="${1:-5}"
lines="${2:-1000000}"
work="bench/work"
mkdir -p "$work/classes"
mvn -B -q -DskipTests package
mvn -B -q dependency:build-classpath -Dmdep.outputFile="$work/engine.classpath" >/dev/null
# plain javac: these two classes need only the engine, not JMH
javac -nowarn -d "$work/classes" -cp target/classes bench/src/main/java/io/releasegate/bench/HaproxyConfigGenerator.java \
    bench/src/main/java/io/releasegate/bench/LargeConfigParse.java
cp="$work/classes:target/classes:$(cat "$work/engine.classpath")"
file="$work/haproxy-$lines.cfg"
[[ -f "$file" ]] || java -cp "$cp" io.releasegate.bench.LargeConfigParse --generate "$lines" "$file"
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%d GB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A opts=(
  [default]="-Xmx512m"
  [launcher]="-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
)
for name in default launcher; do : > "$work/large-parse-$name.txt"; done
for ((i = 1; i <= runs; i++)); do
  for name in default launcher; do
    # shellcheck disable=SC2086
    java ${opts[$name]} -cp "$cp" io.releasegate.bench.LargeConfigParse "$file" | tee -a "$work/large-parse-$name.txt" \
      | sed "s/^/$name: /"
  done
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
for name in default launcher; do
  f="$work/large-parse-$name.txt"
  read_ms=$(grep -o 'read_ms=[0-9]*' "$f" | cut -d= -f2 | median)
  parse_ms=$(grep -o 'parse_ms=[0-9]*' "$f" | cut -d= -f2 | median)
  peak=$(grep -o 'peak_heap_mb=[0-9]*' "$f" | cut -d= -f2 | sort -n | tail -1)
  echo "$name (${opts[$name]}): median read ${read_ms} ms, median parse ${parse_ms} ms, ratio $(awk -v p="$parse_ms" -v r="$read_ms" 'BEGIN {printf "%.1f", p / r}'), highest peak heap ${peak} MB"
done

#!/usr/bin/env bash
# Peak RSS of a `verify` run of 10,000 requests (rate cap lifted), with the launcher's JVM options.
# Usage: bench/verify-memory.sh [REQUESTS]
source "$(dirname "${BASH_SOURCE[0]}")/verify-setup.sh"
requests="${1:-10000}"
start_backends
start_lb roundrobin 1 1
echo "machine: $(machine)"
if [[ -x /usr/bin/time ]]; then
  /usr/bin/time -v java $java_opts -jar "$jar" verify --lb "$lb_url" --expect web-01,web-02 --rate 0 \
    --requests "$requests" --format json 2> "$work/time.txt" > "$work/out.json" || true
  echo "verdict $(json_field verdict < "$work/out.json"), $(json_field requests < "$work/out.json") requests, $(json_field durationMs < "$work/out.json") ms"
  grep -E "Maximum resident set size|Elapsed \(wall clock\)" "$work/time.txt"
else
  java $java_opts -jar "$jar" verify --lb "$lb_url" --expect web-01,web-02 --rate 0 --requests "$requests" \
    --format json > "$work/out.json" 2>/dev/null &
  pid=$!; peak=0
  while kill -0 "$pid" 2>/dev/null; do
    rss="$(awk '/VmHWM/{print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)"; peak=$(( rss > peak ? rss : peak )); sleep 0.05
  done
  echo "peak RSS (VmHWM): $peak kB"
fi

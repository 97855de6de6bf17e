#!/usr/bin/env bash
# Requests per second of `release-gate verify` (rate cap lifted) against wrk on the same HAProxy, the same nginx
# backends and the same concurrency. The machine is shared, so wrk and verify alternate (PAIRS pairs of SECONDS each)
# and the ratio of each pair is reported, with the median.
# Usage: bench/verify-vs-wrk.sh [CONCURRENCY] [PAIRS] [SECONDS]
source "$(dirname "${BASH_SOURCE[0]}")/verify-setup.sh"
concurrency="${1:-4}"
pairs="${2:-3}"
seconds="${3:-4}"
start_backends
start_lb roundrobin 1 1
echo "machine: $(machine)"
echo "JVM options: $java_opts"

# warm-up of both paths (not measured)
wrk -t1 -c"$concurrency" -d1s "$lb_url" > /dev/null
rg verify --lb "$lb_url" --expect web-01,web-02 --rate 0 --concurrency "$concurrency" --requests 2000 > /dev/null 2>&1

ratios=()
for pair in $(seq 1 "$pairs"); do
  wrk_rps="$(wrk -t2 -c"$concurrency" -d"${seconds}s" "$lb_url" | awk '/Requests\/sec/{print $2}')"
  json="$(rg verify --lb "$lb_url" --expect web-01,web-02 --rate 0 --concurrency "$concurrency" \
    --requests 10000000 --deadline "${seconds}s" --format json 2>/dev/null || true)"
  done_requests="$(echo "$json" | json_field requests)"
  ms="$(echo "$json" | json_field durationMs)"
  verify_rps="$(python3 -c "print(round($done_requests * 1000 / $ms))")"
  ratio="$(python3 -c "print(round($verify_rps / $wrk_rps * 100))")"
  ratios+=("$ratio")
  echo "pair $pair: wrk -t2 -c$concurrency -d${seconds}s $wrk_rps requests/s;" \
    "verify --rate 0 --concurrency $concurrency $verify_rps requests/s ($done_requests requests in $ms ms," \
    "$(echo "$json" | json_field verdict)); verify/wrk $ratio %"
done
echo "median verify/wrk: $(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') %"

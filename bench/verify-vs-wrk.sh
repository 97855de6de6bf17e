#!/usr/bin/env bash
# Requests per second of `release-gate verify` (rate cap lifted) against wrk on the same HAProxy, the same nginx
# backends and the same concurrency; one run each, reported as a ratio. Usage: bench/verify-vs-wrk.sh [CONCURRENCY] [REQUESTS]
source "$(dirname "${BASH_SOURCE[0]}")/verify-setup.sh"
concurrency="${1:-4}"
requests="${2:-50000}"
start_backends
start_lb roundrobin 1 1
echo "machine: $(machine)"

# warm-up of both paths (not measured)
wrk -t1 -c"$concurrency" -d1s "$lb_url" > /dev/null
rg verify --lb "$lb_url" --expect web-01,web-02 --rate 0 --concurrency "$concurrency" --requests 2000 > /dev/null 2>&1

wrk_out="$(wrk -t2 -c"$concurrency" -d5s "$lb_url")"
wrk_rps="$(echo "$wrk_out" | awk '/Requests\/sec/{print $2}')"

json="$(rg verify --lb "$lb_url" --expect web-01,web-02 --rate 0 --concurrency "$concurrency" \
  --requests "$requests" --format json 2>/dev/null)"
verdict="$(echo "$json" | json_field verdict)"
done_requests="$(echo "$json" | json_field requests)"
ms="$(echo "$json" | json_field durationMs)"
verify_rps="$(python3 -c "print(round($done_requests * 1000 / $ms))")"
ratio="$(python3 -c "print(f'{$verify_rps / $wrk_rps * 100:.0f} %')")"

echo "wrk -t2 -c$concurrency -d5s:                 $wrk_rps requests/s"
echo "verify --rate 0 --concurrency $concurrency:  $verify_rps requests/s ($done_requests requests in $ms ms, $verdict)"
echo "verify / wrk:                               $ratio"

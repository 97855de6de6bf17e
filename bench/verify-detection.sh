#!/usr/bin/env bash
# Requests and wall time until FAIL with the default settings (alpha 0.001, rate 50/s, concurrency 4):
# (a) the incident: web-02 gets nothing, (b) 70/30 live instead of 50/50 declared (roundrobin and random),
# against the fixed-sample minimum (11 and ~152). Usage: bench/verify-detection.sh [RUNS]
source "$(dirname "${BASH_SOURCE[0]}")/verify-setup.sh"
runs="${1:-5}"
start_backends
echo "machine: $(machine)"

detect() {
  local label="$1" url="$2"; shift 2
  local all=()
  for _ in $(seq 1 "$runs"); do
    local start end json
    start="$(date +%s%N)"
    json="$(rg verify --lb "$url" --expect web-01,web-02 --format json "$@" 2>/dev/null || true)"
    end="$(date +%s%N)"
    all+=("$(echo "$json" | json_field verdict)/$(echo "$json" | json_field requests) requests/$(echo "$json" | json_field durationMs) ms/$(( (end - start) / 1000000 )) ms wall")
  done
  echo "$label: ${all[*]}"
}

start_lb roundrobin 1 1 only-web-01;  incident_url="$lb_url"
start_lb roundrobin 7 3;              rr_url="$lb_url"
start_lb random 7 3;                  random_url="$lb_url"
start_lb random 1 1;                  fair_url="$lb_url"

echo "runs: verdict/requests/engine time/wall time including JVM start"
detect "(a) incident, web-02 out of the live pool" "$incident_url"
detect "(b) 70/30 live, roundrobin" "$rr_url"
detect "(b) 70/30 live, random" "$random_url"
detect "(b) 70/30 live, random, --rate 0" "$random_url" --rate 0
detect "control: 50/50 live, random (must PASS)" "$fair_url" --rate 0

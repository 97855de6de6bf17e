#!/usr/bin/env bash
# Cost and reaction time of `release-gate watch` on 100 pools of 10 servers behind a real HAProxy (loopback only).
# Usage: bench/watch-cost.sh [CYCLE_SECONDS, default 15] [CYCLES, default 6] [REQUESTS per pool and cycle, default 150]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -q -DskipTests package
jar="$(ls target/release-gate-engine-*-cli.jar | head -n 1)"
echo "machine: $(nproc) vCPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GB, $(java -version 2>&1 | head -n 1), haproxy $(/usr/sbin/haproxy -v | head -1 | awk '{print $3}'), nginx $(/usr/sbin/nginx -v 2>&1 | cut -d/ -f2), load $(cut -d' ' -f1-3 /proc/loadavg)"
exec python3 bench/watch-cost.py "${1:-15}" "${2:-6}" "${3:-150}" "$jar"

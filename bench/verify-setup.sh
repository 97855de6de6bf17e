#!/usr/bin/env bash
# Shared by the verify benchmarks: real nginx backends (web-01, web-02; `return 200` with their name) behind a real
# HAProxy on 127.0.0.1 high ports. Source it, then call `start_lb ALGORITHM WEIGHT1 WEIGHT2 [only-web-01]`;
# everything started is stopped by its PID on exit.
set -euo pipefail
bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$bench_dir")"
work="$(mktemp -d /tmp/rg-verify-bench.XXXXXX)"
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

wait_port() {
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.05
  done
  echo "nothing listens on $1" >&2; return 1
}

start_backends() {
  web1_port="$(free_port)"; web2_port="$(free_port)"
  mkdir -p "$work/nginx/logs" "$work/nginx/tmp"
  cat > "$work/nginx/nginx.conf" <<CONF
worker_processes 1;
error_log stderr warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path tmp/body; proxy_temp_path tmp/proxy; fastcgi_temp_path tmp/fastcgi;
  uwsgi_temp_path tmp/uwsgi; scgi_temp_path tmp/scgi;
  server { listen 127.0.0.1:$web1_port; location / { return 200 "web-01\n"; } }
  server { listen 127.0.0.1:$web2_port; location / { return 200 "web-02\n"; } }
}
CONF
  /usr/sbin/nginx -p "$work/nginx/" -c "$work/nginx/nginx.conf" -e stderr \
    -g "daemon off; master_process on; pid $work/nginx/nginx.pid;" &
  pids+=($!)
  wait_port "$web1_port"; wait_port "$web2_port"
}

# start_lb ALGORITHM WEIGHT1 WEIGHT2 [only-web-01]
start_lb() {
  local algorithm="$1" w1="$2" w2="$3" only="${4:-}"
  lb_port="$(free_port)"
  mkdir -p "$work/haproxy-$lb_port"
  {
    echo "global"
    echo "    maxconn 4000"
    echo "defaults"
    echo "    mode http"
    echo "    timeout connect 2s"
    echo "    timeout client 10s"
    echo "    timeout server 10s"
    echo "frontend fe"
    echo "    bind 127.0.0.1:$lb_port"
    echo "    default_backend web"
    echo "backend web"
    echo "    balance $algorithm"
    echo "    http-response set-header X-Served-By %[srv_name]"
    echo "    server web-01 127.0.0.1:$web1_port weight $w1"
    [[ -n "$only" ]] || echo "    server web-02 127.0.0.1:$web2_port weight $w2"
  } > "$work/haproxy-$lb_port/haproxy.cfg"
  /usr/sbin/haproxy -db -f "$work/haproxy-$lb_port/haproxy.cfg" &
  pids+=($!)
  wait_port "$lb_port"
  lb_url="http://127.0.0.1:$lb_port/"
}

# the CLI jar, built once
jar="$root/target/release-gate-engine-0.1.0-SNAPSHOT-cli.jar"
if [[ ! -f "$jar" ]]; then (cd "$root" && mvn -q -B -DskipTests package >&2); fi
java_opts="${RELEASE_GATE_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto}"
rg() { java $java_opts -jar "$jar" "$@"; }

json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

machine() {
  echo "$(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GB RAM," \
    "$(java -version 2>&1 | head -1), haproxy $(/usr/sbin/haproxy -v | head -1 | awk '{print $3}'), nginx $(/usr/sbin/nginx -v 2>&1 | cut -d/ -f2)"
}

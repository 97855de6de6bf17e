#!/usr/bin/env python3
"""Cost and reaction time of `release-gate watch` on 100 pools of 10 servers (bench/watch-cost.sh runs this).

Everything on 127.0.0.1: one nginx with 1,000 listeners (the backends, `return 200`), one real HAProxy with 100
frontends and 100 backends of 10 servers (runtime API socket), a git repository whose policy watches the 100 pools
(a budget of REQUESTS requests per pool per cycle, the runtime API for drift), and a PagerDuty Events v2 stand-in that
records when each event arrives. The watch runs as the CLI does (`java -jar ... watch`), with --fail-after 1.

Measured:
  1. CPU seconds per cycle of the watch JVM (utime+stime from /proc), against the CPU seconds HAProxy and nginx spent
     serving the same cycle's requests (the requests themselves), and the watch's peak RSS (VmHWM);
  2. a server put into MAINT through the runtime API -> the trigger accepted by the stand-in;
  3. a hold ending with its server still out -> the trigger accepted.
"""
import json, os, resource, shutil, socket, subprocess, sys, tempfile, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

POOLS, SERVERS = 100, 10
CYCLE = int(sys.argv[1]) if len(sys.argv) > 1 else 15
CYCLES = int(sys.argv[2]) if len(sys.argv) > 2 else 6
REQUESTS = int(sys.argv[3]) if len(sys.argv) > 3 else 150
JAR = sys.argv[4]
JAVA_OPTS = os.environ.get("RELEASE_GATE_JAVA_OPTS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1").split()
TICK = os.sysconf("SC_CLK_TCK")

soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
if hard < 4096:
    raise SystemExit(f"the open file limit is {hard}: nginx needs 1,000 listeners and HAProxy 100 frontends")
work = tempfile.mkdtemp(prefix="rg-watch-bench.")
procs = []


def free_ports(n):
    sockets, ports = [], []
    for _ in range(n):
        s = socket.socket(); s.bind(("127.0.0.1", 0)); sockets.append(s); ports.append(s.getsockname()[1])
    for s in sockets:
        s.close()
    return ports


def wait_port(port, timeout=20):
    end = time.time() + timeout
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close(); return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"nothing listens on {port}")


def cpu(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def tree_cpu(pids):
    total = 0.0
    for pid in pids:
        try:
            total += cpu(pid)
        except FileNotFoundError:
            pass
    return total


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except FileNotFoundError:
        return []


def runtime(command):
    s = socket.socket(socket.AF_UNIX); s.connect(f"{work}/haproxy.sock"); s.sendall((command + "\n").encode())
    answer = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        answer += chunk
    s.close()
    return answer.decode()


events, events_lock = [], threading.Lock()


class PagerDuty(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        with events_lock:
            events.append((time.time(), body["event_action"], body.get("dedup_key", "")))
        out = b'{"status":"success","message":"Event processed"}'
        self.send_response(202); self.send_header("Content-Length", str(len(out))); self.end_headers()
        self.wfile.write(out)

    def log_message(self, *args):
        pass


def await_event(action, key_part, since, timeout):
    end = time.time() + timeout
    while time.time() < end:
        with events_lock:
            for at, what, key in events:
                if at >= since and what == action and key_part in key:
                    return at
        time.sleep(0.02)
    return None


def git(*args):
    subprocess.run(["git", "-C", f"{work}/repo", "-c", "user.name=Bench", "-c", "user.email=bench@example.org",
                    *args], check=True, stdout=subprocess.DEVNULL)


try:
    ports = free_ports(POOLS * SERVERS + POOLS + 1)
    backend_ports, frontend_ports, pd_port = ports[:POOLS * SERVERS], ports[POOLS * SERVERS:-1], ports[-1]
    pd = ThreadingHTTPServer(("127.0.0.1", pd_port), PagerDuty)
    threading.Thread(target=pd.serve_forever, daemon=True).start()

    os.makedirs(f"{work}/nginx/logs"); os.makedirs(f"{work}/nginx/tmp")
    with open(f"{work}/nginx/nginx.conf", "w") as f:
        f.write("worker_processes 1;\nerror_log stderr warn;\nworker_rlimit_nofile 8192;\n"
                "events { worker_connections 4096; }\nhttp {\n  access_log off;\n"
                "  client_body_temp_path tmp/body; proxy_temp_path tmp/proxy; fastcgi_temp_path tmp/fastcgi;\n"
                "  uwsgi_temp_path tmp/uwsgi; scgi_temp_path tmp/scgi;\n")
        for i, port in enumerate(backend_ports):
            f.write(f'  server {{ listen 127.0.0.1:{port}; location / {{ return 200 "b{i}\\n"; }} }}\n')
        f.write("}\n")
    quiet = open(f"{work}/servers.log", "w")
    nginx = subprocess.Popen(["/usr/sbin/nginx", "-p", f"{work}/nginx/", "-c", f"{work}/nginx/nginx.conf", "-e",
                              "stderr", "-g", f"daemon off; master_process on; pid {work}/nginx/nginx.pid;"],
                             stdout=quiet, stderr=subprocess.STDOUT)
    procs.append(nginx)
    for port in backend_ports[::50]:
        wait_port(port)

    os.makedirs(f"{work}/repo")
    with open(f"{work}/repo/haproxy.cfg", "w") as f:
        f.write(f"global\n    maxconn 4000\n    stats socket {work}/haproxy.sock mode 600 level admin\n"
                "defaults\n    mode http\n    timeout connect 2s\n    timeout client 10s\n    timeout server 10s\n")
        for p in range(POOLS):
            f.write(f"frontend fe-{p:03d}\n    bind 127.0.0.1:{frontend_ports[p]}\n    default_backend pool-{p:03d}\n")
        for p in range(POOLS):
            f.write(f"backend pool-{p:03d}\n    balance roundrobin\n"
                    "    http-response set-header X-Served-By %[srv_name]\n")
            for s in range(SERVERS):
                f.write(f"    server s-{s + 1:02d} 127.0.0.1:{backend_ports[p * SERVERS + s]}\n")
    haproxy = subprocess.Popen(["/usr/sbin/haproxy", "-db", "-f", f"{work}/repo/haproxy.cfg"], stdout=quiet,
                               stderr=subprocess.STDOUT)
    procs.append(haproxy)
    wait_port(frontend_ports[-1])

    with open(f"{work}/repo/.releasegate.yml", "w") as f:
        # rate 0: the cap is lifted so that a cycle ends in seconds; the CPU per request is the same under a cap
        f.write(f"watch:\n  every: {CYCLE}s\n  failAfter: 1\n  rate: 0\n  pools:\n")
        for p in range(POOLS):
            f.write(f"    pool-{p:03d}: {{lb: 'http://127.0.0.1:{frontend_ports[p]}/', haproxySocket: "
                    f"'{work}/haproxy.sock', requests: {REQUESTS}, rate: 0}}\n")
        f.write(f"escalation:\n  chain: [oncall]\n  contacts:\n    oncall: {{type: pagerduty, routingKey: "
                f"'env:RELEASE_GATE_BENCH_KEY', baseUrl: 'http://127.0.0.1:{pd_port}'}}\n")
    subprocess.run(["git", "init", "-q", "-b", "main", f"{work}/repo"], check=True)
    git("add", "."); git("commit", "-q", "-m", "100 pools of 10 servers")

    log = open(f"{work}/watch.log", "w+")
    watch = subprocess.Popen(["java", *JAVA_OPTS, "-jar", JAR, "watch", "--repo", f"{work}/repo",
                              "--outbox", f"{work}/outbox.jsonl"], stdout=log, stderr=subprocess.STDOUT,
                             env={**os.environ, "RELEASE_GATE_BENCH_KEY": "0123456789abcdef0123456789abcdef"})
    procs.append(watch)
    served = [haproxy.pid, nginx.pid] + children(nginx.pid)

    def cycles_done():
        log.flush()
        with open(f"{work}/watch.log") as f:
            return f.read().count(f"pool-{POOLS - 1:03d} ")

    marks = []  # (cycle, wall, watch cpu, served cpu)
    started = time.time()
    marks.append((0, started, cpu(watch.pid), tree_cpu(served)))
    for n in range(1, CYCLES + 1):
        while cycles_done() < n:
            if watch.poll() is not None:
                raise SystemExit("the watch ended:\n" + open(f"{work}/watch.log").read()[-3000:])
            time.sleep(0.05)
        marks.append((n, time.time(), cpu(watch.pid), tree_cpu(served)))
    with open(f"/proc/{watch.pid}/status") as f:
        hwm = next(line for line in f if line.startswith("VmHWM")).split()[1]
    text = open(f"{work}/watch.log").read()
    requests = [int(line.split("(")[1].split(" requests")[0]) for line in text.splitlines()
                if line.startswith("watch: cycle") and " requests, " in line]
    verdicts = [line.split(": ")[2].split(" ")[1] for line in text.splitlines() if line.startswith("watch: cycle")]

    # 2. a server put into MAINT
    time.sleep(CYCLE / 3)
    maint_at = time.time()
    runtime("set server pool-050/s-03 state maint")
    paged_maint = await_event("trigger", "pool-050", maint_at, 3 * CYCLE)
    runtime("set server pool-050/s-03 state ready")

    # 3. a hold that ends with its server still out
    now = int(time.time())
    until = now + int(1.5 * CYCLE)
    os.makedirs(f"{work}/repo/.releasegate", exist_ok=True)
    with open(f"{work}/repo/.releasegate/holds.yml", "w") as f:
        f.write(f"holds:\n  - pool: pool-060\n    server: s-04\n    since: {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(now))}\n"
                f"    until: {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(until))}\n    reason: bench\n    owner: bench\n")
    git("add", "."); git("commit", "-q", "-m", "hold pool-060/s-04")
    runtime("set server pool-060/s-04 state maint")
    paged_hold = await_event("trigger", "pool-060/hold/s-04", until, 3 * CYCLE)

    watch.terminate(); watch.wait(60)
    steady = [(b[2] - a[2], b[3] - a[3], b[1] - a[1]) for a, b in zip(marks[1:], marks[2:])]
    first = (marks[1][2] - marks[0][2], marks[1][3] - marks[0][3], marks[1][1] - marks[0][1])
    per_cycle_requests = sum(requests[POOLS:]) / max(1, len(requests[POOLS:]) / POOLS)
    watch_cpu = sum(s[0] for s in steady) / len(steady)
    served_cpu = sum(s[1] for s in steady) / len(steady)
    wall = sum(s[2] for s in steady) / len(steady)
    print(f"pools {POOLS} x {SERVERS} servers, budget {REQUESTS} requests per pool per cycle, cycle {CYCLE} s, "
          f"{CYCLES} cycles; verdicts {sorted(set(verdicts))}")
    print(f"first cycle (JVM warm-up):        watch {first[0]:.2f} s CPU, HAProxy+nginx {first[1]:.2f} s CPU, "
          f"{first[2]:.1f} s wall")
    print(f"steady cycle (mean of {len(steady)}):       watch {watch_cpu:.2f} s CPU, HAProxy+nginx {served_cpu:.2f} s CPU "
          f"for {per_cycle_requests:.0f} requests, {wall:.1f} s wall")
    print(f"ratio watch CPU / CPU of the requests served: {watch_cpu / served_cpu:.2f}x")
    print(f"watch CPU per request: {1e6 * watch_cpu / per_cycle_requests:.0f} us; at one cycle per 60 s: "
          f"{100 * watch_cpu / 60:.2f} % of one core (target < 2 %)")
    print(f"watch peak RSS (VmHWM): {int(hwm) // 1024} MB (target < 256 MB)")
    print(f"MAINT -> trigger accepted: {'%.1f s' % (paged_maint - maint_at) if paged_maint else 'NOT PAGED'} "
          f"(cycle {CYCLE} s; target one cycle + 1 s = {CYCLE + 1} s)")
    print(f"hold end -> trigger accepted: {'%.1f s' % (paged_hold - until) if paged_hold else 'NOT PAGED'} "
          f"(target {CYCLE + 1} s)")
finally:
    for p in reversed(procs):
        if p.poll() is None:
            p.terminate()
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                p.kill()
    shutil.rmtree(work, ignore_errors=True)

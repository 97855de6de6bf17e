#!/usr/bin/env python3
"""Generates the diff benchmark repository with git fast-import: 20,000 files (200 of them load-balancer configs:
100 HAProxy, 100 nginx) and 2,000 commits. Each commit edits 10 ordinary files; every 10th commit also edits one
LB file (weight, a removed or added server, a timeout). Deterministic (seeded). Usage: gen-repo.py DIR"""
import random
import subprocess
import sys

FILES = 20_000
LB = 200
COMMITS = 2_000
rng = random.Random(20261124)


def haproxy(i, servers, weight, timeout):
    lines = ["global", "    maxconn 4096", "defaults", "    mode http", "    timeout connect 5s",
             "    timeout client 30s", f"    timeout server {timeout}s", f"frontend fe{i}",
             f"    bind 127.0.0.1:{20000 + i}", f"    default_backend app{i}", f"backend app{i}",
             "    balance roundrobin", "    option httpchk GET /health"]
    for s in servers:
        lines.append(f"    server app{i}-{s:02d} 10.{i // 250}.{i % 250}.{s}:8080 check weight {weight if s == 1 else 10}")
    return "\n".join(lines) + "\n"


def nginx(i, servers, weight, timeout):
    lines = ["events {}", "http {", "    access_log off;", f"    upstream app{i} {{"]
    for s in servers:
        # nginx refuses weight=0: the same intent is written as "down"
        w = weight if s == 1 else 10
        state = "weight=1 down" if w == 0 else f"weight={w}"
        lines.append(f"        server 10.{i // 250}.{i % 250}.{s}:8080 {state} max_fails=3;")
    lines += ["    }", "    server {", f"        listen 127.0.0.1:{30000 + i};",
              f"        location / {{ proxy_pass http://app{i}; proxy_read_timeout {timeout}s; }}", "    }", "}"]
    return "\n".join(lines) + "\n"


def ordinary(n, version):
    return "".join(f"module {n // 200} file {n} line {k} version {version}\n" for k in range(12))


def main():
    target = sys.argv[1]
    subprocess.run(["git", "init", "-q", "-b", "main", target], check=True)
    proc = subprocess.Popen(["git", "-C", target, "fast-import", "--quiet"], stdin=subprocess.PIPE)
    out = proc.stdin
    paths = [f"src/module{n // 200:03d}/file{n:05d}.txt" for n in range(FILES - LB)]
    lb_state = []
    for i in range(LB):
        lb_state.append({"servers": [1, 2, 3, 4], "weight": 10, "timeout": 30})
    def lb_path(i):
        return f"lb/haproxy/site{i:03d}.cfg" if i < LB // 2 else f"lb/nginx/site{i:03d}.conf"
    def lb_text(i):
        st = lb_state[i]
        gen = haproxy if i < LB // 2 else nginx
        return gen(i, st["servers"], st["weight"], st["timeout"])
    mark = 0
    def blob(data):
        nonlocal mark
        mark += 1
        b = data.encode()
        out.write(f"blob\nmark :{mark}\ndata {len(b)}\n".encode() + b + b"\n")
        return mark
    def commit(n, files, message):
        nonlocal mark
        marks = {p: blob(t) for p, t in files.items()}
        mark += 1
        msg = message.encode()
        when = 1767225600 + n * 600
        out.write(f"commit refs/heads/main\nmark :{mark}\nauthor Bench <bench@example.org> {when} +0000\n"
                  f"committer Bench <bench@example.org> {when} +0000\ndata {len(msg)}\n".encode() + msg + b"\n")
        for p, m in marks.items():
            out.write(f"M 100644 :{m} {p}\n".encode())
        out.write(b"\n")
    initial = {p: ordinary(n, 0) for n, p in enumerate(paths)}
    initial.update({lb_path(i): lb_text(i) for i in range(LB)})
    commit(0, initial, "initial import")
    for c in range(1, COMMITS):
        files = {}
        for n in rng.sample(range(len(paths)), 10):
            files[paths[n]] = ordinary(n, c)
        if c % 10 == 0:
            i = rng.randrange(LB)
            st = lb_state[i]
            what = rng.choice(["weight", "remove", "add", "timeout"])
            if what == "weight":
                st["weight"] = rng.choice([0, 5, 10, 20])
            elif what == "remove" and len(st["servers"]) > 1:
                st["servers"].remove(rng.choice(st["servers"]))
            elif what == "add":
                st["servers"].append(max(st["servers"]) + 1)
            else:
                st["timeout"] = rng.choice([10, 30, 60, 90])
            files[lb_path(i)] = lb_text(i)
        commit(c, files, f"change {c}")
    out.close()
    if proc.wait() != 0:
        sys.exit("git fast-import failed")
    subprocess.run(["git", "-C", target, "checkout", "-q", "main"], check=True)
    subprocess.run(["git", "-C", target, "gc", "-q", "--aggressive"], check=False)


if __name__ == "__main__":
    main()

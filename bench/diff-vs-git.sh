#!/usr/bin/env bash
# Diff benchmark: `release-gate diff` against `git diff --stat` for the same two distant revisions of a generated
# repository (20,000 files, 2,000 commits, 200 LB config files; bench/gen-repo.py), measured in the same run,
# interleaved, as a ratio of medians. Usage: bench/diff-vs-git.sh [ROUNDS]   (default 9)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-9}"
repo="$here/bench/work/diff-repo"
if [[ ! -d "$repo/.git" ]]; then
  mkdir -p "$here/bench/work"
  echo "generating $repo (about a minute)..." >&2
  python3 "$here/bench/gen-repo.py" "$repo"
fi
base=$(git -C "$repo" rev-list --max-parents=0 HEAD)
head=$(git -C "$repo" rev-parse HEAD)
echo "repository: $(git -C "$repo" ls-files | wc -l) files, $(git -C "$repo" rev-list --count HEAD) commits," \
     "$(git -C "$repo" ls-files lb | wc -l) LB files; base ${base:0:10} head ${head:0:10}"
echo "git diff --stat: $(git -C "$repo" diff --stat "$base" "$head" | tail -1)"
# warm-up: builds the jar if needed and the class-data-sharing archive the launcher keeps
"$here/release-gate" diff --repo "$repo" --base "$base" --head "$head" --format json > /dev/null || true
"$here/release-gate" diff --repo "$repo" --base "$base" --head "$head" --format json > /dev/null || true
python3 - "$here" "$repo" "$base" "$head" "$rounds" <<'PY'
import statistics, subprocess, sys, time, json
here, repo, base, head, rounds = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
def run(cmd):
    t = time.perf_counter()
    out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t, out.stdout
git, rg = [], []
for _ in range(rounds):
    g, _ = run(["git", "-C", repo, "diff", "--stat", base, head])
    r, out = run([here + "/release-gate", "diff", "--repo", repo, "--base", base, "--head", head, "--format", "json"])
    git.append(g); rg.append(r)
report = json.loads(out)
print(f"release-gate diff: {len(report['files'])} LB files differ, {len(report['changes'])} changes, risk {report['risk']}")
gm, rm = statistics.median(git), statistics.median(rg)
print(f"git diff --stat   median {gm*1000:.0f} ms  (min {min(git)*1000:.0f}, max {max(git)*1000:.0f}) over {rounds} runs")
print(f"release-gate diff median {rm*1000:.0f} ms  (min {min(rg)*1000:.0f}, max {max(rg)*1000:.0f}) over {rounds} runs")
print(f"ratio release-gate / git: {rm/gm:.2f}x (target <= 2x); paired ratios: " +
      ", ".join(f"{r/g:.2f}" for r, g in zip(rg, git)))
PY
if [[ "${WARM:-1}" == 1 ]]; then
  echo "warm, in-process (JMH, as the Jenkins plugin runs it):"
  (cd "$here" && mvn -B -q install -DskipTests && mvn -B -q -f bench/pom.xml package)
  java -jar "$here/bench/target/benchmarks.jar" RevisionDiffBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s \
      -p repo="$repo" -p base="$base" -p head="$head" -jvmArgsAppend "-XX:+UseSerialGC" 2>/dev/null \
      | grep -E "^(Benchmark|RevisionDiffBenchmark)"
fi
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Builds the engine and the JMH benchmarks, then times parsing a generated 50,000-line haproxy.cfg.
# Usage: bench/run-parse.sh [extra JMH options]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -q install -DskipTests
mvn -B -q -f bench/pom.xml package
# a fixed heap and the serial collector keep GC pauses from dominating on a small, shared machine
java -jar bench/target/benchmarks.jar HaproxyParseBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s \
    -jvmArgsAppend "-Xms1g -Xmx1g -XX:+UseSerialGC" "$@"

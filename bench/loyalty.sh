#!/usr/bin/env bash
# Loyalty rule evaluation throughput with 1, 10 and 100 active rules for the event, and CPU per event
# (one thread; cap usage stubbed to zero, so store reads/writes are not included). See BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile -DskipTests
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
java -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" dev.tidings.loyalty.EvaluatorBenchmark

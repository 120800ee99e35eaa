#!/usr/bin/env bash
# JMH micro-benchmarks of the intake's hot-path pieces: JSON parse + validation of one event, the
# unique-key computation, the credential check. Usage: bench/jmh.sh [JMH regexp] [JMH options...]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/jmh.classpath)" org.openjdk.jmh.Main "${@:-Benchmark}"

#!/usr/bin/env bash
# Intake saturation of two builds, alternated A B A B in one period (the machine may be shared: compare
# the ratio, not the absolute figures). Used for the newcomer branch's intake latency histogram:
#   A_JAR=/path/to/main/tidings.jar B_JAR=target/tidings.jar bench/newcomer-intake-ab.sh
# Knobs: ROUNDS (2), DURATION (15s), WARMUP (10s), CONNECTIONS (64).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
: "${A_JAR:?path of the baseline jar}" "${B_JAR:?path of the changed jar}"
ROUNDS="${ROUNDS:-2}"
export DURATION="${DURATION:-15s}" WARMUP="${WARMUP:-10s}" CONNECTIONS="${CONNECTIONS:-64}"
for round in $(seq 1 "$ROUNDS"); do
  for side in A B; do
    jar_var="${side}_JAR"
    echo "=== round $round, $side (${!jar_var})"
    TIDINGS_JAR="${!jar_var}" "$here/intake-saturation.sh" | grep -E '^(throughput|latency)' || true
  done
done

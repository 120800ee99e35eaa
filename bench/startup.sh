#!/usr/bin/env bash
# Startup time: from launching the JVM to the first 200 from GET /health/ready, on a fresh data dir
# each time (so it includes creating the database and running migrations). Repeated, median reported.
#
#   bench/startup.sh            # 5 runs
#   RUNS=11 bench/startup.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"
require java curl

RUNS="${RUNS:-5}"
times=()
for ((i = 1; i <= RUNS; i++)); do
    start=$(now_ms)
    start_server
    wait_ready
    elapsed=$(( $(now_ms) - start ))
    stop_server
    times+=("$elapsed")
    echo "run $i: ${elapsed} ms"
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "startup to ready: median ${sorted[$(( RUNS / 2 ))]} ms, min ${sorted[0]} ms, max ${sorted[$(( RUNS - 1 ))]} ms over $RUNS runs"

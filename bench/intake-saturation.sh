#!/usr/bin/env bash
# Intake saturation: the most 1100 answers per second one server gives, closed loop (every connection
# keeps one request in flight). Reports throughput and the service-time latency at that load.
#
#   bench/intake-saturation.sh            # 64 connections, 30 s
#   CONNECTIONS=128 DURATION=60s bench/intake-saturation.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"
require java curl

CONNECTIONS="${CONNECTIONS:-64}"
DURATION="${DURATION:-30s}"
# The JIT needs about 20 s of load on 2 cores before the server runs at its steady speed.
WARMUP="${WARMUP:-20s}"

start_server
wait_ready
echo "intake saturation: closed loop, $CONNECTIONS connections, $DURATION (after $WARMUP warm-up)"
rc=0
run_bench --connections "$CONNECTIONS" --duration "$DURATION" --warmup "$WARMUP" "$@" || rc=$?
exit "$rc"

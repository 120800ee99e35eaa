#!/usr/bin/env bash
# Intake latency at fixed rates: open loop, latency from each request's intended send time, so a
# server that falls behind shows its queueing instead of hiding it (coordinated omission).
# One server, one run per rate, lowest first.
#
#   bench/intake-latency.sh                    # 10000/s for 30 s
#   RATES="1000 5000 10000 20000" DURATION=60s bench/intake-latency.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"
require java curl

RATES="${RATES:-10000}"
DURATION="${DURATION:-30s}"
CONNECTIONS="${CONNECTIONS:-64}"

start_server
wait_ready
rc=0
for rate in $RATES; do
    echo "intake latency: open loop at $rate requests/s, $DURATION, pool of $CONNECTIONS connections"
    run_bench --rate "$rate" --connections "$CONNECTIONS" --duration "$DURATION" "$@" || rc=$?
    echo
done
exit "$rc"

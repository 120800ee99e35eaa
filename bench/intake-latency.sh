#!/usr/bin/env bash
# Intake latency at fixed rates: open loop, latency from each request's intended send time, so a
# server that falls behind shows its queueing instead of hiding it (coordinated omission).
# One server, one run per rate, lowest first.
#
#   bench/intake-latency.sh                    # 10000/s for 30 s
#   RATES="1000 5000 10000 20000" DURATION=60s bench/intake-latency.sh
#   PAUSED=1 RATES="3000 5000" bench/intake-latency.sh   # the intake alone, pipeline paused
set -euo pipefail
source "$(dirname "$0")/lib.sh"
require java curl python3

RATES="${RATES:-10000}"
DURATION="${DURATION:-30s}"
CONNECTIONS="${CONNECTIONS:-64}"
# The JIT needs about 20 s of load on 2 cores before the server runs at its steady speed.
WARMUP="${WARMUP:-20s}"
# Each rate runs in a new load-generator JVM: its own cold JIT sends late for its first seconds, and the
# queue that builds then takes a while to drain at the target rate. Answers before this are discarded.
OPEN_WARMUP="${OPEN_WARMUP:-30s}"

start_server
wait_ready
# Warm the JIT with a closed loop first: an open loop at the target rate against a cold server builds
# a queue in its first seconds that would then count against the measured window.
echo "warm-up: closed loop, $CONNECTIONS connections, $WARMUP"
run_bench --connections "$CONNECTIONS" --duration "$WARMUP" --warmup 0s >/dev/null 2>&1 || true
lag() {
    curl -fs -H "Authorization: Bearer $ADMIN_TOKEN" "$BASE_URL/api/v1/pipeline" \
        | python3 -c 'import json, sys; print(json.load(sys.stdin)["lag"])'
}
# The closed loop leaves a backlog the pipeline works off with the same cores: measuring before it is
# gone would measure the backlog's drain, not the rate.
await_drained() {
    while (( $(lag) > 0 )); do sleep 0.1; done
}
rc=0
if [[ "${PAUSED:-0}" == 1 ]]; then
    # The intake alone: what the pipeline running beside it costs the tail is the difference.
    await_drained
    curl -fs -X POST -H "Authorization: Bearer $ADMIN_TOKEN" "$BASE_URL/api/v1/pipeline/pause" >/dev/null
fi
for rate in $RATES; do
    [[ "${PAUSED:-0}" == 1 ]] || await_drained
    echo "intake latency: open loop at $rate requests/s, $DURATION, pool of $CONNECTIONS connections"
    run_bench --rate "$rate" --connections "$CONNECTIONS" --duration "$DURATION" --warmup "$OPEN_WARMUP" "$@" || rc=$?
    echo
done
exit "$rc"

#!/usr/bin/env bash
# Pipeline drain rate from a backlog: warm up, pause the pipeline (the intake keeps accepting), load N events
# at saturation, then resume it and time how long it takes to process the whole backlog with no load.
# Uses the operator endpoints POST /api/v1/pipeline/pause|resume and GET /api/v1/pipeline ({"lag":…}).
#
#   bench/pipeline-drain.sh                 # 200000 events, 64 connections
#   EVENTS=1000000 bench/pipeline-drain.sh
#   JFR_OUT=/tmp/drain.jfr bench/pipeline-drain.sh   # also record the drain with JFR (profile settings)
#
# Prints the server's CPU per thread over the drain too (from /proc): which thread bounds it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
require java curl python3

EVENTS="${EVENTS:-200000}"
# Events processed first with the pipeline running, so the JIT has compiled the pipeline's code.
WARMUP_EVENTS="${WARMUP_EVENTS:-200000}"
CONNECTIONS="${CONNECTIONS:-64}"
DRAIN_TIMEOUT_S="${DRAIN_TIMEOUT_S:-600}"

pipeline() {
    curl -fs -X "$1" -H "Authorization: Bearer $ADMIN_TOKEN" "$BASE_URL/api/v1/pipeline$2"
}
lag() {
    pipeline GET "" | python3 -c 'import json, sys; print(json.load(sys.stdin)["lag"])'
}

# "<thread id> <utime+stime ticks>" for every thread of the server.
thread_ticks() {
    for stat in /proc/"$SERVER_PID"/task/*/stat; do
        sed -E 's/^([0-9]+) \(.*\) [A-Za-z] (([^ ]+ ){10})([0-9]+) ([0-9]+).*/\1 \4 \5/' "$stat" 2>/dev/null
    done | awk '{print $1, $2 + $3}'
}

# "<thread id> <Java thread name>" from a thread dump (/proc truncates names to 15 characters).
thread_names() {
    jcmd "$SERVER_PID" Thread.print 2>/dev/null | sed -nE 's/^"([^"]+)".* nid=(0x[0-9a-f]+) .*/\2 \1/p' \
        | while read -r nid name; do echo "$((nid)) ${name// /_}"; done
}

await_drained() {
    local deadline=$(( $(now_ms) + DRAIN_TIMEOUT_S * 1000 ))
    while (( $(lag) > 0 )); do
        if (( $(now_ms) > deadline )); then
            echo "pipeline still behind after ${DRAIN_TIMEOUT_S}s" >&2
            exit 1
        fi
        sleep 0.05
    done
}

start_server
wait_ready
echo "warm-up: $WARMUP_EVENTS events with the pipeline running"
run_bench --events "$WARMUP_EVENTS" --warmup 0s --connections "$CONNECTIONS" >/dev/null 2>&1
await_drained
pipeline POST /pause >/dev/null
echo "pipeline drain: pipeline paused, loading $EVENTS events ($CONNECTIONS connections)"
run_bench --events "$EVENTS" --warmup 0s --connections "$CONNECTIONS" "$@" | tail -n 3
backlog=$(lag)
echo "backlog: $backlog events"
if [[ -n "${JFR_OUT:-}" ]]; then
    jcmd "$SERVER_PID" JFR.start name=drain settings=profile >/dev/null
fi
before=$(thread_ticks)
start=$(now_ms)
pipeline POST /resume >/dev/null
await_drained
drain_ms=$(( $(now_ms) - start ))
after=$(thread_ticks)
hz=$(getconf CLK_TCK)
echo "server CPU per thread over the drain (busiest first; ms, and share of the drain's wall time):"
join <(sort <<<"$before") <(sort <<<"$after") | join - <(thread_names | sort) | awk -v hz="$hz" -v wall="$drain_ms" \
    '{ms = ($3 - $2) * 1000 / hz; if (ms > 0) printf "  %-40s %7d ms %5.0f %%\n", $4, ms, 100 * ms / wall}' | sort -k2 -nr | head -n 12
echo "drained $backlog events in $drain_ms ms: $(( backlog * 1000 / drain_ms )) events/s"
if [[ -n "${JFR_OUT:-}" ]]; then
    jcmd "$SERVER_PID" JFR.stop name=drain filename="$JFR_OUT" >/dev/null
    echo "JFR recording of the drain: $JFR_OUT (jfr print --events jdk.ExecutionSample $JFR_OUT)"
fi

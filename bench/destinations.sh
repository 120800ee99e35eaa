#!/usr/bin/env bash
# Destinations (DESIGN §9), in one run on one server so the figures compare:
#   1. off:  pipeline paused, N events loaded, resumed; drain time and server CPU until the lag is 0.
#   2. one destination to a fast local sink (bench/DestinationSink.java): the same, then the time until
#      the sink has all N deliveries -> deliveries/s.
#   3. four destinations to the sink: the same with 4N deliveries.
# Added CPU per delivered event = (server CPU of phase k - CPU of phase 1) / deliveries, from
# /proc/<pid>/stat utime+stime. Intake 1100/s of each load is printed by tidings bench.
#
#   bench/destinations.sh               # N=20000
#   EVENTS=50000 bench/destinations.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"
require java curl python3

EVENTS="${EVENTS:-20000}"
WARMUP_EVENTS="${WARMUP_EVENTS:-20000}"
CONNECTIONS="${CONNECTIONS:-32}"
SINK_PORT="${SINK_PORT:-18090}"
TIMEOUT_S="${TIMEOUT_S:-900}"
SERVER_ARGS="--allow-private-destinations"
CLK_TCK=$(getconf CLK_TCK)

java "$ROOT/bench/DestinationSink.java" "$SINK_PORT" >/dev/null 2>&1 &
SINK_PID=$!
trap 'kill "$SINK_PID" 2>/dev/null || true; stop_server' EXIT

api() {
    curl -fs -X "$1" -H "Authorization: Bearer $ADMIN_TOKEN" -H "Content-Type: application/json" \
        ${3:+--data "$3"} "$BASE_URL/api/v1$2"
}
lag() { api GET /pipeline | python3 -c 'import json, sys; print(json.load(sys.stdin)["lag"])'; }
sink_count() { curl -fs "http://127.0.0.1:$SINK_PORT/count"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
wait_until() { # wait_until <command> : until it prints a number >= $2
    local deadline=$(( $(now_ms) + TIMEOUT_S * 1000 ))
    while (( $($1) < $2 )); do
        (( $(now_ms) < deadline )) || { echo "timed out waiting for $1 >= $2" >&2; exit 1; }
        sleep 0.05
    done
}
drained() { (( $(lag) == 0 )) && echo 1 || echo 0; }

# One phase: load EVENTS with the pipeline paused, resume, time the drain and the deliveries.
phase() {
    local name=$1 expected_deliveries=$2 before
    before=$(sink_count)
    api POST /pipeline/pause >/dev/null
    echo "== $name: loading $EVENTS events ($CONNECTIONS connections)"
    run_bench --events "$EVENTS" --warmup 0s --connections "$CONNECTIONS" 2>/dev/null | tail -n 2
    local cpu0 t0 drain_ms deliver_ms cpu
    cpu0=$(cpu_ticks)
    t0=$(now_ms)
    api POST /pipeline/resume >/dev/null
    wait_until drained 1
    drain_ms=$(( $(now_ms) - t0 ))
    wait_until sink_count $(( before + expected_deliveries ))
    deliver_ms=$(( $(now_ms) - t0 ))
    cpu=$(( $(cpu_ticks) - cpu0 ))
    local cpu_ms=$(( cpu * 1000 / CLK_TCK ))
    echo "$name: drained $EVENTS in $drain_ms ms ($(( EVENTS * 1000 / drain_ms )) events/s);" \
        "$expected_deliveries deliveries done $deliver_ms ms after resume" \
        "$( (( expected_deliveries > 0 )) && echo "($(( expected_deliveries * 1000 / deliver_ms )) deliveries/s)")"
    echo "$name: server CPU $cpu_ms ms"
    eval "CPU_$3=$cpu_ms"
}

destination() {
    api POST /orgs/bench/destinations "{\"name\":\"sink$1\",\"type\":\"WEBHOOK\",\"url\":\"http://127.0.0.1:$SINK_PORT/d$1\",\"events\":[\"*\"],\"maxInFlight\":32}" \
        | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])'
}

start_server
wait_ready
echo "warm-up: $WARMUP_EVENTS test events, then publish be_reserved so the next events are real"
run_bench --events "$WARMUP_EVENTS" --warmup 0s --connections "$CONNECTIONS" >/dev/null 2>&1
wait_until drained 1
api POST /orgs/bench/events/be_reserved/publish >/dev/null

phase "destinations off" 0 OFF
D1=$(destination 1)
phase "1 destination" "$EVENTS" ONE
api POST "/orgs/bench/destinations/$D1/disable" >/dev/null
for i in 2 3 4 5; do destination "$i" >/dev/null; done
phase "4 destinations" $(( 4 * EVENTS )) FOUR
echo "added CPU per delivered event: 1 destination $(( (CPU_ONE - CPU_OFF) * 1000 / EVENTS )) µs," \
    "4 destinations $(( (CPU_FOUR - CPU_OFF) * 1000 / (4 * EVENTS) )) µs"

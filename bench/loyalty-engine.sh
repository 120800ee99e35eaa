#!/usr/bin/env bash
# The loyalty engine with its store (DESIGN §10, issue 10), in one run on one server so the figures compare:
# for 0 (engine idle), 1, 10 and 100 active rules on be_reserved, load N real events with the pipeline
# paused, resume, then time (a) the pipeline's drain (GET /api/v1/pipeline lag 0) and (b) the engine's
# catch-up (tidings_loyalty_lag 0 on /metrics), and the server's CPU (utime+stime) over the phase.
# Each rule: a two-clause condition, a points expression on a DOUBLE, a POINTS cap per MONTH and an
# EVENTS cap per DAY per customer, so every evaluation reads cap usage and every award writes the ledger.
# Added CPU per event for k rules = (CPU of phase k - CPU of phase 0) / N.
#
#   bench/loyalty-engine.sh                 # N=5000 (100 rules evaluate a few dozen events/s)
#   EVENTS=20000 bench/loyalty-engine.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"
require java curl python3

EVENTS="${EVENTS:-5000}"
WARMUP_EVENTS="${WARMUP_EVENTS:-20000}"
CONNECTIONS="${CONNECTIONS:-32}"
TIMEOUT_S="${TIMEOUT_S:-900}"
CLK_TCK=$(getconf CLK_TCK)

api() {
    curl -sS --fail-with-body -X "$1" -H "Authorization: Bearer $ADMIN_TOKEN" -H "Content-Type: application/json" \
        ${3:+--data "$3"} "$BASE_URL/api/v1$2"
}
lag() { api GET /pipeline | python3 -c 'import json, sys; print(json.load(sys.stdin)["lag"])'; }
loyalty_lag() {
    curl -fs -H "Authorization: Bearer $ADMIN_TOKEN" "$BASE_URL/metrics" \
        | awk '/^tidings_loyalty_lag/ { if ($2 == "NaN") { print "tidings_loyalty_lag is NaN" > "/dev/stderr"; exit 1 } printf "%d\n", $2 }'
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
wait_zero() { # wait_zero <command>
    local deadline=$(( $(now_ms) + TIMEOUT_S * 1000 ))
    while (( $($1) > 0 )); do
        (( $(now_ms) < deadline )) || { echo "timed out waiting for $1 to reach 0" >&2; exit 1; }
        sleep 0.05
    done
}

rule() {
    local answer
    answer=$(api POST /orgs/bench/loyalty/rules "{\"name\":\"r$1\",\"event\":\"be_reserved\",
        \"condition\":\"event.age >= $(( $1 % 3 )).0 && event.hotel_name.startsWith('Ind')\",
        \"points\":\"event.age * 10.0 + 1.0\",
        \"caps\":[{\"metric\":\"POINTS\",\"max\":500000,\"window\":\"MONTH\"},{\"metric\":\"EVENTS\",\"max\":3,\"window\":\"DAY\"}]}") \
        || { echo "rule r$1 was refused: $answer" >&2; exit 1; }
}

phase() { # phase <rules>
    local rules=$1
    api POST /pipeline/pause >/dev/null
    echo "== $rules active rules: loading $EVENTS events ($CONNECTIONS connections)"
    run_bench --events "$EVENTS" --warmup 0s --connections "$CONNECTIONS" 2>"$DATA_DIR/bench.err" | tail -n 2 \
        || { echo "tidings bench failed:" >&2; grep -v "req/s" "$DATA_DIR/bench.err" >&2; exit 1; }
    local cpu0 t0 drain_ms engine_ms cpu_ms
    cpu0=$(cpu_ticks)
    t0=$(now_ms)
    api POST /pipeline/resume >/dev/null
    wait_zero lag
    drain_ms=$(( $(now_ms) - t0 ))
    wait_zero loyalty_lag
    engine_ms=$(( $(now_ms) - t0 ))
    cpu_ms=$(( ($(cpu_ticks) - cpu0) * 1000 / CLK_TCK ))
    echo "$rules rules: pipeline drained $EVENTS in $drain_ms ms ($(( EVENTS * 1000 / drain_ms )) events/s);" \
        "engine done $engine_ms ms after resume ($(( EVENTS * 1000 / engine_ms )) events/s); server CPU $cpu_ms ms"
    eval "CPU_$rules=$cpu_ms"
}

start_server
wait_ready
echo "warm-up: $WARMUP_EVENTS test events, then publish be_reserved so the next events are real"
run_bench --events "$WARMUP_EVENTS" --warmup 0s --connections "$CONNECTIONS" >/dev/null 2>&1
wait_zero lag
api POST /orgs/bench/events/be_reserved/publish >/dev/null

phase 0
n=0
for target in 1 10 100; do
    while (( n < target )); do rule "$n"; n=$(( n + 1 )); done
    phase "$target"
done
for k in 1 10 100; do
    eval "cpu=\$CPU_$k"
    echo "added server CPU per event, $k rules: $(( (cpu - CPU_0) * 1000000 / EVENTS / 1000 )) µs"
done

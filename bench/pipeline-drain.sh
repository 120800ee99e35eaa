#!/usr/bin/env bash
# Pipeline drain: load N events at saturation (the intake only promises durability; transformation
# runs behind it), then watch the pipeline catch up. Reports how many events were still waiting when
# the load ended and how fast the pipeline drained them.
#
# Contract with the server: GET /metrics (Prometheus text) exposes the gauge
# `tidings_pipeline_lag_events` = events appended to the event log but not yet processed by the
# pipeline. This script reads nothing else; renaming the metric breaks it.
#
#   bench/pipeline-drain.sh                 # 200000 events, 64 connections
#   EVENTS=1000000 bench/pipeline-drain.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"
require java curl awk

EVENTS="${EVENTS:-200000}"
CONNECTIONS="${CONNECTIONS:-64}"
DRAIN_TIMEOUT_S="${DRAIN_TIMEOUT_S:-600}"
METRIC=tidings_pipeline_lag_events

# Sums the metric over all its label sets; empty when the server does not expose it.
lag() {
    { curl -fs "$BASE_URL/metrics" || true; } | awk -v m="$METRIC" '
        $1 == m || index($1, m "{") == 1 { sum += $NF; seen = 1 }
        END { if (seen) printf "%d\n", sum }'
}

start_server
wait_ready
echo "pipeline drain: loading $EVENTS events at saturation ($CONNECTIONS connections)"
load_start=$(now_ms)
rc=0
run_bench --events "$EVENTS" --warmup 0s --connections "$CONNECTIONS" "$@" || rc=$?
load_end=$(now_ms)

first=$(lag)
if [[ -z "$first" ]]; then
    echo "GET /metrics has no $METRIC: the server does not expose the pipeline lag" >&2
    exit 1
fi
deadline=$(( load_end + DRAIN_TIMEOUT_S * 1000 ))
current="$first"
while (( current > 0 )); do
    if (( $(now_ms) > deadline )); then
        echo "pipeline still $current events behind after ${DRAIN_TIMEOUT_S}s" >&2
        exit 1
    fi
    sleep 0.1
    current=$(lag)
done
drained_at=$(now_ms)
drain_ms=$(( drained_at - load_end ))
total_ms=$(( drained_at - load_start ))
echo "lag when the load ended: $first events"
if (( first > 0 && drain_ms > 0 )); then
    echo "drained in $drain_ms ms: $(( first * 1000 / drain_ms )) events/s with no load"
else
    echo "the pipeline kept up with the intake"
fi
echo "end to end: $EVENTS events intake + pipeline in $total_ms ms: $(( EVENTS * 1000 / total_ms )) events/s"
exit "$rc"

#!/usr/bin/env bash
# Batch intake and `tidings send` throughput, against the single-event figure in the same run:
#   1. single posts: `tidings bench`, closed loop, to the demo webhook;
#   2. `tidings send` of an NDJSON file through the batch endpoint in batches of 100, then of 1,000
#      (EVENTS lines each, concurrency 4, every batch durable in one commit before its answer);
#   3. `tidings send` of a 1,000,000-line NDJSON file (SEND_EVENTS), batches of 1,000;
#   4. with wrk installed: wrk posting one 1,000-event NDJSON batch per request (WRK_CONNECTIONS, 4),
#      for DURATION: the server's own batch rate, without a sender JVM reading and batching a file on
#      the same two cores. The server's CPU over that run is reported per event.
# Figures are events acknowledged per second at the client (wall clock of each send run).
#
#   bench/batch.sh
#   EVENTS=500000 SEND_EVENTS=1000000 DURATION=30s bench/batch.sh
#   PAUSED=1 bench/batch.sh      # the intake alone: the pipeline paused after the single posts
#   SERVER_ARGS="--max-pipeline-lag 5000000" bench/batch.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"
# Paused, the backlog grows by every event sent: a lag bound above it keeps back-pressure's 503s out.
[[ "${PAUSED:-0}" == 1 ]] && SERVER_ARGS="${SERVER_ARGS:---max-pipeline-lag 100000000}"
require java curl awk python3

EVENTS="${EVENTS:-200000}"
SEND_EVENTS="${SEND_EVENTS:-1000000}"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-10s}"
WEBHOOK="$BASE_URL/eucrm/webhooks/d61233f75191444e73a577bbbd4c26eb"
CREDENTIAL="test_div69fffddb"

DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/tidings-bench.XXXXXX")"
# shellcheck disable=SC2086
java ${SERVER_JAVA_OPTS:-} -jar "$JAR" serve --demo --host 127.0.0.1 --port "$PORT" \
    --data-dir "$DATA_DIR/data" --admin-token "$ADMIN_TOKEN" ${SERVER_ARGS:-} >"$DATA_DIR/server.log" 2>&1 &
SERVER_PID=$!
wait_ready

# One event per line, each with its own external id (the seed's body otherwise).
make_file() { # lines prefix file
    awk -v n="$1" -v p="$2" 'BEGIN { for (i = 1; i <= n; i++) printf "{\"age\":20,\"customer_id\":\"99337%05d\",\"event_name\":\"be_reserved\",\"external_event_id\":\"%s-%d\",\"hotel_name\":\"Indiranagar\",\"room_nights\":\"12\",\"eventDateTime\":\"2024-04-11 12:00:00\"}\n", i % 100000, p, i }' > "$3"
}

send_rate() { # file batch-size
    local start end
    start=$(now_ms)
    # shellcheck disable=SC2086
    if ! java ${BENCH_JAVA_OPTS:-} -jar "$JAR" send --url "$WEBHOOK" --credential "$CREDENTIAL" --batch-size "$2" \
        --concurrency 4 "$1" > "$1.out"; then
        echo "tidings send failed or had rejections; see $1.out" >&2
        exit 1
    fi
    tail -1 "$1.out" >&2
    end=$(now_ms)
    local lines
    lines=$(wc -l < "$1")
    echo "$(( lines * 1000 / (end - start) ))"
}

echo "== single posts: tidings bench, 32 connections, $DURATION after $WARMUP"
# shellcheck disable=SC2086
java ${BENCH_JAVA_OPTS:-} -jar "$JAR" bench --url "$WEBHOOK" --credential "$CREDENTIAL" --connections 32 \
    --duration "$DURATION" --warmup "$WARMUP" | grep -iE "throughput|events/s|1100" || true

if [[ "${PAUSED:-0}" == 1 ]]; then
    curl -fs -X POST -H "Authorization: Bearer $ADMIN_TOKEN" "$BASE_URL/api/v1/pipeline/pause" >/dev/null
    echo "== pipeline paused"
fi

make_file "$EVENTS" b100 "$DATA_DIR/b100.ndjson"
make_file "$EVENTS" b1000 "$DATA_DIR/b1000.ndjson"
echo "== batches of 100: $(send_rate "$DATA_DIR/b100.ndjson" 100) events/s ($EVENTS events)"
echo "== batches of 1000: $(send_rate "$DATA_DIR/b1000.ndjson" 1000) events/s ($EVENTS events)"
make_file "$SEND_EVENTS" big "$DATA_DIR/big.ndjson"
echo "== tidings send, $SEND_EVENTS lines, batches of 1000: $(send_rate "$DATA_DIR/big.ndjson" 1000) events/s"

if command -v wrk >/dev/null; then
    make_file 1000 wrk "$DATA_DIR/wrk.ndjson"
    python3 - "$DATA_DIR/wrk.ndjson" "$DATA_DIR/batch.lua" <<'PY'
import json, sys
body = open(sys.argv[1]).read()
open(sys.argv[2], "w").write(
    "wrk.method = \"POST\"\nwrk.body = " + json.dumps(body) + "\n"
    "wrk.headers[\"Content-Type\"] = \"application/x-ndjson\"\n"
    "wrk.headers[\"Authorization\"] = \"Basic dGVzdF9kaXY2OWZmZmRkYg==\"\n")
PY
    cpu_ms() { awk '{print ($14 + $15) * 10}' "/proc/$SERVER_PID/stat"; }
    wrk -t1 -c"${WRK_CONNECTIONS:-4}" -d"$WARMUP" -s "$DATA_DIR/batch.lua" "$WEBHOOK/batch" >/dev/null
    before=$(cpu_ms)
    out=$(wrk -t1 -c"${WRK_CONNECTIONS:-4}" -d"$DURATION" -s "$DATA_DIR/batch.lua" "$WEBHOOK/batch")
    after=$(cpu_ms)
    if grep -q "Non-2xx" <<<"$out"; then
        echo "wrk got answers other than 200 (503: the lag passed --max-pipeline-lag; raise it with SERVER_ARGS):" >&2
        echo "$out" >&2; exit 1
    fi
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    awk -v rps="$rps" -v cpu="$((after - before))" -v d="${DURATION%s}" 'BEGIN {
        ev = rps * 1000; printf "== wrk, batches of 1000, %s connections: %d events/s; server CPU %.1f us per event\n", "'"${WRK_CONNECTIONS:-4}"'", ev, cpu * 1000 / (ev * d) }'
fi

#!/usr/bin/env bash
# Batch intake and `tidings send` throughput, against the single-event figure in the same run:
#   1. single posts: `tidings bench`, closed loop, to the demo webhook;
#   2. `tidings send` of an NDJSON file through the batch endpoint in batches of 100, then of 1,000
#      (EVENTS lines each, concurrency 4, every batch durable in one commit before its answer);
#   3. `tidings send` of a 1,000,000-line NDJSON file (SEND_EVENTS), batches of 1,000.
# Figures are events acknowledged per second at the client (wall clock of each send run).
#
#   bench/batch.sh
#   EVENTS=500000 SEND_EVENTS=1000000 DURATION=30s bench/batch.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"
require java curl awk

EVENTS="${EVENTS:-200000}"
SEND_EVENTS="${SEND_EVENTS:-1000000}"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-10s}"
WEBHOOK="$BASE_URL/eucrm/webhooks/d61233f75191444e73a577bbbd4c26eb"
CREDENTIAL="test_div69fffddb"

DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/tidings-bench.XXXXXX")"
# shellcheck disable=SC2086
java ${SERVER_JAVA_OPTS:-} -jar "$JAR" serve --demo --host 127.0.0.1 --port "$PORT" \
    --data-dir "$DATA_DIR/data" --admin-token "$ADMIN_TOKEN" >"$DATA_DIR/server.log" 2>&1 &
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

make_file "$EVENTS" b100 "$DATA_DIR/b100.ndjson"
make_file "$EVENTS" b1000 "$DATA_DIR/b1000.ndjson"
echo "== batches of 100: $(send_rate "$DATA_DIR/b100.ndjson" 100) events/s ($EVENTS events)"
echo "== batches of 1000: $(send_rate "$DATA_DIR/b1000.ndjson" 1000) events/s ($EVENTS events)"
make_file "$SEND_EVENTS" big "$DATA_DIR/big.ndjson"
echo "== tidings send, $SEND_EVENTS lines, batches of 1000: $(send_rate "$DATA_DIR/big.ndjson" 1000) events/s"

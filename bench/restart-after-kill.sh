#!/usr/bin/env bash
# Restart after kill -9 with a backlog (issue 14 target 3): a --demo server takes events for LOAD with
# the pipeline paused (a backlog in the log, a WAL to recover), is killed with SIGKILL, and is started
# again on the same data dir with the pipeline resumed at once. Reports: launch -> port open, port
# open -> first 1100, and the latency of a closed-loop run of 64 connections right after, while the
# pipeline catches up (every concurrent first request shares one credential check).
#
#   bench/restart-after-kill.sh
#   LOAD=60s bench/restart-after-kill.sh
#   LAUNCHER=bin/tidings bench/restart-after-kill.sh   # through the launcher (its heap, its AppCDS archive)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
require java curl python3

LOAD="${LOAD:-30s}"
AFTER="${AFTER:-5s}"
WEBHOOK_URL="$BASE_URL/eucrm/webhooks/d61233f75191444e73a577bbbd4c26eb"
BODY='{"age":20,"customer_id":"9933772255","event_name":"be_reserved","external_event_id":"R1","hotel_name":"Indiranagar","room_nights":"12","eventDateTime":"2024-04-11 12:00:00"}'

launch() {
    # shellcheck disable=SC2046
    $(server_launch) serve --host 127.0.0.1 --port "$PORT" --demo \
        --data-dir "$DATA_DIR/data" --admin-token "$ADMIN_TOKEN" >>"$DATA_DIR/server.log" 2>&1 &
    SERVER_PID=$!
}
pipeline() {
    curl -fs -X "$1" -H "Authorization: Bearer $ADMIN_TOKEN" "$BASE_URL/api/v1/pipeline$2"
}
load() {
    # shellcheck disable=SC2086
    java ${BENCH_JAVA_OPTS:-} -jar "$JAR" bench --url "$WEBHOOK_URL" --credential test_div69fffddb --connections 64 "$@"
}

DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/tidings-bench.XXXXXX")"
launch
wait_ready
pipeline POST /pause >/dev/null
echo "loading for $LOAD with the pipeline paused"
# Past --max-pipeline-lag the intake answers 503 (back-pressure), which makes the load tool exit non-zero.
load --duration "$LOAD" --warmup 0s | tail -n 2 || true
echo "backlog: $(pipeline GET "" | python3 -c 'import json,sys; print(json.load(sys.stdin)["lag"])') events;" \
    "log.db-wal $(stat -c %s "$DATA_DIR/data/log.db-wal" 2>/dev/null || echo 0) B, tidings.db-wal $(stat -c %s "$DATA_DIR/data/tidings.db-wal" 2>/dev/null || echo 0) B"
kill -9 "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true

start=$(now_ms)
launch
until curl -s -o /dev/null "$BASE_URL/health/live"; do
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$DATA_DIR/server.log" >&2; exit 1; }
    sleep 0.005
done
open=$(now_ms)
pipeline POST /resume >/dev/null &
answer=$(curl -s -w '%{http_code}' -o /dev/null -X POST -H 'Content-Type: application/json' \
    -H 'Authorization: Basic dGVzdF9kaXY2OWZmZmRkYg==' --data "$BODY" "$WEBHOOK_URL")
first=$(now_ms)
echo "port open $(( open - start )) ms after launch; first answer ($answer) $(( first - open )) ms after the port opened"
load --duration "$AFTER" --warmup 0s | tail -n 3

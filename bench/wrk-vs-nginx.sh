#!/usr/bin/env bash
# Durable intake with the pipeline running, against nginx answering a fixed JSON, same load tool in the
# same run (issue 14 target 1): wrk -t1 -c64 with the seed's body and Basic header on the --demo webhook.
# Rounds alternate nginx and Tidings on the same machine. During each Tidings run the pipeline lag
# (GET /api/v1/pipeline), the store's WAL size and the server's RSS are sampled every second, so one
# sees whether the pipeline kept up (lag bounded), how big the WAL got and the memory used.
#
#   bench/wrk-vs-nginx.sh                        # 2 rounds, 20 s warm-up, 60 s each
#   ROUNDS=3 DURATION=30s bench/wrk-vs-nginx.sh
#   PAUSED=1 bench/wrk-vs-nginx.sh               # intake alone (pipeline paused)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
require java curl wrk nginx python3

ROUNDS="${ROUNDS:-2}"
DURATION="${DURATION:-60s}"
WARMUP="${WARMUP:-20s}"
NGINX_PORT="${NGINX_PORT:-18090}"
SERVER_ARGS="--demo ${SERVER_ARGS:-}"
WEBHOOK_URL="$BASE_URL/eucrm/webhooks/d61233f75191444e73a577bbbd4c26eb"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tidings-wrk.XXXXXX")"
NGINX_PID=""
cleanup() {
    if [[ -n "$NGINX_PID" ]] && kill -0 "$NGINX_PID" 2>/dev/null; then
        kill "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
    stop_server
}
trap cleanup EXIT

cat >"$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"age":20,"customer_id":"9933772255","event_name":"be_reserved","external_event_id":"RAND121","hotel_name":"Indiranagar","room_nights":"12","eventDateTime":"2024-04-11 12:00:00"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic dGVzdF9kaXY2OWZmZmRkYg=="
LUA
mkdir -p "$WORK/nginx/logs"
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/body;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location / {
            default_type application/json;
            return 200 '{"status":{"code":1100,"message":"Event is pushed to transformation state"},"requestId":"0190c1e2-7a3b-7c4d-8e5f-0123456789ab"}';
        }
    }
}
CONF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!

# Prints the requests/s of a wrk run and, on stderr, its non-2xx count.
wrk_rate() {
    local out
    out=$(wrk -t1 -c64 -d"$2" -s "$WORK/post.lua" "$1")
    local non2xx
    non2xx=$(echo "$out" | awk '/Non-2xx/ { print $5 }')
    [[ -n "$non2xx" ]] && echo "  ($non2xx non-2xx answers)" >&2
    echo "$out" | awk '/Requests\/sec/ { print $2 }'
}

pipeline() {
    curl -fs -X "$1" -H "Authorization: Bearer $ADMIN_TOKEN" "$BASE_URL/api/v1/pipeline$2"
}

start_server
wait_ready
[[ "${PAUSED:-0}" == 1 ]] && pipeline POST /pause >/dev/null
echo "warm-up: $WARMUP of wrk on Tidings"
wrk_rate "$WEBHOOK_URL" "$WARMUP" >/dev/null
# Let the warm-up's backlog drain so each round starts from lag 0.
drain() {
    [[ "${PAUSED:-0}" == 1 ]] && return
    while (( $(pipeline GET "" | python3 -c 'import json,sys; print(json.load(sys.stdin)["lag"])') > 0 )); do sleep 0.5; done
}
drain

for round in $(seq 1 "$ROUNDS"); do
    n=$(wrk_rate "http://127.0.0.1:$NGINX_PORT/eucrm/webhooks/x" "$DURATION")
    samples="$WORK/samples-$round"
    (
        while kill -0 "$SERVER_PID" 2>/dev/null; do
            lag=$(pipeline GET "" | python3 -c 'import json,sys; print(json.load(sys.stdin)["lag"])' 2>/dev/null || echo -1)
            wal=$(stat -c %s "$DATA_DIR/data/tidings.db-wal" 2>/dev/null || echo 0)
            rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status" 2>/dev/null || echo 0)
            echo "$lag $wal $rss" >>"$samples"
            sleep 1
        done
    ) &
    sampler=$!
    t=$(wrk_rate "$WEBHOOK_URL" "$DURATION")
    kill "$sampler" 2>/dev/null || true
    wait "$sampler" 2>/dev/null || true
    python3 - "$round" "$n" "$t" "$samples" <<'PY'
import sys
rnd, n, t, path = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
rows = [list(map(int, l.split())) for l in open(path) if l.strip()]
lags = [r[0] for r in rows if r[0] >= 0]
print(f"round {rnd}: nginx {n:,.0f} req/s, Tidings {t:,.0f} req/s = {t / n:.3f} x nginx; "
      f"lag first/last/max {lags[0] if lags else '?'}/{lags[-1] if lags else '?'}/{max(lags) if lags else '?'}; "
      f"store WAL max {max(r[1] for r in rows) / 2**20:.0f} MiB; RSS max {max(r[2] for r in rows) / 1024:.0f} MiB")
PY
    drain
done

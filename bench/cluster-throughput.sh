#!/usr/bin/env bash
# Cluster deployment throughput (DESIGN §7): for each intake-node count in INTAKES, starts a whole
# cluster with scripts/cluster.sh (PostgreSQL, a KRaft broker, N intake nodes, WORKERS workers, nginx
# in front) in a fresh run dir, creates org, event (the seed's be_reserved shape, a draft) and webhook
# through the load balancer's admin API, warms up, then runs `tidings bench` closed loop against the
# load balancer and prints, per run:
#   - 1100 answers/s and latency through the LB;
#   - CPU time per event of the intake nodes and of the workers: user+sys jiffies (/proc/<pid>/stat
#     fields 14+15) before and after, the workers' "after" taken once the pipeline lag is 0;
#   - the broker-ack p50/p99 (tidings_kafka_ack on intake-1's /metrics, over the node's lifetime).
# Then stops that cluster (scripts/cluster.sh stop) before the next count.
#
# Knobs: INTAKES ("1 2"), WORKERS (1), CONNECTIONS (64), DURATION (30s), WARMUP (20s), LB_PORT (18480),
# DRAIN_TIMEOUT_S (300). Extra arguments go to `tidings bench`. Build the jar first.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/target/tidings.jar"
cluster="$root/scripts/cluster.sh"
INTAKES="${INTAKES:-1 2}"
WORKERS="${WORKERS:-1}"
CONNECTIONS="${CONNECTIONS:-64}"
DURATION="${DURATION:-30s}"
WARMUP="${WARMUP:-20s}"
DRAIN_TIMEOUT_S="${DRAIN_TIMEOUT_S:-300}"
export LB_PORT="${LB_PORT:-18480}"
lb="http://127.0.0.1:$LB_PORT"
hz="$(getconf CLK_TCK)"
for tool in jq curl nginx java; do command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }; done
[[ -f "$jar" ]] || { echo "no $jar: mvn -B package -DskipTests" >&2; exit 2; }

current_run=""
stop_cluster() {
  if [[ -n "$current_run" ]]; then
    TIDINGS_RUN_DIR="$current_run" "$cluster" stop >/dev/null 2>&1 || true
    current_run=""
  fi
}
trap stop_cluster EXIT

jiffies() { # pids...: user+sys clock ticks summed
  local total=0 pid
  for pid in "$@"; do
    # Fields after the command name (which is in parentheses): field 14 is utime, 15 stime.
    total=$(( total + $(sed 's/^.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}') ))
  done
  echo "$total"
}

api() { # method path [body]
  curl -fsS -X "$1" "$lb$2" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' ${3:+-d "$3"}
}

summary=()
for n in $INTAKES; do
  current_run="$(mktemp -d "${TMPDIR:-/tmp}/tidings-cluster-bench.XXXXXX")"
  # PostgreSQL runs as the postgres OS user when this runs as root: it must reach its dir in here.
  chmod 755 "$current_run"
  export TIDINGS_RUN_DIR="$current_run"
  echo "== $n intake node(s), $WORKERS worker(s): starting (run dir $current_run)" >&2
  "$cluster" start "$n" "$WORKERS" >&2
  token="$(cat "$current_run/admin-token")"
  intake_pids=(); worker_pids=()
  for f in "$current_run"/nodes/intake-*/pid; do intake_pids+=("$(cat "$f")"); done
  for f in "$current_run"/nodes/worker-*/pid; do worker_pids+=("$(cat "$f")"); done
  until curl -fs -o /dev/null "$lb/health/ready"; do sleep 0.5; done

  api POST /api/v1/orgs '{"id":"bench","name":"bench"}' >/dev/null
  api POST /api/v1/orgs/bench/events '{"name":"be_reserved","attributes":[
    {"name":"customer_id","type":"CUSTOMER","required":true,"identifierType":"MOBILE","addCustomerIfNotExists":true},
    {"name":"age","type":"DOUBLE","required":true},
    {"name":"external_event_id","type":"STRING","required":true,"uniqueKey":true},
    {"name":"hotel_name","type":"STRING","required":true},
    {"name":"room_nights","type":"ENUM","required":true,"values":["1","2","3","12"]}]}' >/dev/null
  hook="$(api POST /api/v1/orgs/bench/webhooks '{"name":"bench","uniquenessCheck":true}')"
  url="$lb/local/webhooks/$(jq -r .id <<<"$hook")"
  credential="$(jq -r .credential <<<"$hook")"
  basic="$(printf %s "$credential" | base64 -w0)"
  # Every intake node must know the webhook before the run (the change feed; §7: within 2 s).
  for port in $(seq 8101 $((8100 + n))); do
    until [[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/local/webhooks/${url##*/}" \
      -H 'Content-Type: application/json' -d '{}' -H "Authorization: Basic $basic")" == 400 ]]; do sleep 0.2; done
  done

  echo "== warm-up $WARMUP" >&2
  java -jar "$jar" bench --url "$url" --credential "$credential" --connections "$CONNECTIONS" \
    --duration "$WARMUP" --warmup 0s --json >/dev/null || true
  await_drained() {
    local deadline=$((SECONDS + DRAIN_TIMEOUT_S))
    until [[ "$(api GET /api/v1/pipeline | jq .lag)" == 0 ]]; do
      (( SECONDS < deadline )) || { echo "pipeline not drained after ${DRAIN_TIMEOUT_S}s" >&2; exit 1; }
      sleep 0.5
    done
  }
  await_drained
  intake_before="$(jiffies "${intake_pids[@]}")"; worker_before="$(jiffies "${worker_pids[@]}")"
  drain_start="$(date +%s%N)"

  echo "== measured: closed loop, $CONNECTIONS connections, $DURATION, through nginx" >&2
  result="$(java -jar "$jar" bench --url "$url" --credential "$credential" --connections "$CONNECTIONS" \
    --duration "$DURATION" --warmup 0s --json "$@")" || true
  intake_after="$(jiffies "${intake_pids[@]}")"
  await_drained
  drain_s="$(( ($(date +%s%N) - drain_start) / 1000000 ))"
  worker_after="$(jiffies "${worker_pids[@]}")"
  ok="$(jq '.statusCounts["200"] // 0' <<<"$result")"
  metrics="$(curl -fsS http://127.0.0.1:8101/metrics)"
  ack_p50="$(awk '/^tidings_kafka_ack_seconds\{.*quantile="0.5"/ {printf "%.2f", $2 * 1000}' <<<"$metrics")"
  ack_p99="$(awk '/^tidings_kafka_ack_seconds\{.*quantile="0.99"/ {printf "%.2f", $2 * 1000}' <<<"$metrics")"
  intake_us=$(awk -v j=$((intake_after - intake_before)) -v n="$ok" -v hz="$hz" 'BEGIN {printf "%.0f", n ? j / hz * 1e6 / n : 0}')
  worker_us=$(awk -v j=$((worker_after - worker_before)) -v n="$ok" -v hz="$hz" 'BEGIN {printf "%.0f", n ? j / hz * 1e6 / n : 0}')
  line="$(printf '%d intake + %s worker: %s 1100/s (ok %s, non-1100 %s, errors %s), latency p50 %s ms p99 %s ms; CPU/event intake %s µs, worker %s µs (drained %d ms after the run began); broker ack p50 %s ms p99 %s ms' \
    "$n" "$WORKERS" "$(jq .throughput <<<"$result")" "$ok" "$(jq '.sent - (.statusCounts["200"] // 0)' <<<"$result")" \
    "$(jq .errors <<<"$result")" "$(jq .latencyMs.p50 <<<"$result")" "$(jq .latencyMs.p99 <<<"$result")" \
    "$intake_us" "$worker_us" "$drain_s" "${ack_p50:-?}" "${ack_p99:-?}")"
  echo "$line"
  echo "   bench: $result" >&2
  summary+=("$line")
  stop_cluster
done

echo
echo "Kafka producer (KafkaSettings): linger.ms=$(grep -o 'LINGER_MS = [0-9]*' "$root/src/main/java/dev/tidings/cluster/KafkaSettings.java" | grep -o '[0-9]*$')," \
  "batch.size=$(grep -o 'BATCH_SIZE = [0-9* ]*' "$root/src/main/java/dev/tidings/cluster/KafkaSettings.java" | sed 's/BATCH_SIZE = //'), acks=all, idempotent"
printf '%s\n' "${summary[@]}"

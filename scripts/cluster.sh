#!/usr/bin/env bash
# Starts or stops a whole Tidings cluster on this machine, no Docker: PostgreSQL and a KRaft Kafka
# broker (scripts/postgres.sh, scripts/kafka.sh), N intake nodes and M workers of target/tidings.jar,
# and an nginx load balancer in front of the intake nodes on 127.0.0.1. Everything started is
# recorded in pid files under the run dir, and stop ends exactly those processes.
#
#   scripts/cluster.sh start [N intake nodes, default 2] [M workers, default 2]
#   scripts/cluster.sh stop
#
# TIDINGS_RUN_DIR (default ./run) holds data, logs and pid files; LB_PORT (default 8080) is the load
# balancer's port; intake nodes listen on 8101.., workers on 8201...
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
export TIDINGS_RUN_DIR="$(mkdir -p "${TIDINGS_RUN_DIR:-./run}" && cd "${TIDINGS_RUN_DIR:-./run}" && pwd)"
run_dir="$TIDINGS_RUN_DIR"
nodes_dir="$run_dir/nodes"
lb_port="${LB_PORT:-8080}"
jar="$root/target/tidings.jar"

wait_live() { # port, pid file, log
  local deadline=$((SECONDS + 60))
  until curl -fsS -o /dev/null "http://127.0.0.1:$1/health/live" 2>/dev/null; do
    if ! kill -0 "$(cat "$2")" 2>/dev/null; then echo "cluster.sh: node on port $1 exited; see $3" >&2; tail -20 "$3" >&2; exit 1; fi
    if [ $SECONDS -ge $deadline ]; then echo "cluster.sh: node on port $1 not live after 60s; see $3" >&2; exit 1; fi
    sleep 0.5
  done
}

start_node() { # role, index, port, postgres url, bootstrap
  local name="$1-$2" dir="$nodes_dir/$1-$2"
  mkdir -p "$dir"
  if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then return; fi
  # The root token goes through the environment, not the command line, so ps does not show it.
  TIDINGS_ADMIN_TOKEN="$(cat "$run_dir/admin-token")" nohup java -Xmx1g -jar "$jar" serve --role "$1" --host 127.0.0.1 --port "$3" --data-dir "$dir/data" \
    --postgres-url "$4" --kafka-bootstrap "$5" >"$dir/node.log" 2>&1 &
  echo $! > "$dir/pid"
  wait_live "$3" "$dir/pid" "$dir/node.log"
  echo "$name: http://127.0.0.1:$3 (pid $(cat "$dir/pid"))"
}

write_nginx_conf() { # intake count
  local upstreams="" i
  for i in $(seq 1 "$1"); do upstreams+="    server 127.0.0.1:$((8100 + i)) max_fails=1 fail_timeout=2s;"$'\n'; done
  mkdir -p "$run_dir/nginx/logs"
  cat > "$run_dir/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $run_dir/nginx/pid;
error_log $run_dir/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $run_dir/nginx/body;
  proxy_temp_path $run_dir/nginx/proxy;
  fastcgi_temp_path $run_dir/nginx/fastcgi;
  uwsgi_temp_path $run_dir/nginx/uwsgi;
  scgi_temp_path $run_dir/nginx/scgi;
  upstream intake {
$upstreams    keepalive 64;
  }
  server {
    listen 127.0.0.1:$lb_port;
    client_max_body_size 8m;
    location / {
      proxy_pass http://intake;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      # A node that refuses the connection is skipped for the next; a POST already sent to a node is
      # never repeated (nginx retries non-idempotent requests only when nothing was sent), so the
      # balancer cannot post an event twice.
      proxy_next_upstream error timeout;
    }
  }
}
CONF
}

start() {
  local intake="${1:-2}" workers="${2:-2}"
  command -v nginx >/dev/null 2>&1 || { echo "cluster.sh: nginx missing (apt-get install -y nginx)" >&2; exit 1; }
  [ -f "$jar" ] || (cd "$root" && mvn -B -q package -DskipTests)
  local pg kafka
  pg="$("$here/postgres.sh" start)"
  kafka="$("$here/kafka.sh" start)"
  # Once, before any node starts: the nodes would also migrate, safely, but one clear failure is better.
  java -jar "$jar" migrate --postgres-url "$pg"
  echo "$intake $workers" > "$run_dir/cluster.size"
  if [ ! -s "$run_dir/admin-token" ]; then
    (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$run_dir/admin-token")
  fi
  local i
  for i in $(seq 1 "$intake"); do start_node intake "$i" $((8100 + i)) "$pg" "$kafka"; done
  for i in $(seq 1 "$workers"); do start_node worker "$i" $((8200 + i)) "$pg" "$kafka"; done
  write_nginx_conf "$intake"
  nginx -p "$run_dir/nginx" -c "$run_dir/nginx/nginx.conf"
  echo "load balancer: http://127.0.0.1:$lb_port (nginx pid $(cat "$run_dir/nginx/pid"))"
  echo "postgres: $pg"
  echo "kafka:    $kafka"
  echo "root admin token: in $run_dir/admin-token"
}

stop_pid_file() {
  local file="$1" pid
  [ -f "$file" ] || return 0
  pid="$(cat "$file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    local deadline=$((SECONDS + 30))
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$file"
}

stop() {
  # nginx first, so no request reaches a node that is going away; then nodes, then the servers.
  if [ -f "$run_dir/nginx/pid" ]; then kill -QUIT "$(cat "$run_dir/nginx/pid")" 2>/dev/null || true; fi
  local f
  for f in "$nodes_dir"/*/pid; do [ -e "$f" ] && stop_pid_file "$f"; done
  "$here/kafka.sh" stop
  "$here/postgres.sh" stop
  rm -f "$run_dir/cluster.size"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  *) echo "usage: $0 start [intake nodes] [workers] | stop" >&2; exit 2 ;;
esac

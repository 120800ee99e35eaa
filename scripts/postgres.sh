#!/usr/bin/env bash
# Starts or stops a PostgreSQL server of its own for trying the cluster: Debian's binaries, a cluster
# initdb'd into the run dir as the postgres OS user (PostgreSQL refuses root), 127.0.0.1 only, on its
# own port so it never meets a system cluster. Stops only the server it started (its pid file).
#
#   scripts/postgres.sh start   # prints the --postgres-url to use
#   scripts/postgres.sh stop
#
# TIDINGS_RUN_DIR (default ./run) holds the data; PG_PORT (default 55432) the port.
set -euo pipefail

run_dir="$(mkdir -p "${TIDINGS_RUN_DIR:-./run}" && cd "${TIDINGS_RUN_DIR:-./run}" && pwd)"
dir="$run_dir/postgres"
data="$dir/data"
port="${PG_PORT:-55432}"
user=tidings
password=tidings
database=tidings

bin_dir() {
  if [ -n "${TIDINGS_PG_BIN:-}" ]; then echo "$TIDINGS_PG_BIN"; return; fi
  # Debian keeps initdb and pg_ctl under /usr/lib/postgresql/<version>/bin, off the PATH: take the newest.
  local newest
  newest="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n | tail -1 || true)"
  if [ -n "$newest" ] && [ -x "$newest/initdb" ]; then echo "$newest"; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  echo "postgres.sh: PostgreSQL server binaries not found (apt-get install postgresql, or set TIDINGS_PG_BIN)" >&2
  exit 1
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url() { echo "postgresql://$user:$password@127.0.0.1:$port/$database"; }

start() {
  local bin; bin="$(bin_dir)"
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
  if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    echo "postgres.sh: already running (pid $(cat "$dir/pid"))" >&2
    url
    return
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    local pwfile="$dir/pwfile"
    echo "$password" > "$pwfile"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$pwfile"; fi
    as_postgres "$bin/initdb" -D "$data" -U "$user" --pwfile="$pwfile" --auth-local=trust \
      --auth-host=scram-sha-256 -E UTF8 --locale=C >"$dir/initdb.log" 2>&1
    rm -f "$pwfile"
  fi
  as_postgres "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c max_connections=200" start >/dev/null
  # The postmaster's pid, kept beside the data so stop finds exactly this server.
  head -1 "$data/postmaster.pid" > "$dir/pid"
  if ! as_postgres "$bin/psql" -h "$dir" -p "$port" -U "$user" -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1; then
    as_postgres "$bin/createdb" -h "$dir" -p "$port" -U "$user" "$database"
  fi
  url
}

stop() {
  local bin; bin="$(bin_dir)"
  if [ ! -f "$dir/pid" ]; then echo "postgres.sh: not running (no $dir/pid)" >&2; return; fi
  if kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    as_postgres "$bin/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null
  fi
  rm -f "$dir/pid"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) url ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac

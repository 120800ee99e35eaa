# Shared by the bench/*.sh scripts: start one Tidings server on 127.0.0.1 with a fresh data dir, wait
# until it is ready, and stop exactly that process (by pid) when the script exits. Sourced, not run.
#
# Knobs (environment): TIDINGS_JAR (target/tidings.jar), PORT (18080), SERVER_JAVA_OPTS, SERVER_ARGS (more
# serve options, e.g. --demo), BENCH_JAVA_OPTS, READY_TIMEOUT_S (60), LAUNCHER (bin/tidings to start the
# server through the launcher script instead of java -jar; SERVER_JAVA_OPTS is then ignored).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="${TIDINGS_JAR:-$ROOT/target/tidings.jar}"
PORT="${PORT:-18080}"
BASE_URL="http://127.0.0.1:$PORT"
READY_TIMEOUT_S="${READY_TIMEOUT_S:-60}"
# A random root token per run: the scripts never touch a data dir that outlives them.
ADMIN_TOKEN="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
SERVER_PID=""
DATA_DIR=""

require() {
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "needs $tool on the PATH" >&2; exit 2; }
    done
    [[ -f "$JAR" ]] || { echo "no $JAR: build it with 'mvn -B package -DskipTests'" >&2; exit 2; }
}

now_ms() {
    echo $(( $(date +%s%N) / 1000000 ))
}

# How the server is launched: java -jar with SERVER_JAVA_OPTS, or LAUNCHER (bin/tidings: its own JVM
# options, TIDINGS_JAVA_OPTS, and its class data sharing archive). Unquoted by its callers.
server_launch() {
    if [[ -n "${LAUNCHER:-}" ]]; then
        echo "env TIDINGS_JAR=$JAR $LAUNCHER"
    else
        echo "java ${SERVER_JAVA_OPTS:-} -jar $JAR"
    fi
}

# Starts the server in the background; sets SERVER_PID and DATA_DIR. Its output goes to a log file
# that is printed if it fails to become ready.
start_server() {
    DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/tidings-bench.XXXXXX")"
    # shellcheck disable=SC2046,SC2086
    $(server_launch) serve --host 127.0.0.1 --port "$PORT" \
        --data-dir "$DATA_DIR/data" --admin-token "$ADMIN_TOKEN" ${SERVER_ARGS:-} >"$DATA_DIR/server.log" 2>&1 &
    SERVER_PID=$!
}

# Polls GET /health/ready every 10 ms: the poll interval bounds the startup figure's resolution.
wait_ready() {
    local deadline=$(( $(now_ms) + READY_TIMEOUT_S * 1000 ))
    until curl -fs -o /dev/null "$BASE_URL/health/ready"; do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            echo "server exited before it was ready; its log:" >&2
            cat "$DATA_DIR/server.log" >&2
            exit 1
        fi
        if (( $(now_ms) > deadline )); then
            echo "server not ready after ${READY_TIMEOUT_S}s; its log:" >&2
            cat "$DATA_DIR/server.log" >&2
            exit 1
        fi
        sleep 0.01
    done
}

# Stops only the server this script started, then removes its data dir.
stop_server() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID"
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    SERVER_PID=""
    if [[ -n "$DATA_DIR" ]]; then
        rm -rf "$DATA_DIR"
    fi
    DATA_DIR=""
}

trap stop_server EXIT

# Runs `tidings bench --setup` against the started server, passing any further options through.
run_bench() {
    # shellcheck disable=SC2086
    java ${BENCH_JAVA_OPTS:-} -jar "$JAR" bench --setup --admin-url "$BASE_URL" --admin-token "$ADMIN_TOKEN" "$@"
}

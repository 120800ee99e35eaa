#!/usr/bin/env bash
# Server memory under load: VmRSS of the server process (from /proc/<pid>/status), sampled every
# 200 ms while a closed-loop saturation run goes on; the maximum is reported, with the RSS when idle
# after start for comparison. Set SERVER_JAVA_OPTS (e.g. -Xmx256m) to see a heap limit's effect.
#
#   bench/memory.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"
require java curl

CONNECTIONS="${CONNECTIONS:-64}"
DURATION="${DURATION:-30s}"

rss_kib() {
    awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status" 2>/dev/null || echo 0
}

start_server
wait_ready
idle=$(rss_kib)
samples="$DATA_DIR/rss-samples"
(
    while kill -0 "$SERVER_PID" 2>/dev/null; do
        rss_kib >>"$samples"
        sleep 0.2
    done
) &
sampler=$!
rc=0
run_bench --connections "$CONNECTIONS" --duration "$DURATION" "$@" || rc=$?
kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true
max=$(sort -n "$samples" 2>/dev/null | tail -1 || true)
max="${max:-0}"
echo "server RSS: idle after start $(( idle / 1024 )) MiB, max under load $(( max / 1024 )) MiB ($(wc -l <"$samples") samples)"
exit "$rc"

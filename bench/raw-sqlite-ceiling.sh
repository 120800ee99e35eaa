#!/usr/bin/env bash
# The raw SQLite ceiling of the pipeline's writes: the same rows (customer look-up and registration,
# the record probe, events with the request's states, outbox) through the same driver, pragmas, migrations and size of
# transaction (BATCH, 2,000) as the pipeline, with nothing else (dev.tidings.embedded.RawInsertCeiling). The drain
# benchmark (bench/pipeline-drain.sh) is measured against it.
#
#   bench/raw-sqlite-ceiling.sh                   # 200000 events, 10000 customers, full schema
#   MODES="full no-customer-index requests-row" bench/raw-sqlite-ceiling.sh   # requests-row: the layout before V9
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS="${EVENTS:-200000}"
CUSTOMERS="${CUSTOMERS:-10000}"
MODES="${MODES:-full}"
# Rows per transaction: the pipeline's batch (PipelineWorker.BATCH) unless given.
BATCH="${BATCH:-2000}"
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/raw.classpath -Dmdep.includeScope=test
for mode in $MODES; do
    # shellcheck disable=SC2086
    java ${RAW_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/raw.classpath)" \
        dev.tidings.embedded.RawInsertCeiling "$EVENTS" "$CUSTOMERS" "$mode" "$BATCH"
done

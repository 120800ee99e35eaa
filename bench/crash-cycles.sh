#!/usr/bin/env bash
# The long crash-consistency run: CrashRecoveryIT with many kill -9 / restart cycles under concurrent
# load (CI runs 5). Each cycle prints "crash cycle N: acknowledged= found= lost= ...".
#
#   bench/crash-cycles.sh          # 50 cycles
#   CYCLES=200 bench/crash-cycles.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CYCLES="${CYCLES:-50}"
mvn -B -q verify -Dit.test=CrashRecoveryIT -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dtidings.crash.cycles="$CYCLES"
grep "crash cycle" target/failsafe-reports/dev.tidings.app.CrashRecoveryIT-output.txt

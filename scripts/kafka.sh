#!/usr/bin/env bash
# Starts or stops one Apache Kafka broker in KRaft mode (broker and controller in one process) for
# trying the cluster, from the kafka_2.13 jars that Maven resolves (scripts/kafka-broker/pom.xml): no
# tarball, no ZooKeeper. Listens on 127.0.0.1 only. Stops only the process it started (its pid file).
#
#   scripts/kafka.sh start   # prints the --kafka-bootstrap to use
#   scripts/kafka.sh stop
#
# TIDINGS_RUN_DIR (default ./run) holds the logs; KAFKA_PORT (default 59092) and
# KAFKA_CONTROLLER_PORT (default 59093) the ports.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
run_dir="$(mkdir -p "${TIDINGS_RUN_DIR:-./run}" && cd "${TIDINGS_RUN_DIR:-./run}" && pwd)"
dir="$run_dir/kafka"
port="${KAFKA_PORT:-59092}"
controller_port="${KAFKA_CONTROLLER_PORT:-59093}"

bootstrap() { echo "127.0.0.1:$port"; }

classpath() {
  if [ ! -s "$dir/classpath" ]; then
    mvn -B -q -f "$here/kafka-broker/pom.xml" dependency:build-classpath -Dmdep.outputFile="$dir/classpath" >&2
  fi
  cat "$dir/classpath"
}

write_properties() {
  cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
# One broker: the internal topics cannot have more copies than that.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPS
}

start() {
  mkdir -p "$dir"
  if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    echo "kafka.sh: already running (pid $(cat "$dir/pid"))" >&2
    bootstrap
    return
  fi
  local cp; cp="$(classpath)"
  write_properties
  if [ ! -f "$dir/data/meta.properties" ]; then
    java -cp "$cp" kafka.tools.StorageTool format --ignore-formatted \
      -t "$(java -cp "$cp" kafka.tools.StorageTool random-uuid)" -c "$dir/server.properties" >"$dir/format.log" 2>&1
  fi
  nohup java -Xms256m -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$cp" kafka.Kafka "$dir/server.properties" >"$dir/broker.log" 2>&1 &
  echo $! > "$dir/pid"
  # Ready when the client listener accepts connections; the broker binds it after joining the quorum.
  local deadline=$((SECONDS + 90))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
      echo "kafka.sh: broker exited; see $dir/broker.log" >&2; tail -20 "$dir/broker.log" >&2; rm -f "$dir/pid"; exit 1
    fi
    if [ $SECONDS -ge $deadline ]; then echo "kafka.sh: broker not listening after 90s; see $dir/broker.log" >&2; exit 1; fi
    sleep 0.5
  done
  bootstrap
}

stop() {
  if [ ! -f "$dir/pid" ]; then echo "kafka.sh: not running (no $dir/pid)" >&2; return; fi
  local pid; pid="$(cat "$dir/pid")"
  if kill -0 "$pid" 2>/dev/null; then
    # SIGTERM: a controlled shutdown that flushes the logs; SIGKILL only if it takes over a minute.
    kill "$pid"
    local deadline=$((SECONDS + 60))
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$dir/pid"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  bootstrap) bootstrap ;;
  *) echo "usage: $0 start|stop|bootstrap" >&2; exit 2 ;;
esac

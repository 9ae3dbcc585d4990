#!/usr/bin/env bash
# Several replicas: durable intake and end-to-end syncs with 1 and 2 packaged replicas on PostgreSQL, with the database
# inbox and with Kafka as the event log, on this machine; CPU per event of the replicas, PostgreSQL and the broker;
# an estimate for 3 replicas on 3 machines. See bench/README.md, "Several replicas".
#
#   bench/replicas.sh [--no-build] [--intake N (5000)] [--e2e M (1000)] [--concurrency C (32)]
#
# Needs PostgreSQL on localhost:5432 (user postgres, trust; psql), JDK 17, curl. The broker is a real single-node
# KRaft Kafka started here from the kafka_2.13 jars of the test classpath (target/sandbox.classpath).
# Environment: BENCH_DB (database, dropped and created per configuration; default contactsync_bench), BENCH_KEEP=1.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD=1
if [[ "${1:-}" == "--no-build" ]]; then
  BUILD=0
  shift
fi
JAR="$REPO/target/quarkus-app/quarkus-run.jar"
if [[ $BUILD == 1 ]]; then
  echo "Building: ./mvnw -B -q package -DskipTests"
  (cd "$REPO" && ./mvnw -B -q package -DskipTests) || { echo "build failed" >&2; exit 2; }
fi
[[ -f "$JAR" && -f "$REPO/target/sandbox.classpath" ]] || { echo "no $JAR; run without --no-build" >&2; exit 2; }
psql -h localhost -U postgres -Atc 'SELECT 1' postgres >/dev/null 2>&1 \
  || { echo "no PostgreSQL on localhost:5432 (user postgres)" >&2; exit 2; }

DB="${BENCH_DB:-contactsync_bench}"
CLASSPATH_FILE="$REPO/target/sandbox.classpath"
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
next_port() { local p=$1; while ! port_free "$p"; do p=$((p + 1)); done; echo "$p"; }
SANDBOX_PORT=$(next_port 18600)
APP_PORTS=("$(next_port $((SANDBOX_PORT + 1)))")
APP_PORTS+=("$(next_port $((APP_PORTS[0] + 1)))")
KAFKA_PORT=$(next_port $((APP_PORTS[1] + 1)))
CONTROLLER_PORT=$(next_port $((KAFKA_PORT + 1)))

WORK="$(mktemp -d "${TMPDIR:-/tmp}/contact-sync-replicas.XXXXXX")"
PIDS=()
BROKER_PID=""
SANDBOX_PID=""
stop_pid() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 400); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
stop_replicas() {
  for pid in ${PIDS[@]+"${PIDS[@]}"}; do stop_pid "$pid"; done
  PIDS=()
  [[ -n "$BROKER_PID" ]] && stop_pid "$BROKER_PID"
  BROKER_PID=""
}
cleanup() {
  stop_replicas
  [[ -n "$SANDBOX_PID" ]] && stop_pid "$SANDBOX_PID"
  if [[ "${BENCH_KEEP:-0}" == 1 ]]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

await_url() { # url pid log
  for _ in $(seq 1 1200); do
    curl -fs -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || break
    sleep 0.1
  done
  echo "$1 did not answer; last lines of $3:" >&2
  tail -30 "$3" >&2
  exit 2
}

start_broker() {
  local dir="$WORK/kafka-$1"
  mkdir -p "$dir"
  cat >"$dir/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
  local cp
  cp="$(cat "$CLASSPATH_FILE")"
  java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$cp" kafka.tools.StorageTool format \
    -t "$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)" -c "$dir/server.properties" >"$dir/format.log" 2>&1 \
    || { echo "kafka storage format failed:" >&2; cat "$dir/format.log" >&2; exit 2; }
  java -Xmx512m -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$cp" kafka.Kafka \
    "$dir/server.properties" >"$dir/kafka.log" 2>&1 &
  BROKER_PID=$!
  for _ in $(seq 1 600); do
    (exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "the broker did not listen on $KAFKA_PORT" >&2
  exit 2
}

start_replica() { # index mode
  local dir="$WORK/$2-replica-$1" extra=()
  mkdir -p "$dir"
  [[ "$2" == kafka ]] && extra=(-Dsync.inbox=kafka "-Dsync.kafka.bootstrap-servers=127.0.0.1:$KAFKA_PORT")
  (cd "$dir" && exec java -Dquarkus.profile=sandbox,postgresql -Dquarkus.http.port="${APP_PORTS[$1]}" \
    -Dsandbox.port="$SANDBOX_PORT" -Dstore.data-dir="$dir/data" \
    -Dquarkus.datasource.pg.jdbc.url="jdbc:postgresql://localhost:5432/$DB" \
    -Dsync.routes-dir="$REPO/routes" -Dsync.kamelets-dir="$REPO/kamelets" -Dsync.mappings-dir="$REPO/mappings" \
    -Dhubspot.rate-limit.per-10s=10000000 -Drespondio.requests-per-second=1000000 ${extra[@]+"${extra[@]}"} \
    -jar "$JAR" >"$dir/app.log" 2>&1) &
  PIDS+=($!)
  await_url "http://localhost:${APP_PORTS[$1]}/q/health/ready" "${PIDS[$1]}" "$dir/app.log"
}

# Each replica dispatches a share of the work (inbox shards, or partitions) before the clock runs.
await_shared() { # mode replicas
  local key=shards
  [[ "$1" == kafka ]] && key=partitions
  for _ in $(seq 1 600); do
    local all=1
    for ((i = 0; i < $2; i++)); do
      curl -fs -H 'Authorization: Bearer sandbox-admin-token' "http://localhost:${APP_PORTS[$i]}/admin/replica" \
        | grep -Eq "\"$key\":\[[0-9]" || all=0
    done
    [[ $all == 1 ]] && return 0
    sleep 0.2
  done
  echo "the replicas did not share the $key out" >&2
  exit 2
}

echo "Starting the vendor sandbox on port $SANDBOX_PORT"
java -Dsandbox.port="$SANDBOX_PORT" -Dsandbox.webhooks.enabled=false \
  -cp "$REPO/target/test-classes:$(cat "$CLASSPATH_FILE")" io.contactsync.sandbox.SandboxServer >"$WORK/sandbox.log" 2>&1 &
SANDBOX_PID=$!
await_url "http://localhost:$SANDBOX_PORT/sandbox/hubspot/_control/stats" "$SANDBOX_PID" "$WORK/sandbox.log"

RESULTS="$WORK/results"
: >"$RESULTS"
RC=0
for mode in postgresql kafka; do
  for replicas in 1 2; do
    psql -h localhost -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" postgres
    psql -h localhost -U postgres -qc "CREATE DATABASE $DB" postgres
    [[ "$mode" == kafka ]] && start_broker "$replicas"
    urls=() pids=()
    for ((i = 0; i < replicas; i++)); do
      start_replica "$i" "$mode"
      urls+=("http://localhost:${APP_PORTS[$i]}")
      pids+=("${PIDS[$i]}")
    done
    await_shared "$mode" "$replicas"
    args=(--mode "$mode" --base-urls "$(IFS=,; echo "${urls[*]}")" --pids "$(IFS=,; echo "${pids[*]}")"
      --sandbox-url "http://localhost:$SANDBOX_PORT" "$@")
    [[ -n "$BROKER_PID" ]] && args+=(--broker-pid "$BROKER_PID")
    java "$REPO/bench/ReplicasBench.java" "${args[@]}" | tee -a "$RESULTS" | grep --line-buffered -v '^RESULT' || RC=1
    stop_replicas
  done
done
psql -h localhost -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" postgres

echo
echo "Several replicas on this machine ($(nproc) cores, load average now $(cut -d' ' -f1-3 /proc/loadavg)):"
echo
echo "| inbox | replicas | intake events/s | CPU ms/event: replicas, PostgreSQL, broker | end-to-end syncs/s | CPU ms/sync: replicas, PostgreSQL, broker |"
echo "|---|---|---|---|---|---|"
grep '^RESULT' "$RESULTS" | awk -F'|' '{ printf "| %s | %s | %s | %.2f, %.2f, %.2f | %s | %.2f, %.2f, %.2f |\n", $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 }'
echo
echo "Estimate, 3 replicas on 3 machines of 2 cores, PostgreSQL and the broker on a 2-core machine each (from the"
echo "1-replica CPU per event: min(3 x 2000 / replica ms, 2000 / PostgreSQL ms, 2000 / broker ms) events/s):"
grep '^RESULT' "$RESULTS" | awk -F'|' '$3 == 1 {
  split("intake end-to-end", name, " ")
  for (k = 0; k < 2; k++) {
    app = $(5 + 4 * k); pg = $(6 + 4 * k); broker = $(7 + 4 * k)
    est = 6000 / app; bound = "replicas"
    if (pg > 0 && 2000 / pg < est) { est = 2000 / pg; bound = "PostgreSQL" }
    if (broker > 0 && 2000 / broker < est) { est = 2000 / broker; bound = "the broker" }
    printf "  %s, %s: about %.0f events/s (bound by %s)\n", $2, name[k + 1], est, bound
  }
}'
grep -q '|FAIL$' "$RESULTS" && RC=1
exit $RC

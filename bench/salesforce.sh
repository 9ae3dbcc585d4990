#!/usr/bin/env bash
# contact-sync Salesforce benchmark: build, start the vendor sandbox (a process of its own) and the packaged app
# (sandbox profile, Salesforce enabled, unthrottled HubSpot budget, polling only when asked, HubSpot events to
# Salesforce only), then
# bench/SalesforceBench.java: import of N Salesforce Leads into HubSpot, resync of an N-member HubSpot list to
# Salesforce, and Salesforce -> HubSpot polling of N changed Leads, with progress, records/s and vendor calls per
# record per side, and streaming HubSpot -> Salesforce of N changed contacts (webhooks) with Salesforce calls per
# contact; stop both.
#
#   bench/salesforce.sh [--no-build] [--records N]     (N defaults to 10000)
#
# Environment: BENCH_PORT (default: first free port from 18190), APP_HEAP (default 192m, as bench/run.sh),
# JAVA_OPTS (extra JVM options for the app), MVN_FLAGS, BENCH_KEEP=1
# (keep the temp dir with app.log and sandbox.log).
# Exit status: 0 when every check holds, 1 when one fails, 2 when the app cannot be built or started.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD=1
if [[ "${1:-}" == "--no-build" ]]; then
  BUILD=0
  shift
fi
JAR="$REPO/target/quarkus-app/quarkus-run.jar"
if [[ $BUILD == 1 ]]; then
  echo "Building: ./mvnw -B -q package -DskipTests ${MVN_FLAGS:-}"
  (cd "$REPO" && ./mvnw -B -q package -DskipTests ${MVN_FLAGS:-}) || { echo "build failed" >&2; exit 2; }
fi
[[ -f "$JAR" && -f "$REPO/target/sandbox.classpath" ]] || { echo "no $JAR; run without --no-build" >&2; exit 2; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT="${BENCH_PORT:-18190}"
while ! port_free "$PORT"; do PORT=$((PORT + 1)); done
SANDBOX_PORT=$((PORT + 1))
while ! port_free "$SANDBOX_PORT"; do SANDBOX_PORT=$((SANDBOX_PORT + 1)); done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/contact-sync-sf-bench.XXXXXX")"
APP_PID=""
SANDBOX_PID=""
cleanup() {
  for pid in "$APP_PID" "$SANDBOX_PID"; do
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  if [[ "${BENCH_KEEP:-0}" == 1 ]]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "Starting the vendor sandbox on port $SANDBOX_PORT"
cd "$WORK"
java -Dsandbox.port="$SANDBOX_PORT" -Dsandbox.webhooks.enabled=false \
  -cp "$REPO/target/test-classes:$(cat "$REPO/target/sandbox.classpath")" io.contactsync.sandbox.SandboxServer \
  >>"$WORK/sandbox.log" 2>&1 &
SANDBOX_PID=$!
for _ in $(seq 1 300); do
  curl -fs -o /dev/null "http://localhost:$SANDBOX_PORT/sandbox/hubspot/_control/stats" && break
  kill -0 "$SANDBOX_PID" 2>/dev/null || { echo "the sandbox did not start" >&2; cat "$WORK/sandbox.log" >&2; exit 2; }
  sleep 0.1
done

# HubSpot events run hubspot-to-salesforce only: with hubspot-to-respondio in the same lane, the streaming phase would
# measure respond.io's pace (respondio.requests-per-second=5), not Salesforce's calls
echo "Starting the app on port $PORT in $WORK (Salesforce enabled, polling on request only)"
# shellcheck disable=SC2086
MALLOC_ARENA_MAX=2 java -Xmx"${APP_HEAP:-192m}" -XX:+UseParallelGC -Djdk.nio.maxCachedBufferSize=262144 ${JAVA_OPTS:-} -Dquarkus.profile=sandbox \
  -Dquarkus.http.port="$PORT" -Dsandbox.port="$SANDBOX_PORT" \
  -Dstore.data-dir="$WORK/data" -Dsync.routes-dir="$REPO/routes" -Dsync.kamelets-dir="$REPO/kamelets" \
  -Dsync.mappings-dir="$REPO/mappings" -Dsalesforce.polling.interval=86400 \
  -Dhubspot.rate-limit.per-10s=10000000 -Dbrevo.requests-per-second=1000000 \
  -Dsync.scenarios.hubspot=hubspot-to-salesforce \
  -jar "$JAR" >>"$WORK/app.log" 2>&1 &
APP_PID=$!
READY=0
for _ in $(seq 1 2400); do
  if curl -fs -o /dev/null "http://localhost:$PORT/q/health/ready"; then READY=1; break; fi
  kill -0 "$APP_PID" 2>/dev/null || break
  sleep 0.05
done
if [[ $READY != 1 ]]; then
  echo "the app did not become ready; last log lines:" >&2
  tail -40 "$WORK/app.log" >&2
  exit 2
fi

set +e
java "$REPO/bench/SalesforceBench.java" --base-url "http://localhost:$PORT" \
  --sandbox-url "http://localhost:$SANDBOX_PORT" "$@"
RC=$?
set -e
if [[ $RC != 0 ]]; then
  echo "app log, errors and warnings (last 30):"
  grep -E " (ERROR|WARN) " "$WORK/app.log" | tail -30 || true
fi
exit $RC

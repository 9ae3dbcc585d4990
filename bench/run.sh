#!/usr/bin/env bash
# contact-sync benchmark: build, start the vendor sandbox (a process of its own) and the packaged app (sandbox profile,
# unthrottled), load it, print the figures, stop both.
#
#   bench/run.sh [--no-build] [Bench options...]
#
# Bench options (defaults in brackets): --warmup-syncs N [12000: untimed syncs both ways first, for the JIT]
#   --intake N [20000] --warmup N [1000] --concurrency C [64] --e2e M [5000] --h2r K [2000, 0 = skip] --timeout-s S [600]
# Then, on the same app: --wrk-seconds S [10, 0 = skip]: the intake again, driven by wrk (installed from Debian when
#   missing), with pre-signed webhooks (bench/intake.lua).
# Then: --brevo-members N [10000, 0 = skip]: initial sync of an N-member HubSpot list to a Brevo list
#   (bench/BrevoInitialSync.java): progress while it runs, vendor calls per contact.
# Then, "under published limits": --limits-e2e M [10000, 0 = skip] and --limits-h2r K [2000]: the sandbox and the app
#   restarted, the simulators enforcing HubSpot Professional 190/10 s, respond.io 5/s and Brevo 10/s, the app with its
#   production budgets (hubspot.tier=professional); after an untimed respond.io -> HubSpot warm-up under the same
#   limits, both sync directions, 429s as a share of the calls, peak RSS.
# Environment: BENCH_PORT (default: first free port from 18090), APP_HEAP (the app's -Xmx, default 192m, as in
#   sandbox/run.sh; the container image and kubernetes/ give the JVM 50 % of the container's memory limit), JAVA_OPTS
#   (extra JVM options for the app),
#   MVN_FLAGS (extra Maven flags, e.g. -o), BENCH_KEEP=1 (keep the temp dir with the app log and H2 files).
# Exit status: 0 when every invariant holds, 1 when one fails (see the summary), 2 when the app cannot be built/started.
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

BREVO_MEMBERS=10000
WRK_SECONDS=10
LIMITS_E2E=10000
LIMITS_H2R=2000
BENCH_ARGS=()
while [[ $# -gt 0 ]]; do
  if [[ "$1" == "--limits-e2e" ]]; then
    LIMITS_E2E="$2"
    shift 2
  elif [[ "$1" == "--limits-h2r" ]]; then
    LIMITS_H2R="$2"
    shift 2
  elif [[ "$1" == "--brevo-members" ]]; then
    BREVO_MEMBERS="$2"
    shift 2
  elif [[ "$1" == "--wrk-seconds" ]]; then
    WRK_SECONDS="$2"
    shift 2
  else
    BENCH_ARGS+=("$1")
    shift
  fi
done

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT="${BENCH_PORT:-}"
if [[ -z "$PORT" ]]; then
  PORT=18090
  while ! port_free "$PORT"; do PORT=$((PORT + 1)); done
elif ! port_free "$PORT"; then
  echo "port $PORT is in use" >&2
  exit 2
fi
SANDBOX_PORT=$((PORT + 1))
while ! port_free "$SANDBOX_PORT"; do SANDBOX_PORT=$((SANDBOX_PORT + 1)); done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/contact-sync-bench.XXXXXX")"
APP_PID=""
stop_app() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$APP_PID" 2>/dev/null && kill -KILL "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=""
}
SANDBOX_PID=""
cleanup() {
  stop_app
  stop_sandbox
  if [[ "${BENCH_KEEP:-0}" == 1 ]]; then
    echo "kept $WORK (app.log, data/)"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stop_sandbox() {
  if [[ -n "$SANDBOX_PID" ]] && kill -0 "$SANDBOX_PID" 2>/dev/null; then
    kill "$SANDBOX_PID" 2>/dev/null || true
    wait "$SANDBOX_PID" 2>/dev/null || true
  fi
  SANDBOX_PID=""
}

# start_sandbox [-Dsandbox.x=y ...]
start_sandbox() {
  echo "Starting the vendor sandbox on port $SANDBOX_PORT $*"
  cd "$WORK"
  java -Dsandbox.port="$SANDBOX_PORT" -Dsandbox.webhooks.enabled=false "$@" \
    -cp "$REPO/target/test-classes:$(cat "$REPO/target/sandbox.classpath")" io.contactsync.sandbox.SandboxServer \
    >>"$WORK/sandbox.log" 2>&1 &
  SANDBOX_PID=$!
  for _ in $(seq 1 300); do
    curl -fs -o /dev/null "http://localhost:$SANDBOX_PORT/sandbox/hubspot/_control/stats" && return 0
    kill -0 "$SANDBOX_PID" 2>/dev/null || { echo "the sandbox did not start:" >&2; cat "$WORK/sandbox.log" >&2; exit 2; }
    sleep 0.1
  done
}

# start_app [-Dkey=value ...]: the packaged app on a fresh H2 database, its heap sized like in a container
start_app() {
  echo "Starting the app on port $PORT in $WORK $*"
  rm -rf "$WORK/data"
  START_NS=$(date +%s%N)
  # shellcheck disable=SC2086
  MALLOC_ARENA_MAX=2 java -Xmx"${APP_HEAP:-192m}" -XX:+UseParallelGC -Djdk.nio.maxCachedBufferSize=262144 ${JAVA_OPTS:-} \
    -Dquarkus.profile=sandbox \
    -Dquarkus.http.port="$PORT" \
    -Dsandbox.port="$SANDBOX_PORT" \
    -Dstore.data-dir="$WORK/data" \
    -Dsync.routes-dir="$REPO/routes" \
    -Dsync.kamelets-dir="$REPO/kamelets" \
    -Dsync.mappings-dir="$REPO/mappings" \
    -Dsalesforce.enabled=false \
    -Dbrevo.integrations.bench.hubspot-list-id=777 \
    -Dbrevo.integrations.bench.brevo-list-name=Bench \
    -Dbrevo.integrations.bench.opt-in-confirmed=true \
    -Dbrevo.integrations.bench.state=draft \
    "$@" \
    -jar "$JAR" >>"$WORK/app.log" 2>&1 &
  APP_PID=$!
  READY=0
  for _ in $(seq 1 2400); do   # up to 120 s
    if curl -fs -o /dev/null "http://localhost:$PORT/q/health/ready"; then READY=1; break; fi
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.05
  done
  END_NS=$(date +%s%N)
  if [[ $READY != 1 ]]; then
    echo "the app did not become ready; last log lines:" >&2
    tail -40 "$WORK/app.log" >&2
    exit 2
  fi
}

start_sandbox
# unthrottled: the app's own budgets are raised so that the vendors' limits are not what is measured
start_app -Dhubspot.rate-limit.per-10s=10000000 -Drespondio.requests-per-second=1000000 \
  -Dbrevo.requests-per-second=1000000 -Dbrevo.requests-per-hour=1000000000
STARTUP_MS=$(( (END_NS - START_NS) / 1000000 ))
RSS_KB=$(awk '/^VmRSS:/ {print $2}' "/proc/$APP_PID/status")

# Durable intake measured by wrk (a C load generator: the JDK client in Bench.java saturates before the app does),
# with dispatch paused so that intake alone is measured; then the backlog is applied and timed.
ADMIN_AUTH='Authorization: Bearer sandbox-admin-token'
inbox_json() { curl -fs -H "$ADMIN_AUTH" "http://localhost:$PORT/admin/inbox"; }
intake_with_wrk() {
  echo
  echo "== 2b. Durable webhook intake with wrk (64 connections, ${WRK_SECONDS} s, respond.io contact.updated, dispatch paused)"
  if ! command -v wrk >/dev/null; then
    echo "  wrk is not installed; installing the Debian package"
    { apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq wrk >/dev/null 2>&1; }; } \
      || { echo "  could not install wrk: pass skipped (--wrk-seconds 0 to skip it on purpose)"; return 0; }
  fi
  java "$REPO/bench/Bench.java" --write-intake-file "$WORK/intake.txt" --count 150000
  echo "  inbox before: $(inbox_json)"
  curl -fs -o /dev/null -XPOST -H "$ADMIN_AUTH" "http://localhost:$PORT/admin/dispatch/pause"
  wrk -t 2 -c 64 -d "${WRK_SECONDS}s" --latency -s "$REPO/bench/intake.lua" "http://localhost:$PORT" -- "$WORK/intake.txt" 2 \
    | sed 's/^/  /'
  local waiting after start_ns end_ns
  waiting=$(inbox_json | sed -E 's/.*"PENDING":([0-9]+).*/\1/')
  start_ns=$(date +%s%N)
  curl -fs -o /dev/null -XPOST -H "$ADMIN_AUTH" "http://localhost:$PORT/admin/dispatch/resume"
  for _ in $(seq 1 6000); do
    after=$(inbox_json)
    [[ "$after" =~ \"PENDING\":0[,}] && "$after" =~ \"inFlight\":0[,}] ]] && break
    sleep 0.1
  done
  end_ns=$(date +%s%N)
  awk -v n="$waiting" -v ns="$((end_ns - start_ns))" \
    'BEGIN { printf "  backlog of %d events applied after resume in %.1f s (%.0f events/s; runs skipped: contacts not in respond.io)\n", n, ns / 1e9, n / (ns / 1e9) }'
  echo "  inbox after: $after"
  [[ "$after" =~ \"DEAD\":0[,}] ]] || { echo "  FAIL: dead letters after the wrk pass"; return 1; }
}

set +e
java "$REPO/bench/Bench.java" --base-url "http://localhost:$PORT" --sandbox-url "http://localhost:$SANDBOX_PORT" --pid "$APP_PID" \
  --startup-ms "$STARTUP_MS" --rss-start-kb "$RSS_KB" ${BENCH_ARGS[@]+"${BENCH_ARGS[@]}"}
RC=$?
if [[ "$WRK_SECONDS" != 0 ]]; then
  intake_with_wrk || RC=1
fi
if [[ "$BREVO_MEMBERS" != 0 ]]; then
  echo
  java "$REPO/bench/BrevoInitialSync.java" --base-url "http://localhost:$PORT" --sandbox-url "http://localhost:$SANDBOX_PORT" --members "$BREVO_MEMBERS"
  BREVO_RC=$?
  [[ $RC == 0 ]] && RC=$BREVO_RC
fi
if [[ "$LIMITS_E2E" != 0 ]]; then
  echo
  echo "== 7. Under published limits (sandbox and app restarted)"
  stop_app
  stop_sandbox
  start_sandbox -Dsandbox.hubspot.max-per-10s=190 -Dsandbox.respondio.max-per-second=5 -Dsandbox.brevo.max-per-second=10
  start_app -Dhubspot.tier=professional
  java "$REPO/bench/Bench.java" --published-limits 1 --base-url "http://localhost:$PORT" \
    --sandbox-url "http://localhost:$SANDBOX_PORT" --pid "$APP_PID" --e2e "$LIMITS_E2E" --h2r "$LIMITS_H2R" \
    --concurrency 16
  LIMITS_RC=$?
  [[ $RC == 0 ]] && RC=$LIMITS_RC
fi
set -e

if [[ $RC != 0 ]]; then
  echo
  echo "app log, errors and warnings (last 30):"
  grep -E " (ERROR|WARN) " "$WORK/app.log" | tail -30 || true
fi
stop_app
exit $RC

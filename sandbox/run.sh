#!/usr/bin/env bash
# The first command: build contact-sync, start the vendor sandbox (simulated HubSpot, respond.io, Brevo and
# Salesforce) as a process of its own, then the packaged app against it on its embedded defaults
# (H2 under ./data/sandbox).
# Ctrl-C stops both.
#
#   sandbox/run.sh [--no-build]
#
# Environment: APP_PORT (8080), SANDBOX_PORT (8089), JAVA_OPTS (extra JVM options for the app).
# Why not `./mvnw quarkus:dev`: dev mode adds Camel Quarkus' dev-only extensions (camel-quarkus-console,
# camel-quarkus-debug), which the package registry reachable here does not serve (see docs/development.md).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
APP_PORT="${APP_PORT:-8080}"
SANDBOX_PORT="${SANDBOX_PORT:-8089}"

if [[ "${1:-}" != "--no-build" ]]; then
  echo "Building: ./mvnw -B -ntp package -DskipTests"
  ./mvnw -B -ntp package -DskipTests
fi
[[ -f target/quarkus-app/quarkus-run.jar && -f target/sandbox.classpath ]] \
  || { echo "nothing built yet: run sandbox/run.sh without --no-build" >&2; exit 2; }

SANDBOX_PID=""
stop_sandbox() { [[ -n "$SANDBOX_PID" ]] && kill "$SANDBOX_PID" 2>/dev/null || true; }
trap stop_sandbox EXIT
trap 'exit 130' INT TERM

java -Dsandbox.port="$SANDBOX_PORT" -Dsandbox.webhooks.target-base-url="http://localhost:$APP_PORT" \
  -cp "target/test-classes:$(cat target/sandbox.classpath)" io.contactsync.sandbox.SandboxServer &
SANDBOX_PID=$!
for _ in $(seq 1 150); do
  curl -fs -o /dev/null "http://localhost:$SANDBOX_PORT/sandbox/hubspot/_control/stats" && break
  kill -0 "$SANDBOX_PID" 2>/dev/null || { echo "the sandbox did not start" >&2; exit 2; }
  sleep 0.2
done

# shellcheck disable=SC2086
# heap 192 MiB, as the container image gives it under kubernetes/'s 640 MiB memory limit (APP_HEAP changes it);
# two malloc arenas, as in the image: with one per lane thread the C heap grows by tens of MiB; no cached direct
# buffer above 256 KiB per thread: H2 writes its pages from whichever thread commits, and the JDK would keep a
# buffer the size of each write for each of them (hundreds of lanes: the direct memory limit, then H2 closes)
MALLOC_ARENA_MAX=2 java -Xmx"${APP_HEAP:-192m}" -XX:+UseParallelGC -Djdk.nio.maxCachedBufferSize=262144 ${JAVA_OPTS:-} -Dquarkus.profile=sandbox -Dquarkus.http.port="$APP_PORT" -Dsandbox.port="$SANDBOX_PORT" \
  -jar target/quarkus-app/quarkus-run.jar

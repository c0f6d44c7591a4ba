#!/usr/bin/env bash
# The Maecenas load benchmark, in one command:
#
#   bench/run.sh
#
# builds the application jar and the bench project, starts a dedicated PostgreSQL 17 (data under
# bench/target/pgdata; seeded once with 1,000 creators, 100,000 posts, 1,000,000 comments and
# reused by later runs), starts target/maecenas.jar and the baseline server against it, measures
# both side by side (32 connections) and prints the figures. Everything it starts is stopped on exit.
#
# Environment (all optional):
#   RUNS=3 WARMUP=30 DURATION=10 CONNECTIONS=32   the load (seconds per page and server)
#   RESEED=1                                      drop the data directory and seed again
#   SKIP_BUILD=1                                  use the jars already built
#   ONLY=creator                                  measure only pages whose name starts so (no summary)
#   APP_JVM_OPTS="-XX:StartFlightRecording=…"     extra JVM options for the application (profiling)
#   APP_ARGS="--some.property=value"              extra arguments for the application (experiments)
#   PG_PORT=25432 APP_PORT=28080 BASELINE_PORT=28081
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/bench"
OUT="$BENCH/target"
DATA="$OUT/pgdata"
SEED="$OUT/seed.properties"
PG_PORT="${PG_PORT:-25432}"
APP_PORT="${APP_PORT:-28080}"
BASELINE_PORT="${BASELINE_PORT:-28081}"
RUNS="${RUNS:-3}"
WARMUP="${WARMUP:-30}"
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-32}"

source "$BENCH/lib.sh"
require_free_ports "PG_PORT, APP_PORT or BASELINE_PORT" "$PG_PORT" "$APP_PORT" "$BASELINE_PORT"

cd "$ROOT"
if [[ -z "${SKIP_BUILD:-}" ]]; then
  echo "== build"
  ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package
  ./mvnw -q -B -f bench/pom.xml package
fi
CP="$BENCH/target/classes:$BENCH/target/lib/*"
mkdir -p "$OUT"

SEED_VERSION="$(grep -o 'VERSION = "[^"]*"' "$BENCH/src/main/java/org/maecenas/bench/Seed.java" | cut -d'"' -f2)"
if [[ -n "${RESEED:-}" ]] || ! grep -qx "version=$SEED_VERSION" "$SEED" 2>/dev/null; then
  echo "== new database (data in $DATA)"
  rm -rf "$DATA" "$SEED"
fi

echo "== PostgreSQL on port $PG_PORT"
"$JAVA" -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" org.maecenas.bench.BenchPostgres "$DATA" "$PG_PORT" > "$OUT/postgres.log" 2>&1 &
PIDS+=($!)
PG_PID="${PIDS[-1]}"
wait_for "$OUT/postgres.log" READY "$PG_PID" 180
JDBC="jdbc:postgresql://127.0.0.1:$PG_PORT/maecenas"
# pg_ctl detaches the postmaster from the JVM that started it: its pid is in the data directory
POSTMASTER_PID="$(head -1 "$DATA/postmaster.pid")"

if [[ -f "$SEED" ]]; then
  echo "== reusing the seeded data ($SEED); migrating only"
  "$JAVA" -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" org.maecenas.bench.Seed "$JDBC" "$ROOT/src/main/resources/db/migration" "$SEED" --migrate-only
else
  echo "== seed"
  "$JAVA" -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" org.maecenas.bench.Seed "$JDBC" "$ROOT/src/main/resources/db/migration" "$SEED"
fi

# the same JVM and heap for both servers
SERVER_JVM=(-Xms512m -Xmx1g)
read -r -a APP_EXTRA <<< "${APP_JVM_OPTS:-}"
read -r -a APP_MORE <<< "${APP_ARGS:-}"
echo "== Maecenas on port $APP_PORT"
DATABASE_URL="postgresql://postgres:bench@127.0.0.1:$PG_PORT/maecenas" MAECENAS_DEMO_ENABLED=false \
  "$JAVA" "${SERVER_JVM[@]}" "${APP_EXTRA[@]}" -jar "$ROOT/target/maecenas.jar" --server.port="$APP_PORT" \
  --logging.level.root=WARN "${APP_MORE[@]}" > "$OUT/app.log" 2>&1 &
PIDS+=($!)
APP_PID="${PIDS[-1]}"
echo "== baseline on port $BASELINE_PORT"
"$JAVA" "${SERVER_JVM[@]}" -cp "$CP" org.maecenas.bench.Baseline "$BASELINE_PORT" "$JDBC" 20 > "$OUT/baseline.log" 2>&1 &
PIDS+=($!)
BASELINE_PID="${PIDS[-1]}"
wait_for "$OUT/baseline.log" READY "$BASELINE_PID" 60
for _ in $(seq 1 240); do
  curl -fsS "http://127.0.0.1:$APP_PORT/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { echo "the application died; see $OUT/app.log" >&2; tail -30 "$OUT/app.log" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$APP_PORT/actuator/health/readiness" >/dev/null

echo "== load ($(nproc) cores, $("$JAVA" -version 2>&1 | head -1))"
"$JAVA" -Xmx512m -cp "$CP" org.maecenas.bench.Load \
  app="http://127.0.0.1:$APP_PORT" baseline="http://127.0.0.1:$BASELINE_PORT" seed="$SEED" \
  jdbc="$JDBC" pids="app:$APP_PID,baseline:$BASELINE_PID,postgres:$POSTMASTER_PID" connections="$CONNECTIONS" warmup="$WARMUP" duration="$DURATION" runs="$RUNS" out="$OUT/results.md" \
  ${ONLY:+only="$ONLY"}
echo
echo "(summary also in $OUT/results.md)"

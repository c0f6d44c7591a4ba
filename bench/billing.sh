#!/usr/bin/env bash
# The Maecenas billing benchmark, in one command:
#
#   bench/billing.sh
#
# builds the application jar and the bench project, starts a dedicated PostgreSQL 17 (data under
# bench/target/pgdata-billing), seeds 1,000,000 pledges due today with COPY (once a day and size; each
# run bills a fresh copy), starts target/maecenas.jar against it and runs BillingBench: the creator
# page's latency, the accruals of a paid post of a creator with 100,000 patrons (published through the
# web), the billing day on a second application process (`java -jar maecenas.jar billing run`) under
# the same page load, and the baseline COPY. Prints a table (also in bench/target/billing-results.md)
# and stops everything it started.
#
# Environment (all optional):
#   PLEDGES=1000000            the population (creator 1 gets a tenth of it)
#   CONNECTIONS=12 RATE=50 WARMUP=15 IDLE=30   the creator-page load (RATE requests/s, paced)
#   SKIP_BUILD=1               use the jars already built
#   NODE_OPTS="-Xmx2g"         JVM options of the billing node
#   NODE_ARGS="--maecenas.billing.workers=1"   its settings (default: none, the application's
#                              defaults: two workers, chunks of 2,000, one turn at the database)
#   NODE_NICE=19               run the billing process under `nice` (PostgreSQL keeps its priority), as
#                              the README advises; the goals' runs in docs/benchmarks.md use it
#   PG_PORT=25433 APP_PORT=28090
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="$ROOT/bench"
OUT="$BENCH/target"
DATA="$OUT/pgdata-billing"
SEED="$OUT/billing-seed.properties"
PG_PORT="${PG_PORT:-25433}"
APP_PORT="${APP_PORT:-28090}"
PLEDGES="${PLEDGES:-1000000}"

source "$BENCH/lib.sh"
require_free_ports "PG_PORT or APP_PORT" "$PG_PORT" "$APP_PORT"

cd "$ROOT"
if [[ -z "${SKIP_BUILD:-}" ]]; then
  echo "== build"
  ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package
  ./mvnw -q -B -f bench/pom.xml -DskipTests package
fi
CP="$BENCH/target/classes:$BENCH/target/lib/*"
mkdir -p "$OUT"

echo "== PostgreSQL on port $PG_PORT"
"$JAVA" -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" org.maecenas.bench.BenchPostgres "$DATA" "$PG_PORT" > "$OUT/postgres-billing.log" 2>&1 &
PIDS+=($!)
wait_for "$OUT/postgres-billing.log" READY "${PIDS[-1]}" 180

echo "== data ($PLEDGES pledges)"
"$JAVA" -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" org.maecenas.bench.BillingSeed \
  "jdbc:postgresql://127.0.0.1:$PG_PORT/" "$ROOT/src/main/resources/db/migration" "$SEED" "$PLEDGES"

echo "== Maecenas on port $APP_PORT"
DATABASE_URL="postgresql://postgres:bench@127.0.0.1:$PG_PORT/billing" MAECENAS_DEMO_ENABLED=false \
  "$JAVA" -Xms512m -Xmx1g -jar "$ROOT/target/maecenas.jar" --server.port="$APP_PORT" --logging.level.root=WARN \
  --db-scheduler.enabled=false > "$OUT/app-billing.log" 2>&1 &
PIDS+=($!)
APP_PID="${PIDS[-1]}"
for _ in $(seq 1 240); do
  curl -fsS "http://127.0.0.1:$APP_PORT/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { echo "the application died; see $OUT/app-billing.log" >&2; tail -30 "$OUT/app-billing.log" >&2; exit 1; }
  sleep 0.5
done

"$JAVA" -Xmx1g -cp "$CP" org.maecenas.bench.BillingBench \
  app="http://127.0.0.1:$APP_PORT" jdbc="jdbc:postgresql://127.0.0.1:$PG_PORT/billing" \
  database-url="postgresql://postgres:bench@127.0.0.1:$PG_PORT/billing" seed="$SEED" \
  java="$JAVA" jar="$ROOT/target/maecenas.jar" node-log="$OUT/billing-node.log" \
  connections="${CONNECTIONS:-12}" rate="${RATE:-50}" warmup="${WARMUP:-15}" idle="${IDLE:-30}" \
  node-opts="${NODE_OPTS:--Xms512m -Xmx2g}" node-args="${NODE_ARGS:-}" node-nice="${NODE_NICE:-}" \
  out="$OUT/billing-results.md" \
  pg-pid="$(head -1 "$DATA/postmaster.pid")" app-pid="$APP_PID"

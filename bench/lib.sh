# Shared by bench/run.sh and bench/billing.sh (sourced, not run): picks a JDK 21+ as $JAVA, stops
# every process pushed onto PIDS on exit (in reverse order of start: the servers, then PostgreSQL,
# whose JVM stops the postmaster), and the helpers below.

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  JAVA="$JAVA_HOME/bin/java"
elif [[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
  JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
else
  JAVA="$(command -v java)"
fi

PIDS=()
cleanup() {
  local status=$?
  for (( i=${#PIDS[@]}-1; i>=0; i-- )); do
    local pid="${PIDS[$i]}"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  exit "$status"
}
trap cleanup EXIT INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# require_free_ports <hint> <port>...: exits naming the hint when one is taken
require_free_ports() {
  local hint="$1"; shift
  for port in "$@"; do
    port_free "$port" || { echo "port $port is in use; set $hint" >&2; exit 1; }
  done
}

wait_for() { # wait_for <log> <text> <pid> <seconds>
  for _ in $(seq 1 $(( $4 * 2 ))); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { echo "process $3 died; see $1" >&2; tail -20 "$1" >&2; return 1; }
    sleep 0.5
  done
  echo "timed out waiting for '$2' in $1" >&2; return 1
}

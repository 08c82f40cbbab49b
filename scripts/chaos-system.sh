# Sourced by scripts/chaos-row.sh: one throwaway Arianna system in $WORK — a broker through
# scripts/broker.sh, the SMTP sink (scripts/mail-sink.py) and the five service executables of
# $BIN, each on its own free loopback port, its pid in $WORK/pids/<service>.
SERVICES=(intake planner notification webreport billing)
# Debian's python3, which has python3-aiosmtpd (as the tests use it).
PYTHON="${ARIANNA_PYTHON:-/usr/bin/python3}"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

system_init() {
  mkdir -p "$WORK/pids" "$WORK/data" "$WORK/mail" "$WORK/logs"
  BROKER_PORT=$(free_port); SMTP_PORT=$(free_port)
  declare -gA PORT
  for service in "${SERVICES[@]}"; do PORT[$service]=$(free_port); done
}

broker_start() { bash "$ROOT/scripts/broker.sh" start "$WORK/broker" "$BROKER_PORT" "$CHAOS_BROKER" >/dev/null; }
broker_kill9() { kill -9 "$(cat "$WORK/broker/tansu.pid")" 2>/dev/null || true; bash "$ROOT/scripts/broker.sh" stop "$WORK/broker"; }

sink_start() { # extra mail-sink.py arguments
  "$PYTHON" "$ROOT/scripts/mail-sink.py" --folder "$WORK/mail" --port "$SMTP_PORT" "$@" >"$WORK/logs/mail-sink.log" 2>&1 &
  echo $! >"$WORK/pids/mail-sink"
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$SMTP_PORT") 2>/dev/null && return 0; sleep 0.1; done
  echo "chaos: the SMTP sink did not start" >&2; return 1
}

service_start() { # service [VAR=value…]: starts it in the background
  local service=$1; shift
  # The client settings scripts/broker.sh chose for its storage, as `make run` passes them.
  env ARIANNA_KAFKA_BROKERS="127.0.0.1:$BROKER_PORT" ARIANNA_DATA_DIR="$WORK/data" ARIANNA_LOG_LEVEL=warning \
    ARIANNA_KAFKA_PROPERTIES="$(cat "$WORK/broker/client.properties")" \
    ARIANNA_SMTP_PORT="$SMTP_PORT" ARIANNA_MAIL_RETRY_SECONDS=1 \
    "ARIANNA_${service^^}_PORT=${PORT[$service]}" "$@" \
    "$BIN/arianna-$service" >>"$WORK/logs/$service.log" 2>&1 &
  echo $! >"$WORK/pids/$service"
}

service_ready() { # service [seconds]
  local i
  for ((i = 0; i < ${2:-120} * 10; i++)); do
    curl -fs "http://127.0.0.1:${PORT[$1]}/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$(cat "$WORK/pids/$1")" 2>/dev/null || { echo "chaos: $1 exited; its log:" >&2; tail -20 "$WORK/logs/$1.log" >&2; return 1; }
    sleep 0.1
  done
  echo "chaos: $1 not ready in ${2:-120} s" >&2; return 1
}

service_kill9() { kill -9 "$(cat "$WORK/pids/$1")" 2>/dev/null || true; wait "$(cat "$WORK/pids/$1")" 2>/dev/null || true; }

system_start() { # the whole system, every service ready
  broker_start
  sink_start
  for service in "${SERVICES[@]}"; do service_start "$service"; done
  for service in "${SERVICES[@]}"; do service_ready "$service"; done
}

system_stop() {
  local name
  for name in "${SERVICES[@]}"; do
    [ -f "$WORK/pids/$name" ] && kill -TERM "$(cat "$WORK/pids/$name")" 2>/dev/null || true
  done
  # SIGKILL: the sink stores by rename (nothing half-written), and on SIGTERM it can wait for
  # client connections that never close.
  [ -f "$WORK/pids/mail-sink" ] && kill -KILL "$(cat "$WORK/pids/mail-sink")" 2>/dev/null || true
  for name in "${SERVICES[@]}" mail-sink; do
    [ -f "$WORK/pids/$name" ] && wait "$(cat "$WORK/pids/$name")" 2>/dev/null || true
  done
  bash "$ROOT/scripts/broker.sh" stop "$WORK/broker" || true
}

now_ms() { date +%s%3N; }

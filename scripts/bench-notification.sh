#!/usr/bin/env bash
# Notification's SMTP figures (docs/BENCHMARKS.md): a local SMTP server (scripts/mail-sink.py,
# aiosmtpd) and notification on free ports, data in a temporary folder, then a burst of
# appointment events through the broker, once with a server answering at once and once with a
# server that takes SMTP_DELAY_MS (default 20) per message: then throughput ≈ connections / delay
# shows the server, not notification, sets the pace. Usage: bench-notification.sh BIN_DIR BROKERS [COUNT]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
BIN="$1"; BROKERS="$2"; COUNT="${3:-1000}"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
WORK="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
CONNECTIONS="${ARIANNA_SMTP_CONNECTIONS:-4}"
# CPU seconds (user + system) a process has used so far, from /proc/PID/stat.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
for DELAY in 0 "${SMTP_DELAY_MS:-20}"; do
  SMTP_PORT="$(free_port)"; HTTP_PORT="$(free_port)"; PREFIX="bench-$RANDOM-"
  "${ARIANNA_PYTHON:-/usr/bin/python3}" scripts/mail-sink.py --folder "$WORK/mail-$DELAY" --port "$SMTP_PORT" --delay-ms "$DELAY" \
    >"$WORK/sink-$DELAY.log" 2>&1 & pids+=($!)
  SINK_PID=$!
  ARIANNA_KAFKA_BROKERS="$BROKERS" ARIANNA_TOPIC_PREFIX="$PREFIX" ARIANNA_DATA_DIR="$WORK/data-$DELAY" ARIANNA_LOG_LEVEL=warning \
    ARIANNA_NOTIFICATION_PORT="$HTTP_PORT" ARIANNA_SMTP_PORT="$SMTP_PORT" ARIANNA_SMTP_CONNECTIONS="$CONNECTIONS" \
    "$BIN/arianna-notification" >"$WORK/notification-$DELAY.log" 2>&1 & pids+=($!)
  NOTIFICATION_PID=$!
  for _ in $(seq 600); do curl -fs "http://127.0.0.1:$HTTP_PORT/health/ready" >/dev/null 2>&1 && break; sleep 0.1; done
  curl -fs "http://127.0.0.1:$HTTP_PORT/health/ready" >/dev/null || { echo "notification did not start:"; tail -20 "$WORK/notification-$DELAY.log"; exit 1; }
  echo "SMTP server delay ${DELAY} ms, ${CONNECTIONS} connections:"
  NOTIFICATION_CPU0="$(cpu_seconds "$NOTIFICATION_PID")"; SINK_CPU0="$(cpu_seconds "$SINK_PID")"
  "$BIN/arianna-bench" notification-smtp --brokers "$BROKERS" --topic-prefix "$PREFIX" --count "$COUNT" --mail-folder "$WORK/mail-$DELAY" \
    --smtp-delay-ms "$DELAY" --connections "$CONNECTIONS"
  # Who worked for the burst: notification (consume, render, send) against the SMTP server.
  echo "CPU during the burst: notification $(awk -v a="$(cpu_seconds "$NOTIFICATION_PID")" -v b="$NOTIFICATION_CPU0" 'BEGIN{printf "%.2f", a-b}') s, SMTP server $(awk -v a="$(cpu_seconds "$SINK_PID")" -v b="$SINK_CPU0" 'BEGIN{printf "%.2f", a-b}') s"
  kill -TERM "$NOTIFICATION_PID" 2>/dev/null || true; wait "$NOTIFICATION_PID" 2>/dev/null || true
done

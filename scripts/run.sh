#!/usr/bin/env bash
# `make run`: bootstrap, build, start a durable broker and the five services with all their data
# under one folder (ARIANNA_DATA_DIR, default ./data), load the demo data, print the URLs.
# Ctrl-C stops everything cleanly; running it again keeps the data.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

DATA="${ARIANNA_DATA_DIR:-$ROOT/data}"
BROKER_PORT="${ARIANNA_BROKER_PORT:-9092}"
mkdir -p "$DATA/logs"
DATA="$(cd "$DATA" && pwd)"

bash scripts/bootstrap.sh
echo "building (the first build takes a few minutes)…"
# One build with its progress shown; an upstream package's note about its CMakeLists is noise.
swift build 2>&1 | grep -v -e "swift-distributed-tracing" -e "CMakeLists.txt"
BIN="$(swift build --show-bin-path)"

pids=()
stopping=0
stop_all() {
  [ "$stopping" = 1 ] && return; stopping=1
  echo; echo "stopping services…"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  bash scripts/broker.sh stop "$DATA/broker"
  echo "stopped; data kept in $DATA"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

bash scripts/broker.sh start "$DATA/broker" "$BROKER_PORT" durable
export ARIANNA_KAFKA_BROKERS="127.0.0.1:$BROKER_PORT" ARIANNA_DATA_DIR="$DATA"
export ARIANNA_KAFKA_PROPERTIES="$(cat "$DATA/broker/client.properties")"
# One partition per topic on this one-machine durable broker: every fetch of Tansu's S3 engine
# lists each partition it asks for, so three partitions per topic cost three listings
# (docs/BENCHMARKS.md, "The durable broker": a burst of 1,000 drained in 8.4 s instead of 15.2 s).
# Topics a previous run created keep their partitions. Apache Kafka (compose/) keeps 3.
export ARIANNA_TOPIC_PARTITIONS="${ARIANNA_TOPIC_PARTITIONS:-1}"
# A local SMTP server (aiosmtpd) that keeps every email notification sends in $DATA/mail-sink,
# unless ARIANNA_SMTP_HOST names a real one.
sink_pid=""
if [ -z "${ARIANNA_SMTP_HOST:-}" ]; then
  "${ARIANNA_PYTHON:-/usr/bin/python3}" scripts/mail-sink.py --folder "$DATA/mail-sink" \
    --port "${ARIANNA_SMTP_PORT:-2525}" >>"$DATA/logs/mail-sink.log" 2>&1 &
  sink_pid=$!
fi
for service in "${SERVICES[@]}"; do
  "$BIN/arianna-$service" >>"$DATA/logs/$service.log" 2>&1 &
  pids+=($!)
done
[ -n "$sink_pid" ] && pids+=("$sink_pid")

for service in "${SERVICES[@]}"; do
  url="http://127.0.0.1:${SERVICE_PORT[$service]}/health/ready"
  for _ in $(seq 600); do curl -fs "$url" >/dev/null 2>&1 && break; sleep 0.1; done
  curl -fs "$url" >/dev/null || { echo "$service did not become ready; see $DATA/logs/$service.log"; exit 1; }
done

bash scripts/demo.sh "http://127.0.0.1:${SERVICE_PORT[intake]}" "http://127.0.0.1:${SERVICE_PORT[planner]}" \
  "http://127.0.0.1:${SERVICE_PORT[billing]}"

cat <<MSG

Arianna is running (data in $DATA, logs in $DATA/logs):
  log in         http://127.0.0.1:${SERVICE_PORT[intake]}/login   (admin / arianna-admin; giulia, mario, lucia / arianna-demo)
  intake         http://127.0.0.1:${SERVICE_PORT[intake]}/tickets   (back office work list: /work; JSON: /api/tickets)
  planner board  http://127.0.0.1:${SERVICE_PORT[planner]}/board   (JSON: /api/queue, /api/appointments)
  notification   http://127.0.0.1:${SERVICE_PORT[notification]}/outbox   (templates: /templates; recipients: /recipients; SMTP 127.0.0.1:${ARIANNA_SMTP_PORT:-2525}, received mail in $DATA/mail-sink)
  web-report     http://127.0.0.1:${SERVICE_PORT[webreport]}/todo   (a technician's to-do list: log in as mario)
  billing        http://127.0.0.1:${SERVICE_PORT[billing]}/documents   (articles, /stock, /mrp; JSON: /api/billing-documents)
  broker         127.0.0.1:$BROKER_PORT
Each service also serves /health/live, /health/ready and /metrics. Ctrl-C stops everything.
MSG
wait "${pids[0]}"

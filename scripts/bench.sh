#!/usr/bin/env bash
# `make bench`: release build, a durable broker on a free port, intake and planner on free ports
# (all on loopback, data in a temporary folder), then the two measurements of docs/BENCHMARKS.md:
# the raw broker produce→consume round trip and the intake → planner-queue latency, in one run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

COUNT="${BENCH_COUNT:-1000}"
bash scripts/bootstrap.sh
swift build -c release --scratch-path .build-release
BIN="$(swift build -c release --scratch-path .build-release --show-bin-path)"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
DATA="$(mktemp -d)"
BROKER_PORT="$(free_port)"; INTAKE_PORT="$(free_port)"; PLANNER_PORT="$(free_port)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  bash scripts/broker.sh stop "$DATA/broker"
  rm -rf "$DATA"
}
trap cleanup EXIT

bash scripts/broker.sh start "$DATA/broker" "$BROKER_PORT" "${BENCH_STORAGE:-durable}"
export ARIANNA_KAFKA_BROKERS="127.0.0.1:$BROKER_PORT" ARIANNA_DATA_DIR="$DATA" ARIANNA_LOG_LEVEL=warning
ARIANNA_INTAKE_PORT="$INTAKE_PORT" "$BIN/arianna-intake" >"$DATA/intake.log" 2>&1 & pids+=($!)
ARIANNA_PLANNER_PORT="$PLANNER_PORT" "$BIN/arianna-planner" >"$DATA/planner.log" 2>&1 & pids+=($!)
for port in "$INTAKE_PORT" "$PLANNER_PORT"; do
  for _ in $(seq 600); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 0.1; done
done

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m), broker storage ${BENCH_STORAGE:-durable}"
"$BIN/arianna-bench" broker --brokers "127.0.0.1:$BROKER_PORT" --count "$COUNT"
"$BIN/arianna-bench" pipeline --intake "http://127.0.0.1:$INTAKE_PORT" --planner "http://127.0.0.1:$PLANNER_PORT" --count "$COUNT"
"$BIN/arianna-bench" intake-kafka --brokers "127.0.0.1:$BROKER_PORT" --count "$COUNT"
bash scripts/bench-notification.sh "$BIN" "127.0.0.1:$BROKER_PORT" "$COUNT"

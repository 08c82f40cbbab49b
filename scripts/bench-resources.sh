#!/usr/bin/env bash
# Issue 13's memory and start-up rows (docs/BENCHMARKS.md, "Resources"): the five services on a
# fresh data folder and a fresh topic prefix of the given broker, each timed from launch to its
# first 200 on /health/ready; each one's resident memory (VmRSS of /proc/PID/status) idle, then
# after a burst of COUNT tickets through intake's Kafka channel (`arianna-bench intake-kafka`,
# every reply awaited) once every consumer reports a lag of 0 measured after the burst. Goals:
# ready ≤ 5 s (release), RSS ≤ 40 MB idle and ≤ 100 MB loaded.
# Usage: bench-resources.sh BIN_DIR BROKERS [COUNT]   (bench.sh: BENCH_ONLY=resources)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
BIN="$1"; BROKERS="$2"; COUNT="${3:-10000}"
SERVICES=(intake planner notification webreport billing)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
WORK="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
PREFIX="bench-resources-$RANDOM-"
SMTP_PORT="$(free_port)"
"${ARIANNA_PYTHON:-/usr/bin/python3}" scripts/mail-sink.py --folder "$WORK/mail" --port "$SMTP_PORT" >"$WORK/sink.log" 2>&1 & pids+=($!)
export ARIANNA_KAFKA_BROKERS="$BROKERS" ARIANNA_TOPIC_PREFIX="$PREFIX" ARIANNA_DATA_DIR="$WORK/data" ARIANNA_LOG_LEVEL=warning \
  ARIANNA_SMTP_PORT="$SMTP_PORT"
mkdir -p "$WORK/data"
now_ms() { date +%s%3N; }
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
# The anonymous part of it (heap, stacks, SQLite's page cache), without the mapped executable.
anon_kb() { awk '/^RssAnon:/ { print $2 }' "/proc/$1/status"; }
# Proportional set size: pages shared with the other services (Foundation, ICU data) split between them.
pss_kb() { awk '/^Pss:/ { print $2 }' "/proc/$1/smaps_rollup"; }
declare -A PORT PID STARTED READY_MS
for service in "${SERVICES[@]}"; do
  PORT[$service]="$(free_port)"
  upper="$(echo "$service" | tr '[:lower:]' '[:upper:]')"
  STARTED[$service]="$(now_ms)"
  env "ARIANNA_${upper}_PORT=${PORT[$service]}" "$BIN/arianna-$service" >"$WORK/$service.log" 2>&1 & pids+=($!)
  PID[$service]=$!
done
# All five start at once, as after a machine's boot; each is timed from its own launch.
for service in "${SERVICES[@]}"; do
  url="http://127.0.0.1:${PORT[$service]}/health/ready"
  for _ in $(seq 1200); do
    if curl -fs "$url" >/dev/null 2>&1; then READY_MS[$service]=$(( $(now_ms) - STARTED[$service] )); break; fi
    sleep 0.02
  done
  [ -n "${READY_MS[$service]:-}" ] || { echo "$service did not become ready:"; tail -20 "$WORK/$service.log"; exit 1; }
done
sleep "${BENCH_RESOURCES_SETTLE:-5}"   # idle: past the first lag measurement, nothing to do
declare -A IDLE_KB LOADED_KB IDLE_ANON LOADED_ANON IDLE_PSS LOADED_PSS
for service in "${SERVICES[@]}"; do
  IDLE_KB[$service]="$(rss_kb "${PID[$service]}")"; IDLE_ANON[$service]="$(anon_kb "${PID[$service]}")"; IDLE_PSS[$service]="$(pss_kb "${PID[$service]}")"
done

echo "burst: $COUNT tickets through intake's Kafka channel (topic prefix $PREFIX)"
"$BIN/arianna-bench" intake-kafka --brokers "$BROKERS" --topic-prefix "$PREFIX" --count "$COUNT"
BURST_END="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
sleep 1
# Caught up: every consumer's lag, measured (every 5 s) after the burst ended, is 0.
caught_up() {
  local service="$1"
  curl -fs "http://127.0.0.1:${PORT[$service]}/health/ready" | python3 -c '
import json, sys
status = json.load(sys.stdin)
lag = status.get("consumerLag")
sys.exit(0 if lag is not None and lag["measuredAt"] > sys.argv[1] and lag["total"] == 0 else 1)' "$BURST_END"
}
WAIT_START="$(now_ms)"
for service in "${SERVICES[@]}"; do
  for _ in $(seq "${BENCH_RESOURCES_TIMEOUT:-900}"); do caught_up "$service" && break; sleep 1; done
  caught_up "$service" || { echo "$service did not catch up in time"; exit 1; }
done
echo "consumers caught up $(( ($(now_ms) - WAIT_START) / 1000 )) s after the last reply"
for service in "${SERVICES[@]}"; do
  LOADED_KB[$service]="$(rss_kb "${PID[$service]}")"; LOADED_ANON[$service]="$(anon_kb "${PID[$service]}")"; LOADED_PSS[$service]="$(pss_kb "${PID[$service]}")"
done

verdict() { [ "$1" -le "$2" ] && echo "ok" || echo "OVER"; }
printf '%-13s %10s %12s %14s\n' service "ready ms" "RSS idle MB" "RSS loaded MB"
for service in "${SERVICES[@]}"; do
  idle=$(( IDLE_KB[$service] / 1024 )); loaded=$(( LOADED_KB[$service] / 1024 ))
  printf '%-13s %10s %12s %14s   ready %s, idle %s, loaded %s; anonymous %s → %s MB, PSS %s → %s MB\n' "$service" \
    "${READY_MS[$service]}" "$idle" "$loaded" "$(verdict "${READY_MS[$service]}" 5000)" "$(verdict "$idle" 40)" \
    "$(verdict "$loaded" 100)" "$(( IDLE_ANON[$service] / 1024 ))" "$(( LOADED_ANON[$service] / 1024 ))" \
    "$(( IDLE_PSS[$service] / 1024 ))" "$(( LOADED_PSS[$service] / 1024 ))"
done

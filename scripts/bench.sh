#!/usr/bin/env bash
# `make bench`: release build, a durable broker on a free port, intake and planner on free ports
# (all on loopback, data in a temporary folder), then every measurement of docs/BENCHMARKS.md in
# one run: the raw broker round trip, intake → planner-queue latency, intake over Kafka, and the
# planner's in-process benchmarks (suggestions, fit check, presence generation, board), and the
# board and queue API with a backlog published through the broker (queue); the raw round trip
# beside the Python confluent-kafka client (broker), and a second, durable broker with its own
# intake and planner, as `make run` has them (durable; issue 13).
#
# BENCH_ONLY="webreport billing …" runs only the named benchmarks (names as in the lines below).
# BENCH_TINY=1 (what `make test` runs): the debug build already made, the memory broker and tiny
# sizes, so every benchmark is exercised end to end and cannot rot; its figures mean nothing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

if [ -n "${BENCH_TINY:-}" ]; then
  COUNT="${BENCH_COUNT:-20}"
  BENCH_STORAGE=memory
  BIN="$(swift build --show-bin-path)"
  SUGGESTIONS=(--operators 5 --days 2 --runs 2)
  FIT_CHECK=(--operators 5 --per-operator 20 --drops 5)
  PRESENCES=(--operators 5 --from 2031-01-01 --to 2031-01-31)
  BOARD=(--technicians 3 --renders 2 --drops 3)
  QUEUE=(--calls 120 --renders 2 --pages 3)
  BILLING=(--tickets 20 --confirmations 5 --articles 100 --orders 50)
  export BENCH_WEBREPORT_ITEMS=10 BENCH_REPORTS=3
  BACKLOG=(--count 200 --services planner,intake-events)
  INTAKE_KAFKA_COUNT="$COUNT"; INTAKE_HTTP=(4 2s)
  GROUP_SPLIT=(--count 200)
  RFC3339_COUNT=2000
else
  COUNT="${BENCH_COUNT:-1000}"
  # ARIANNA_WITH_VENV: .deps/venv with the pinned confluent-kafka for the Python round trip.
  ARIANNA_WITH_VENV=1 bash scripts/bootstrap.sh
  swift build -c release --scratch-path .build-release
  BIN="$(swift build -c release --scratch-path .build-release --show-bin-path)"
  SUGGESTIONS=(); FIT_CHECK=(); PRESENCES=(); BOARD=(); BILLING=(); QUEUE=()
  BACKLOG=(--count "${BENCH_BACKLOG:-10000}" --services planner,webreport,billing,notification,intake,intake-events)
  INTAKE_KAFKA_COUNT="${BENCH_INTAKE_KAFKA:-10000}"; INTAKE_HTTP=(32 20s)
  GROUP_SPLIT=(--count "${BENCH_BACKLOG:-10000}")
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
DATA="$(mktemp -d)"
BROKER_PORT="$(free_port)"; INTAKE_PORT="$(free_port)"; PLANNER_PORT="$(free_port)"; WEBREPORT_PORT="$(free_port)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  bash scripts/broker.sh stop "$DATA/broker"
  [ ! -d "$DATA/durable/broker" ] || bash scripts/broker.sh stop "$DATA/durable/broker"
  rm -rf "$DATA"
}
trap cleanup EXIT

bash scripts/broker.sh start "$DATA/broker" "$BROKER_PORT" "${BENCH_STORAGE:-durable}"
export ARIANNA_KAFKA_BROKERS="127.0.0.1:$BROKER_PORT" ARIANNA_DATA_DIR="$DATA" ARIANNA_LOG_LEVEL=warning
# The client settings that suit this broker's storage (scripts/broker.sh), as `make run` uses them.
export ARIANNA_KAFKA_PROPERTIES="$(cat "$DATA/broker/client.properties")"
ARIANNA_INTAKE_PORT="$INTAKE_PORT" "$BIN/arianna-intake" >"$DATA/intake.log" 2>&1 & pids+=($!)
ARIANNA_PLANNER_PORT="$PLANNER_PORT" "$BIN/arianna-planner" >"$DATA/planner.log" 2>&1 & pids+=($!); PLANNER_PID=$!
ARIANNA_WEBREPORT_PORT="$WEBREPORT_PORT" "$BIN/arianna-webreport" >"$DATA/webreport.log" 2>&1 & pids+=($!)
for port in "$INTAKE_PORT" "$PLANNER_PORT" "$WEBREPORT_PORT"; do
  for _ in $(seq 600); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 0.1; done
done

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m), broker storage ${BENCH_STORAGE:-durable}"
want() { [ -z "${BENCH_ONLY:-}" ] || [[ " $BENCH_ONLY " == *" $1 "* ]]; }
# Issue 14, hostile events: the poison corpus on every consumed topic, then the dead-letter topic
# must hold each record once per running consumer group (first, so no other run's dead letters mix in).
if want poison; then
  "$BIN/arianna-bench" poison --brokers "127.0.0.1:$BROKER_PORT" --out "$DATA/poison.jsonl" --services intake,planner,webreport
  "$BIN/arianna-bench" dead-letters --brokers "127.0.0.1:$BROKER_PORT" --expect "$DATA/poison.jsonl" --timeout 120
fi
# Issue 13: the raw round trip with our client, with the Python confluent-kafka client (its own
# librdkafka) on the same broker, and with our client at the old fetch.wait.max.ms=100.
PYTHON_PROPERTIES=(); for property in $ARIANNA_KAFKA_PROPERTIES; do PYTHON_PROPERTIES+=(--consumer "$property"); done
if want broker; then
  "$BIN/arianna-bench" broker --brokers "127.0.0.1:$BROKER_PORT" --count "$COUNT"
  .deps/venv/bin/python scripts/bench-broker-python.py --brokers "127.0.0.1:$BROKER_PORT" --count "$COUNT" "${PYTHON_PROPERTIES[@]}"
  echo "the same with fetch.wait.max.ms=100 (the setting before issue 13):"
  "$BIN/arianna-bench" broker --brokers "127.0.0.1:$BROKER_PORT" --count "$COUNT" --consumer-property fetch.wait.max.ms=100
fi
! want pipeline || "$BIN/arianna-bench" pipeline --intake "http://127.0.0.1:$INTAKE_PORT" --planner "http://127.0.0.1:$PLANNER_PORT" --count "$COUNT" \
  --brokers "127.0.0.1:$BROKER_PORT" --properties "$ARIANNA_KAFKA_PROPERTIES"
! want intake-kafka || "$BIN/arianna-bench" intake-kafka --brokers "127.0.0.1:$BROKER_PORT" --count "$INTAKE_KAFKA_COUNT"
# Intake over HTTP at full speed (issue 13): wrk, unpaced, 32 connections for 20 s (tiny: 4 for 2 s).
! want intake-http || bash scripts/bench-intake-http.sh "http://127.0.0.1:$INTAKE_PORT" "${INTAKE_HTTP[@]}"
! want suggestions || "$BIN/arianna-bench" suggestions "${SUGGESTIONS[@]}"
! want fit-check || "$BIN/arianna-bench" fit-check "${FIT_CHECK[@]}"
! want presence-generation || "$BIN/arianna-bench" presence-generation "${PRESENCES[@]}"
! want board || "$BIN/arianna-bench" board "${BOARD[@]}"
# The wire's timestamps: RFC3339 against Foundation's ISO8601FormatStyle (issue 8).
! want rfc3339 || "$BIN/arianna-bench" rfc3339 --count "${RFC3339_COUNT:-1000000}"
! want webreport || "$BIN/arianna-bench" webreport --items "${BENCH_WEBREPORT_ITEMS:-200}"
! want report-close || "$BIN/arianna-bench" report-close --intake "http://127.0.0.1:$INTAKE_PORT" --planner "http://127.0.0.1:$PLANNER_PORT" \
  --webreport "http://127.0.0.1:$WEBREPORT_PORT" --count "${BENCH_REPORTS:-50}"
# The board and queue API with a backlog fed through the broker (issue 15); after the others
# that use the planner, since it leaves its calls in the planner's queue.
! want queue || "$BIN/arianna-bench" queue --brokers "127.0.0.1:$BROKER_PORT" --intake "http://127.0.0.1:$INTAKE_PORT" \
  --planner "http://127.0.0.1:$PLANNER_PORT" --planner-pid "$PLANNER_PID" "${QUEUE[@]}"
# Billing in-process (temporary on-disk store): drafts per second, confirm latency, MRP.
! want billing || "$BIN/arianna-bench" billing "${BILLING[@]}"
# Backlog catch-up per consumer (planner, web-report, billing, notification, intake, and intake's
# own events: appointments and closing interventions of its tickets), one event per transaction
# beside batches of 500, on a fresh topic prefix of the same broker.
! want backlog || "$BIN/arianna-bench" backlog --brokers "127.0.0.1:$BROKER_PORT" "${BACKLOG[@]}"
# Issue 13, scaling out: the same backlog split by one, then two notification members of one
# consumer group (own stores, 4 partitions), on a fresh topic prefix of the same broker.
! want group-split || "$BIN/arianna-bench" group-split --brokers "127.0.0.1:$BROKER_PORT" "${GROUP_SPLIT[@]}"
! want notification || bash scripts/bench-notification.sh "$BIN" "127.0.0.1:$BROKER_PORT" "$COUNT"
# Issue 13: the five services' start-up to ready and resident memory idle and after a burst of
# tickets, on their own data folder and topic prefix (scripts/bench-resources.sh).
# Left out of `make test`'s tiny run of everything (about 30 s: five starts, an idle pause, a lag
# wait); `BENCH_TINY=1 BENCH_ONLY=resources` runs it tiny.
if want resources && { [ -z "${BENCH_TINY:-}" ] || [ -n "${BENCH_ONLY:-}" ]; }; then
  bash scripts/bench-resources.sh "$BIN" "127.0.0.1:$BROKER_PORT" "${BENCH_RESOURCES_COUNT:-$([ -n "${BENCH_TINY:-}" ] && echo 100 || echo 10000)}"
fi
# Issue 13: the durable broker of `make run` (Tansu on S3 served by localbucket) in its own
# stack — broker, intake and planner with their own data — whatever BENCH_STORAGE says: tickets
# one at a time, then a burst all at once; and the raw round trip on it with both clients.
if want durable; then
  D="$DATA/durable"; mkdir -p "$D"
  D_BROKER="$(free_port)"; D_INTAKE="$(free_port)"; D_PLANNER="$(free_port)"
  bash scripts/broker.sh start "$D/broker" "$D_BROKER" durable
  d_pids=()
  # One partition per topic, as `make run` (scripts/run.sh) starts the services on this broker.
  D_ENV=(env ARIANNA_TOPIC_PARTITIONS=1 ARIANNA_KAFKA_BROKERS="127.0.0.1:$D_BROKER" ARIANNA_DATA_DIR="$D" ARIANNA_KAFKA_PROPERTIES="$(cat "$D/broker/client.properties")")
  "${D_ENV[@]}" ARIANNA_INTAKE_PORT="$D_INTAKE" "$BIN/arianna-intake" >"$D/intake.log" 2>&1 & d_pids+=($!)
  "${D_ENV[@]}" ARIANNA_PLANNER_PORT="$D_PLANNER" "$BIN/arianna-planner" >"$D/planner.log" 2>&1 & d_pids+=($!)
  pids+=("${d_pids[@]}")
  for port in "$D_INTAKE" "$D_PLANNER"; do
    for _ in $(seq 600); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 0.1; done
  done
  if [ -n "${BENCH_TINY:-}" ]; then ONE=5; BURST=20; else ONE=200; BURST=1000; fi
  D_PYTHON=(); for property in $(cat "$D/broker/client.properties"); do D_PYTHON+=(--consumer "$property"); done
  echo "durable broker: raw round trip, our client and Python's"
  "${D_ENV[@]}" "$BIN/arianna-bench" broker --brokers "127.0.0.1:$D_BROKER" --count "$ONE" --pace 50
  .deps/venv/bin/python scripts/bench-broker-python.py --brokers "127.0.0.1:$D_BROKER" --count "$ONE" --pace 50 "${D_PYTHON[@]}"
  echo "durable broker: $ONE tickets one at a time"
  "$BIN/arianna-bench" pipeline --intake "http://127.0.0.1:$D_INTAKE" --planner "http://127.0.0.1:$D_PLANNER" \
    --count "$ONE" --concurrency 1 --pace 50 --brokers "127.0.0.1:$D_BROKER" --properties "$(cat "$D/broker/client.properties")"
  echo "durable broker: a burst of $BURST tickets"
  "$BIN/arianna-bench" pipeline --intake "http://127.0.0.1:$D_INTAKE" --planner "http://127.0.0.1:$D_PLANNER" \
    --count "$BURST" --concurrency 32 --pace 0
  # Stop this stack so it does not take CPU from the benchmarks after it.
  for pid in "${d_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${d_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  bash scripts/broker.sh stop "$D/broker"
fi
# Issue 15: fill the running system through its APIs, then ticket search and detail latency —
# at 10,000 tickets and again at 300,000 (30,000 left open, 200 technicians), to see it stay flat.
if want seed || want ticket-search; then
  SEED=("$BIN/arianna-bench" seed --intake "http://127.0.0.1:$INTAKE_PORT" --planner "http://127.0.0.1:$PLANNER_PORT")
  SEARCH=("$BIN/arianna-bench" ticket-search --intake "http://127.0.0.1:$INTAKE_PORT")
  if [ -n "${BENCH_TINY:-}" ]; then
    "${SEED[@]}" --tickets 200 --open 20 --technicians 3 --run tiny
    "${SEARCH[@]}" --runs 20
  else
    "${SEED[@]}" --tickets 10000 --open 1000 --technicians 200 --run seed-10k
    "${SEARCH[@]}"
    "${SEED[@]}" --tickets 290000 --open 29000 --technicians 0 --run seed-300k --queue-timeout 1800
    "${SEARCH[@]}"
  fi
fi

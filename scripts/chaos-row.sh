#!/usr/bin/env bash
# One row of the chaos matrix (scripts/chaos.sh runs them): a fresh system in a temporary
# folder, CHAOS_TICKETS calls driven end to end by `arianna-bench chaos-load`, ROW's fault
# injected once about half the calls are open, then — once the flow has finished — the counts
# from every store and topic (scripts/chaos-count.py) as one JSON line appended to $CHAOS_RESULTS.
#
#   scripts/chaos-row.sh ROW     (BIN, CHAOS_TICKETS, CHAOS_BROKER, CHAOS_RESULTS from chaos.sh)
#
# Rows: kill-intake kill-planner kill-notification kill-webreport kill-billing (kill -9 mid-stream,
# restarted), kill-each (each of the five in turn in one flow: the short run of `make test`),
# relay-ack-mark (intake's relay SIGKILLs itself between the broker's ack and the mark),
# broker-restart (the durable broker kill -9'd and started again), poison (arianna-bench poison
# mid-stream, arianna-bench dead-letters at the end), slow-smtp (the sink answers slowly, then
# 451 for a while), disk-full (the planner's store on a size-limited tmpfs filled for a while;
# needs root and `unshare -m`, chaos.sh runs the row in a private mount namespace).
set -euo pipefail
ROW=${1:?row}
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N=${CHAOS_TICKETS:-10000}
# The memory broker unless asked otherwise (faster); the broker row always needs the durable one.
CHAOS_BROKER=${CHAOS_BROKER:-memory}
[ "$ROW" = broker-restart ] && CHAOS_BROKER=durable
WORK="$(mktemp -d "${TMPDIR:-/tmp}/arianna-chaos-$ROW-XXXXXX")"
source "$ROOT/scripts/chaos-system.sh"
count() { "$PYTHON" "$ROOT/scripts/chaos-count.py" "$@"; }
log() { echo "  [$ROW $(date -u +%H:%M:%S)] $*" >&2; }

system_init
cleanup() {
  [ -n "${DRIVER:-}" ] && kill "$DRIVER" 2>/dev/null || true
  system_stop >/dev/null 2>&1 || true
  mountpoint -q "$WORK/data/planner" 2>/dev/null && umount -l "$WORK/data/planner" || true
  [ -n "${CHAOS_KEEP:-}" ] && echo "  kept $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT

NOTE=""
if [ "$ROW" = disk-full ]; then
  # 384 MiB hold the planner's store for 10,000 calls with room to spare; filled up mid-stream.
  mkdir -p "$WORK/data/planner"
  mount -t tmpfs -o size=384m tmpfs "$WORK/data/planner"
fi
INTAKE_FAULT=()
[ "$ROW" = relay-ack-mark ] && INTAKE_FAULT=("ARIANNA_FAULT_KILL_AFTER_PUBLISH=$((N / 2))")

broker_start
sink_start
service_start intake "${INTAKE_FAULT[@]}"
for service in planner notification webreport billing; do service_start "$service"; done
for service in "${SERVICES[@]}"; do service_ready "$service"; done
log "system up (broker $CHAOS_BROKER on $BROKER_PORT); driving $N calls"

url() { echo "http://127.0.0.1:${PORT[$1]}"; }
"$BIN/arianna-bench" chaos-load --intake "$(url intake)" --planner "$(url planner)" --webreport "$(url webreport)" \
  --tickets "$N" --run "chaos-$ROW" --out "$WORK/tickets.jsonl" --progress "$WORK/progress" \
  --connections "${CHAOS_CONNECTIONS:-16}" >"$WORK/logs/driver.log" 2>&1 &
DRIVER=$!

opened() { tail -n 1 "$WORK/progress" 2>/dev/null | awk '{print $2 + 0}'; }
wait_opened() { # count: until the driver has opened that many calls (or has ended)
  while [ "$(opened)" -lt "$1" ] 2>/dev/null || [ ! -s "$WORK/progress" ]; do
    kill -0 "$DRIVER" 2>/dev/null || return 0
    sleep 0.2
  done
}
restart() { # service: kill -9, start again, wait until ready
  service_kill9 "$1"
  service_start "$1"
  service_ready "$1"
}
RECOVERY_MS=""
recovered_after() { # since-ms signal before: until the signal moves past `before`; sets RECOVERY_MS
  local since=$1 signal=$2 before=$3 deadline=$(( $(now_ms) + 900000 )) value
  while [ "$(now_ms)" -lt "$deadline" ]; do
    value=$(count signal "$WORK" "$signal")
    if [ "$value" -gt "$before" ]; then
      local took=$(( $(now_ms) - since ))
      [ -z "$RECOVERY_MS" ] || [ "$took" -gt "$RECOVERY_MS" ] && RECOVERY_MS=$took
      return 0
    fi
    [ "$value" -ge "$N" ] && [ "$signal" != notification ] && return 0
    sleep 0.2
  done
  log "no progress of $signal within 900 s"
}
kill_restart() { # service: its own stage's count (chaos-count.py signal) is the progress watched
  local fault before
  fault=$(now_ms); before=$(count signal "$WORK" "$1")
  restart "$1"
  log "kill -9 $1, restarted"
  recovered_after "$fault" "$1" "$before"
}

case $ROW in
kill-intake|kill-planner|kill-notification|kill-webreport|kill-billing)
  wait_opened $((N / 2)); kill_restart "${ROW#kill-}" ;;
kill-each)
  step=0
  for service in "${SERVICES[@]}"; do
    step=$((step + 1)); wait_opened $((N * step / 6)); kill_restart "$service"
  done ;;
relay-ack-mark)
  while kill -0 "$(cat "$WORK/pids/intake")" 2>/dev/null; do sleep 0.1; done
  fault=$(now_ms); before=$(count signal "$WORK" queue)
  log "intake's relay killed itself between the ack and the mark; restarting intake"
  service_start intake; service_ready intake
  recovered_after "$fault" queue "$before" ;;
broker-restart)
  wait_opened $((N / 2))
  fault=$(now_ms); before=$(count signal "$WORK" queue)
  broker_kill9; log "broker killed -9"; sleep 5; broker_start; log "broker started again"
  recovered_after "$fault" queue "$before" ;;
poison)
  wait_opened $((N / 2))
  # The poison helper's interface (arianna-bench poison / dead-letters), when this build has it.
  if "$BIN/arianna-bench" --help 2>/dev/null | grep -qw poison; then
    fault=$(now_ms); before=$(count signal "$WORK" queue)
    "$BIN/arianna-bench" poison --brokers "127.0.0.1:$BROKER_PORT" --out "$WORK/poison.jsonl" >>"$WORK/logs/poison.log" 2>&1
    log "poison published: $(wc -l <"$WORK/poison.jsonl") messages"
    recovered_after "$fault" queue "$before"
  else
    NOTE="arianna-bench poison is not in this build"
  fi ;;
slow-smtp)
  wait_opened $((N / 2))
  echo 300 >"$WORK/mail/.delay-ms"; log "SMTP sink: 300 ms a message for 20 s"; sleep 20
  echo $(( $(date +%s) + 20 )) >"$WORK/mail/.tempfail-until"; log "SMTP sink: 451 for 20 s"; sleep 20
  rm -f "$WORK/mail/.delay-ms"
  fault=$(now_ms); before=$(count signal "$WORK" notification)
  recovered_after "$fault" notification "$before" ;;
disk-full)
  wait_opened $((N / 2))
  dd if=/dev/zero of="$WORK/data/planner/filler" bs=1M status=none 2>/dev/null || true
  log "planner's disk full ($(df -h --output=avail "$WORK/data/planner" | tail -1) left) for 20 s"
  sleep 20
  rm -f "$WORK/data/planner/filler"
  fault=$(now_ms); before=$(count signal "$WORK" planner)
  recovered_after "$fault" planner "$before" ;;
*) echo "unknown row $ROW" >&2; exit 2 ;;
esac

DRIVER_STATUS=0; wait "$DRIVER" || DRIVER_STATUS=$?
DRIVER=""
log "driver ended ($DRIVER_STATUS): $(tail -n 1 "$WORK/logs/driver.log")"
SETTLED=0
deadline=$(( $(date +%s) + 600 + N / 10 ))
until count settled "$WORK" "$N"; do
  [ "$(date +%s)" -lt "$deadline" ] || { SETTLED=1; log "the flow did not finish in time"; break; }
  sleep 1
done
# Every service must still be alive at the end (a crash after the fault would hide behind the counts).
for service in "${SERVICES[@]}"; do
  kill -0 "$(cat "$WORK/pids/$service")" 2>/dev/null || NOTE="$NOTE $service died"
done
# The durable broker serves one stored request per partition per fetch, each fetch listing the
# partition's whole S3 folder (1,800 records took 150 s from the beginning), so on it the
# records are counted from its bucket folder instead (the same records, read in one pass).
TOPICS_TIMEOUT=300
STORED=()
[ "$CHAOS_BROKER" = durable ] && STORED=(--storage-folder "$WORK/broker/s3")
if ! "$BIN/arianna-bench" chaos-topics --brokers "127.0.0.1:$BROKER_PORT" --out "$WORK/topics.json" "${STORED[@]}" \
  --timeout "$TOPICS_TIMEOUT" --properties "$(cat "$WORK/broker/client.properties" 2>/dev/null)" >>"$WORK/logs/topics.log" 2>&1; then
  NOTE="$NOTE the topics were not read back in $TOPICS_TIMEOUT s ($(tail -n 1 "$WORK/logs/topics.log"))"
  log "chaos-topics failed: $(tail -n 1 "$WORK/logs/topics.log")"
fi
DEAD="-"
if [ -s "$WORK/poison.jsonl" ]; then
  if "$BIN/arianna-bench" dead-letters --brokers "127.0.0.1:$BROKER_PORT" --expect "$WORK/poison.jsonl" --timeout 120 \
      >"$WORK/logs/dead-letters.log" 2>&1; then DEAD="exact"; else DEAD="MISMATCH"; fi
  tail -n 20 "$WORK/logs/dead-letters.log" >&2
fi
system_stop >/dev/null 2>&1
[ -f "$WORK/tickets.jsonl" ] || : >"$WORK/tickets.jsonl"
RESULT=$(count count "$WORK" "$N")
"$PYTHON" - "$RESULT" "$ROW" "$N" "${RECOVERY_MS:-}" "$DRIVER_STATUS" "$SETTLED" "$DEAD" "$NOTE" >>"${CHAOS_RESULTS:-/dev/stdout}" <<'PY'
import json, sys
result = json.loads(sys.argv[1])
result.update(row=sys.argv[2], tickets=int(sys.argv[3]), recoveryMs=int(sys.argv[4]) if sys.argv[4] else None,
              driverStatus=int(sys.argv[5]), settled=sys.argv[6] == "0", deadLetterCheck=sys.argv[7], note=sys.argv[8].strip())
print(json.dumps(result, sort_keys=True))
PY
log "done: $RESULT"
